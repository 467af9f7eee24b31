#include "audit/store.hpp"

#include <soci/soci.h>

#include "core/crypto.hpp"
#include "core/time.hpp"
#include "db/row.hpp"

namespace zp::audit {

namespace {
constexpr const char* kGenesis = "0000000000000000000000000000000000000000000000000000000000000000";

std::string field(const std::string& s) { return std::to_string(s.size()) + ":" + s + "|"; }
std::string opt(const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : std::string("-"); }

Row read_row(const soci::row& r) {
  using namespace db;
  Row x;
  x.id = int64_at(r, 0);
  x.at = int64_at(r, 1);
  x.actor_user_id = opt_int64_at(r, 2);
  x.actor_login = text_at(r, 3);
  x.acting_as_user_id = opt_int64_at(r, 4);
  x.acting_as_login = text_at(r, 5);
  x.role = text_at(r, 6);
  x.ip = text_at(r, 7);
  x.action = text_at(r, 8);
  x.object_type = text_at(r, 9);
  x.object_id = text_at(r, 10);
  x.summary = text_at(r, 11);
  x.prev_hash = text_at(r, 12);
  x.hash = text_at(r, 13);
  return x;
}
constexpr const char* kColumns =
    "id, at, actor_user_id, actor_login, acting_as_user_id, acting_as_login, role, ip, action, object_type, "
    "object_id, summary, prev_hash, hash";
}  // namespace

std::string row_hash(const Row& r) {
  // Length-prefixed fields so no two different rows share a canonical text.
  const std::string canonical = field(std::to_string(r.at)) + field(opt(r.actor_user_id)) + field(r.actor_login) +
                                field(opt(r.acting_as_user_id)) + field(r.acting_as_login) + field(r.role) +
                                field(r.ip) + field(r.action) + field(r.object_type) + field(r.object_id) +
                                field(r.summary) + field(r.prev_hash);
  return crypto::sha256_hex(canonical);
}

void append(db::Tx& tx, const Origin& origin, const Entry& entry) {
  // Several servers share one PostgreSQL: serialise appends so the chain stays linear.
  // (SQLite write transactions are already serialised.)
  static const std::string lock = "SELECT pg_advisory_xact_lock(727002)";
  if (tx.kind() == db::Kind::postgresql) tx.exec(lock);
  Row r;
  r.at = timeutil::now_ms();
  r.actor_user_id = origin.user_id;
  r.actor_login = origin.login;
  r.acting_as_user_id = origin.acting_as_user_id ? origin.acting_as_user_id : origin.user_id;
  r.acting_as_login = origin.acting_as_login.empty() ? origin.login : origin.acting_as_login;
  r.role = origin.role;
  r.ip = origin.ip;
  r.action = entry.action;
  r.object_type = entry.object_type;
  r.object_id = entry.object_id;
  r.summary = entry.summary;
  static const std::string last = "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1";
  {
    auto rows = tx.query(last);
    r.prev_hash = rows.next() ? db::text_at(rows.row(), 0) : kGenesis;
  }
  r.hash = row_hash(r);
  static const std::string insert =
      "INSERT INTO audit_log (at, actor_user_id, actor_login, acting_as_user_id, acting_as_login, role, ip, "
      "action, object_type, object_id, summary, prev_hash, hash) VALUES (:at, :au, :al, :su, :sl, :role, :ip, "
      ":action, :ot, :oid, :summary, :prev, :hash)";
  tx.exec(insert, r.at, r.actor_user_id, r.actor_login, r.acting_as_user_id, r.acting_as_login, r.role, r.ip, r.action,
          r.object_type, r.object_id, r.summary, r.prev_hash, r.hash);
}

std::vector<Row> list(db::Tx& tx, const ListFilter& f, std::int64_t* total) {
  auto& sql = tx.sql();
  const std::string where = " WHERE (:a1 = '' OR action = :a2) AND (:u1 = '' OR actor_login = :u2)";
  long long count = 0;
  sql << "SELECT COUNT(*) FROM audit_log" + where, soci::use(f.action, "a1"), soci::use(f.action, "a2"),
      soci::use(f.actor, "u1"), soci::use(f.actor, "u2"), soci::into(count);
  if (total) *total = count;
  long long limit = f.page_size, offset = static_cast<long long>(f.page - 1) * f.page_size;
  soci::rowset<soci::row> rs = (sql.prepare << std::string("SELECT ") + kColumns + " FROM audit_log" + where +
                                                   " ORDER BY id DESC LIMIT :lim OFFSET :off",
                                soci::use(f.action, "a1"), soci::use(f.action, "a2"), soci::use(f.actor, "u1"),
                                soci::use(f.actor, "u2"), soci::use(limit, "lim"), soci::use(offset, "off"));
  std::vector<Row> out;
  for (const auto& r : rs) out.push_back(read_row(r));
  return out;
}

VerifyResult verify(db::Tx& tx) {
  VerifyResult res;
  std::string expected_prev = kGenesis;
  soci::rowset<soci::row> rs = (tx.sql().prepare << std::string("SELECT ") + kColumns + " FROM audit_log ORDER BY id");
  for (const auto& r : rs) {
    Row row = read_row(r);
    ++res.rows;
    if (res.intact && (row.prev_hash != expected_prev || row_hash(row) != row.hash)) {
      res.intact = false;
      res.first_broken_id = row.id;
    }
    expected_prev = row.hash;
  }
  return res;
}

}  // namespace zp::audit
