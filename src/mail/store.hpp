#pragma once
// SQL for the mail outbox. A row is claimed (status sending, claimed_by) before it is sent, so that servers
// sharing one database never send the same mail; every later change is conditional on that claim.
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "mail/model.hpp"

namespace zp::mail {

struct Recipient {
  std::string email, real_name;
};
// The user's address and name, when the user has an address.
std::optional<Recipient> recipient_of(db::Tx& tx, std::int64_t user_id);

std::int64_t insert_mail(db::Tx& tx, const OutboxMail& m);
std::optional<OutboxMail> find_mail(db::Tx& tx, std::int64_t id);

// Queued mails whose time has come, oldest first.
std::vector<std::int64_t> due_mail_ids(db::Tx& tx, std::int64_t now, int limit);
// Takes a queued mail for `claimer` and counts the attempt; false when another sender took it first.
bool claim_mail(db::Tx& tx, std::int64_t id, const std::string& claimer, std::int64_t now);
// Mails left in sending since before `cutoff` (a server stopped while sending them).
std::vector<OutboxMail> stale_claims(db::Tx& tx, std::int64_t cutoff);

// The result of an attempt, applied only while `claimer` still holds the claim.
struct AttemptOutcome {
  std::string status;  // sent, queued (to retry) or failed
  std::optional<std::string> error;
  std::int64_t next_attempt_at = 0;
  std::optional<std::int64_t> sent_at;
  bool uncount_attempt = false;  // the mail was handed back without being tried
};
bool finish_claim(db::Tx& tx, std::int64_t id, const std::string& claimer, const AttemptOutcome& outcome);

struct OutboxFilter {
  std::string status;  // empty = any
  std::optional<std::int64_t> user_id;
  int page = 1, page_size = 20;
};
std::vector<OutboxMail> list_mails(db::Tx& tx, const OutboxFilter& f, std::int64_t* total);

}  // namespace zp::mail
