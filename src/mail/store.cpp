#include "mail/store.hpp"

#include <soci/soci.h>

#include "db/row.hpp"

namespace zp::mail {

using namespace db;

namespace {
constexpr const char* kColumns =
    "id, message_id, user_id, to_address, subject, body, status, attempts, last_error, claimed_by, next_attempt_at, "
    "created_at, sent_at";

OutboxMail read_mail(const soci::row& r) {
  OutboxMail m;
  m.id = int64_at(r, 0);
  m.message_id = opt_int64_at(r, 1);
  m.user_id = int64_at(r, 2);
  m.to_address = text_at(r, 3);
  m.subject = text_at(r, 4);
  m.body = text_at(r, 5);
  m.status = text_at(r, 6);
  m.attempts = static_cast<int>(int64_at(r, 7));
  m.last_error = opt_text_at(r, 8);
  m.claimed_by = opt_text_at(r, 9);
  m.next_attempt_at = int64_at(r, 10);
  m.created_at = int64_at(r, 11);
  m.sent_at = opt_int64_at(r, 12);
  return m;
}
}  // namespace

std::optional<Recipient> recipient_of(db::Tx& tx, std::int64_t user_id) {
  long long key = user_id;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << "SELECT email, real_name FROM users WHERE id = :u AND email IS NOT NULL AND email <> ''", soci::use(key));
  for (const auto& r : rs) return Recipient{text_at(r, 0), text_at(r, 1)};
  return std::nullopt;
}

std::int64_t insert_mail(db::Tx& tx, const OutboxMail& m) {
  long long message = m.message_id.value_or(0), user = m.user_id, next = m.next_attempt_at, created = m.created_at, id = 0;
  soci::indicator mi = m.message_id ? soci::i_ok : soci::i_null;
  tx.sql() << "INSERT INTO mail_outbox (message_id, user_id, to_address, subject, body, status, attempts, next_attempt_at, created_at) "
              "VALUES (:m, :u, :t, :s, :b, 'queued', 0, :n, :c) RETURNING id",
      soci::use(message, mi), soci::use(user), soci::use(m.to_address), soci::use(m.subject), soci::use(m.body), soci::use(next),
      soci::use(created), soci::into(id);
  return id;
}

std::optional<OutboxMail> find_mail(db::Tx& tx, std::int64_t id) {
  long long key = id;
  soci::rowset<soci::row> rs = (tx.sql().prepare << std::string("SELECT ") + kColumns + " FROM mail_outbox WHERE id = :id", soci::use(key));
  for (const auto& r : rs) return read_mail(r);
  return std::nullopt;
}

std::vector<std::int64_t> due_mail_ids(db::Tx& tx, std::int64_t now, int limit) {
  long long at = now, n = limit;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << "SELECT id FROM mail_outbox WHERE status = 'queued' AND next_attempt_at <= :n "
                           "ORDER BY next_attempt_at, id LIMIT :lim",
       soci::use(at), soci::use(n));
  std::vector<std::int64_t> out;
  for (const auto& r : rs) out.push_back(int64_at(r, 0));
  return out;
}

bool claim_mail(db::Tx& tx, std::int64_t id, const std::string& claimer, std::int64_t now) {
  long long key = id, at = now;
  soci::statement st =
      (tx.sql().prepare << "UPDATE mail_outbox SET status = 'sending', claimed_by = :c, claimed_at = :a, attempts = attempts + 1 "
                           "WHERE id = :id AND status = 'queued'",
       soci::use(claimer), soci::use(at), soci::use(key));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::vector<OutboxMail> stale_claims(db::Tx& tx, std::int64_t cutoff) {
  long long before = cutoff;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << std::string("SELECT ") + kColumns + " FROM mail_outbox WHERE status = 'sending' AND claimed_at < :b ORDER BY id",
       soci::use(before));
  std::vector<OutboxMail> out;
  for (const auto& r : rs) out.push_back(read_mail(r));
  return out;
}

bool finish_claim(db::Tx& tx, std::int64_t id, const std::string& claimer, const AttemptOutcome& outcome) {
  long long key = id, next = outcome.next_attempt_at, sent = outcome.sent_at.value_or(0);
  int uncount = outcome.uncount_attempt ? 1 : 0;
  std::string error = outcome.error.value_or("");
  soci::indicator ei = outcome.error ? soci::i_ok : soci::i_null, si = outcome.sent_at ? soci::i_ok : soci::i_null;
  // The claimer and claim time stay on the row: they record which server made the last attempt.
  soci::statement st =
      (tx.sql().prepare << "UPDATE mail_outbox SET status = :s, last_error = COALESCE(:e, last_error), next_attempt_at = :n, "
                           "sent_at = :t, attempts = attempts - :u WHERE id = :id AND status = 'sending' AND claimed_by = :c",
       soci::use(outcome.status), soci::use(error, ei), soci::use(next), soci::use(sent, si), soci::use(uncount), soci::use(key),
       soci::use(claimer));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::vector<OutboxMail> list_mails(db::Tx& tx, const OutboxFilter& f, std::int64_t* total) {
  long long user = f.user_id.value_or(0), limit = f.page_size, offset = static_cast<long long>(f.page - 1) * f.page_size, n = 0;
  const std::string where = " WHERE (:s1 = '' OR status = :s2) AND (:u1 = 0 OR user_id = :u2)";
  tx.sql() << "SELECT COUNT(*) FROM mail_outbox" + where, soci::use(f.status, "s1"), soci::use(f.status, "s2"), soci::use(user, "u1"),
      soci::use(user, "u2"), soci::into(n);
  if (total) *total = n;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << std::string("SELECT ") + kColumns + " FROM mail_outbox" + where + " ORDER BY id DESC LIMIT :lim OFFSET :off",
       soci::use(f.status, "s1"), soci::use(f.status, "s2"), soci::use(user, "u1"), soci::use(user, "u2"), soci::use(limit, "lim"),
       soci::use(offset, "off"));
  std::vector<OutboxMail> out;
  for (const auto& r : rs) out.push_back(read_mail(r));
  return out;
}

}  // namespace zp::mail
