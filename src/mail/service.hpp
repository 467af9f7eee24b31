#pragma once
// Rules for mail copies of messages: whether and how a message becomes an outbox row, when a failed mail is
// tried again, which settings are usable, and who may look at the outbox.
#include <optional>
#include <vector>

#include "authz/actor.hpp"
#include "db/database.hpp"
#include "mail/model.hpp"
#include "mail/store.hpp"

namespace zp::authz {
class Authorizer;
}

namespace zp::mail {

// Process configuration, set once at start from [mail] before any request: when off, messages::post queues nothing.
void set_copies_enabled(bool enabled);
bool copies_enabled();

// Called by messages::post inside the message's transaction: queues a mail when copies are on and the recipient
// has an address, so a rolled-back change sends nothing.
void queue_copy(db::Tx& tx, const MessageCopy& message);

// The outbox row for a message: a Chinese subject, a Chinese body with an English line.
OutboxMail compose_copy(const Recipient& to, const MessageCopy& message, std::int64_t now);

// How long to wait after the attempts made so far have all failed; nullopt = give up (max_attempts reached).
std::optional<std::int64_t> retry_delay_ms(int attempts_made, const Settings& settings);

// Throws std::invalid_argument naming the first unusable setting (only when mail is enabled).
void check_settings(const Settings& settings);

class Service {
 public:
  Service(db::Database& db, const authz::Authorizer& authz, bool sending) : db_(db), authz_(authz), sending_(sending) {}
  // The outbox, newest first: for the system administrator at the root of the organisation tree.
  std::vector<OutboxMail> outbox(const authz::Actor& actor, const OutboxFilter& filter, std::int64_t* total);
  bool sending() const { return sending_; }

 private:
  db::Database& db_;
  const authz::Authorizer& authz_;
  bool sending_;
};

}  // namespace zp::mail
