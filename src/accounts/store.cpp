#include "accounts/store.hpp"

#include <soci/soci.h>

#include "core/time.hpp"
#include "db/name_index.hpp"
#include "db/row.hpp"

namespace zp::accounts {

namespace {
constexpr const char* kUserSelect =
    "SELECT u.id, u.login, u.real_name, u.phone, u.resident_id, u.unit_id, COALESCE(o.name, ''), u.password_hash, "
    "u.must_change_password, u.failed_logins, u.locked_until, u.created_at, u.email FROM users u "
    "LEFT JOIN orgs o ON o.id = u.unit_id";

User read_user(const soci::row& r) {
  using namespace db;
  User u;
  u.id = int64_at(r, 0);
  u.login = text_at(r, 1);
  u.real_name = text_at(r, 2);
  u.phone = text_at(r, 3);
  u.resident_id = opt_text_at(r, 4);
  u.unit_id = opt_int64_at(r, 5);
  u.unit_name = text_at(r, 6);
  u.password_hash = text_at(r, 7);
  u.must_change_password = bool_at(r, 8);
  u.failed_logins = static_cast<int>(int64_at(r, 9));
  u.locked_until = opt_int64_at(r, 10);
  u.created_at = int64_at(r, 11);
  u.email = opt_text_at(r, 12);
  return u;
}

std::optional<User> one_user(db::Rows rows) {
  if (rows.next()) return read_user(rows.row());
  return std::nullopt;
}
}  // namespace

std::optional<User> find_user(db::Tx& tx, std::int64_t id) {
  static const std::string sql = std::string(kUserSelect) + " WHERE u.id = :id";
  return one_user(tx.query(sql, id));
}

std::optional<User> find_user_by_login(db::Tx& tx, const std::string& login) {
  static const std::string sql = std::string(kUserSelect) + " WHERE u.login = :l";
  return one_user(tx.query(sql, login));
}

bool resident_id_taken(db::Tx& tx, const std::string& resident_id) {
  static const std::string sql = "SELECT COUNT(*) FROM users WHERE resident_id = :r";
  auto rows = tx.query(sql, resident_id);
  return rows.next() && db::int64_at(rows.row(), 0) > 0;
}

std::int64_t insert_user(db::Tx& tx, const User& u) {
  const long long now = timeutil::now_ms();
  long long unit = u.unit_id.value_or(0), id = 0;
  soci::indicator ui = u.unit_id ? soci::i_ok : soci::i_null, ri = u.resident_id ? soci::i_ok : soci::i_null;
  std::string rid = u.resident_id.value_or("");
  int must = u.must_change_password ? 1 : 0;
  tx.sql() << "INSERT INTO users (login, real_name, phone, resident_id, unit_id, password_hash, must_change_password, "
              "created_at, updated_at) VALUES (:l, :n, :p, :r, :u, :h, :m, :c, :c2) RETURNING id",
      soci::use(u.login), soci::use(u.real_name), soci::use(u.phone), soci::use(rid, ri), soci::use(unit, ui),
      soci::use(u.password_hash), soci::use(must), soci::use(now), soci::use(now), soci::into(id);
  db::index_name(tx.sql(), "user", id, u.real_name);
  return id;
}

void record_login_failure(db::Tx& tx, std::int64_t id, int failed, std::optional<std::int64_t> locked_until) {
  long long key = id, until = locked_until.value_or(0);
  soci::indicator li = locked_until ? soci::i_ok : soci::i_null;
  tx.sql() << "UPDATE users SET failed_logins = :f, locked_until = :l WHERE id = :id", soci::use(failed),
      soci::use(until, li), soci::use(key);
}

void clear_login_failures(db::Tx& tx, std::int64_t id) {
  static const std::string sql = "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = :id";
  tx.exec(sql, id);
}

void set_password(db::Tx& tx, std::int64_t id, const std::string& hash, bool must_change) {
  long long key = id, now = timeutil::now_ms();
  int must = must_change ? 1 : 0;
  tx.sql() << "UPDATE users SET password_hash = :h, must_change_password = :m, updated_at = :u WHERE id = :id",
      soci::use(hash), soci::use(must), soci::use(now), soci::use(key);
}

void set_email(db::Tx& tx, std::int64_t id, const std::optional<std::string>& email) {
  long long key = id, now = timeutil::now_ms();
  std::string address = email.value_or("");
  soci::indicator ei = email ? soci::i_ok : soci::i_null;
  tx.sql() << "UPDATE users SET email = :e, updated_at = :u WHERE id = :id", soci::use(address, ei), soci::use(now), soci::use(key);
}

std::vector<authz::RoleGrant> roles_of(db::Tx& tx, std::int64_t user_id) {
  static const std::string sql =
      "SELECT ra.id, ra.role, ra.org_id, o.path, o.name, o.kind FROM role_assignments ra "
      "JOIN orgs o ON o.id = ra.org_id WHERE ra.user_id = :u ORDER BY ra.id";
  std::vector<authz::RoleGrant> out;
  for (auto rows = tx.query(sql, user_id); rows.next();) {
    const auto& r = rows.row();
    out.push_back({db::int64_at(r, 0), db::text_at(r, 1), db::int64_at(r, 2), db::text_at(r, 3), db::text_at(r, 4),
                   db::text_at(r, 5)});
  }
  return out;
}

std::int64_t insert_role(db::Tx& tx, std::int64_t user_id, const std::string& role, std::int64_t org_id) {
  long long u = user_id, o = org_id, now = timeutil::now_ms(), id = 0;
  tx.sql() << "INSERT INTO role_assignments (user_id, role, org_id, created_at) VALUES (:u, :r, :o, :c) RETURNING id",
      soci::use(u), soci::use(role), soci::use(o), soci::use(now), soci::into(id);
  return id;
}

std::optional<authz::RoleGrant> find_role(db::Tx& tx, std::int64_t assignment_id, std::int64_t* user_id) {
  long long key = assignment_id;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << "SELECT ra.id, ra.role, ra.org_id, o.path, o.name, o.kind, ra.user_id FROM role_assignments "
                           "ra JOIN orgs o ON o.id = ra.org_id WHERE ra.id = :id",
       soci::use(key));
  for (const auto& r : rs) {
    if (user_id) *user_id = db::int64_at(r, 6);
    return authz::RoleGrant{db::int64_at(r, 0), db::text_at(r, 1), db::int64_at(r, 2),
                            db::text_at(r, 3),  db::text_at(r, 4), db::text_at(r, 5)};
  }
  return std::nullopt;
}

