#pragma once
// In-app messages (消息中心): written in the same transaction as the change they report. When mail is on, post()
// also queues a mail copy for a recipient with an email address, in that same transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace zp::messages {

struct Message {
  std::int64_t id = 0, user_id = 0;
  std::string kind, title, title_en, body;
  std::optional<std::int64_t> dossier_id, read_at;
  std::int64_t created_at = 0;
};

void post(db::Tx& tx, std::int64_t user_id, const std::string& kind, const std::string& title, const std::string& title_en,
          const std::string& body, std::optional<std::int64_t> dossier_id);
// Every holder of `role` at the organisation.
void post_to_role(db::Tx& tx, const std::string& role, std::int64_t org_id, const std::string& kind, const std::string& title,
                  const std::string& title_en, const std::string& body, std::optional<std::int64_t> dossier_id);
std::vector<Message> list(db::Tx& tx, std::int64_t user_id, bool unread_only, int page, int page_size, std::int64_t* total);
std::int64_t unread_count(db::Tx& tx, std::int64_t user_id);
bool mark_read(db::Tx& tx, std::int64_t user_id, std::int64_t id);  // false when not the user's message
void mark_all_read(db::Tx& tx, std::int64_t user_id);

}  // namespace zp::messages
