#pragma once
// The signed-in user's message centre. Messages are posted by other use cases, in their transactions.
#include <vector>

#include "authz/actor.hpp"
#include "db/database.hpp"
#include "messages/store.hpp"

namespace zp::messages {

struct Inbox {
  std::vector<Message> items;
  std::int64_t total = 0, unread = 0;
};

class Service {
 public:
  explicit Service(db::Database& db) : db_(db) {}
  Inbox inbox(const authz::Actor& actor, bool unread_only, int page, int page_size);
  void read(const authz::Actor& actor, std::int64_t id);
  void read_all(const authz::Actor& actor);

 private:
  db::Database& db_;
};

}  // namespace zp::messages