void delete_role(db::Tx& tx, std::int64_t assignment_id) {
  long long key = assignment_id;
  tx.sql() << "DELETE FROM role_assignments WHERE id = :id", soci::use(key);
}

std::optional<std::int64_t> remove_unit_reviewer(db::Tx& tx, std::int64_t unit_id) {
  long long key = unit_id, user = 0;
  soci::indicator ind = soci::i_null;
  tx.sql() << "SELECT user_id FROM role_assignments WHERE org_id = :o AND role = 'unit_reviewer'", soci::use(key),
      soci::into(user, ind);
  if (!tx.sql().got_data()) return std::nullopt;
  tx.sql() << "DELETE FROM role_assignments WHERE org_id = :o AND role = 'unit_reviewer'", soci::use(key);
  return user;
}

std::vector<User> list_users(db::Tx& tx, const UserFilter& f, std::int64_t* total) {
  const std::string pattern = "%" + f.q + "%";
  const std::string where = " WHERE (:q1 = '' OR u.login LIKE :q2 OR u.real_name LIKE :q3)";
  long long n = 0;
  tx.sql() << "SELECT COUNT(*) FROM users u" + where, soci::use(f.q, "q1"), soci::use(pattern, "q2"),
      soci::use(pattern, "q3"), soci::into(n);
  if (total) *total = n;
  long long limit = f.page_size, offset = static_cast<long long>(f.page - 1) * f.page_size;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << std::string(kUserSelect) + where + " ORDER BY u.id LIMIT :lim OFFSET :off",
       soci::use(f.q, "q1"), soci::use(pattern, "q2"), soci::use(pattern, "q3"), soci::use(limit, "lim"),
       soci::use(offset, "off"));
  std::vector<User> out;
  for (const auto& r : rs) out.push_back(read_user(r));
  return out;
}

void insert_session(db::Tx& tx, const Session& s, const std::string& ip) {
  static const std::string sql =
      "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, ip) VALUES (:k, :u, :csrf, :c, :l, :ip)";
  tx.exec(sql, s.key, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, ip);
}

std::optional<Session> find_session(db::Tx& tx, const std::string& key) {
  static const std::string sql = "SELECT token_hash, user_id, csrf_token, created_at, last_seen_at FROM sessions WHERE token_hash = :k";
  auto rows = tx.query(sql, key);
  if (!rows.next()) return std::nullopt;
  const auto& r = rows.row();
  return Session{db::text_at(r, 0), db::int64_at(r, 1), db::text_at(r, 2), db::int64_at(r, 3), db::int64_at(r, 4)};
}

void touch_session(db::Tx& tx, const std::string& key, std::int64_t at) {
  static const std::string sql = "UPDATE sessions SET last_seen_at = :t WHERE token_hash = :k";
  tx.exec(sql, at, key);
}

void delete_session(db::Tx& tx, const std::string& key) {
  static const std::string sql = "DELETE FROM sessions WHERE token_hash = :k";
  tx.exec(sql, key);
}

void delete_user_sessions(db::Tx& tx, std::int64_t user_id) {
  long long key = user_id;
  tx.sql() << "DELETE FROM sessions WHERE user_id = :u", soci::use(key);
}

void delete_sessions_idle_since(db::Tx& tx, std::int64_t before) {
  long long t = before;
  tx.sql() << "DELETE FROM sessions WHERE last_seen_at < :t", soci::use(t);
}

}  // namespace zp::accounts
