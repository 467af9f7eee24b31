#include "messages/store.hpp"

#include <soci/soci.h>

#include "core/time.hpp"
#include "db/row.hpp"
#include "mail/service.hpp"

namespace zp::messages {

using namespace db;

void post(db::Tx& tx, std::int64_t user_id, const std::string& kind, const std::string& title, const std::string& title_en,
          const std::string& body, std::optional<std::int64_t> dossier_id) {
  static const std::string sql =
      "INSERT INTO messages (user_id, kind, title, title_en, body, dossier_id, created_at) VALUES (:u, :k, :t, :te, :b, :d, :c) "
      "RETURNING id";
  std::int64_t id = 0;
  {
    auto rows = tx.query(sql, user_id, kind, title, title_en, body, dossier_id, timeutil::now_ms());
    rows.next();
    id = int64_at(rows.row(), 0);
  }
  mail::queue_copy(tx, {id, user_id, title, title_en, body});
}

void post_to_role(db::Tx& tx, const std::string& role, std::int64_t org_id, const std::string& kind, const std::string& title,
                  const std::string& title_en, const std::string& body, std::optional<std::int64_t> dossier_id) {
  static const std::string sql = "SELECT user_id FROM role_assignments WHERE role = :r AND org_id = :o";
  std::vector<std::int64_t> users;
  for (auto rows = tx.query(sql, role, org_id); rows.next();) users.push_back(int64_at(rows.row(), 0));
  for (auto u : users) post(tx, u, kind, title, title_en, body, dossier_id);
}

std::vector<Message> list(db::Tx& tx, std::int64_t user_id, bool unread_only, int page, int page_size, std::int64_t* total) {
  long long user = user_id, limit = page_size, offset = static_cast<long long>(page - 1) * page_size, n = 0;
  int unread = unread_only ? 1 : 0;
  tx.sql() << "SELECT COUNT(*) FROM messages WHERE user_id = :u AND (:o1 = 0 OR read_at IS NULL)", soci::use(user, "u"),
      soci::use(unread, "o1"), soci::into(n);
  if (total) *total = n;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << "SELECT id, user_id, kind, title, title_en, body, dossier_id, read_at, created_at FROM messages "
                           "WHERE user_id = :u AND (:o1 = 0 OR read_at IS NULL) ORDER BY id DESC LIMIT :lim OFFSET :off",
       soci::use(user, "u"), soci::use(unread, "o1"), soci::use(limit, "lim"), soci::use(offset, "off"));
  std::vector<Message> out;
  for (const auto& r : rs)
    out.push_back({int64_at(r, 0), int64_at(r, 1), text_at(r, 2), text_at(r, 3), text_at(r, 4), text_at(r, 5), opt_int64_at(r, 6),
                   opt_int64_at(r, 7), int64_at(r, 8)});
  return out;
}

std::int64_t unread_count(db::Tx& tx, std::int64_t user_id) {
  long long user = user_id, n = 0;
  tx.sql() << "SELECT COUNT(*) FROM messages WHERE user_id = :u AND read_at IS NULL", soci::use(user), soci::into(n);
  return n;
}

bool mark_read(db::Tx& tx, std::int64_t user_id, std::int64_t id) {
  long long user = user_id, key = id, now = timeutil::now_ms();
  soci::statement st = (tx.sql().prepare << "UPDATE messages SET read_at = COALESCE(read_at, :n) WHERE id = :id AND user_id = :u",
                        soci::use(now), soci::use(key), soci::use(user));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void mark_all_read(db::Tx& tx, std::int64_t user_id) {
  long long user = user_id, now = timeutil::now_ms();
  tx.sql() << "UPDATE messages SET read_at = :n WHERE user_id = :u AND read_at IS NULL", soci::use(now), soci::use(user);
}

}  // namespace zp::messages
