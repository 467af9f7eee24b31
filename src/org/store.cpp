#include "org/store.hpp"

#include <soci/soci.h>

#include "core/time.hpp"
#include "db/name_index.hpp"
#include "db/row.hpp"

namespace zp::org {

namespace {
constexpr const char* kColumns =
    "o.id, o.parent_id, o.path, o.kind, o.name, o.credit_code, o.unit_type, o.legal_person, o.supervising_dept_id, "
    "o.region, o.status, o.reject_reason, o.contact_name, o.contact_phone, o.created_at, o.updated_at";

Org read(const soci::row& r) {
  using namespace db;
  Org o;
  o.id = int64_at(r, 0);
  o.parent_id = opt_int64_at(r, 1);
  o.path = text_at(r, 2);
  o.kind = text_at(r, 3);
  o.name = text_at(r, 4);
  o.credit_code = opt_text_at(r, 5);
  o.unit_type = opt_text_at(r, 6);
  o.legal_person = bool_at(r, 7);
  o.supervising_dept_id = opt_int64_at(r, 8);
  o.region = text_at(r, 9);
  o.status = text_at(r, 10);
  o.reject_reason = opt_text_at(r, 11);
  o.contact_name = opt_text_at(r, 12);
  o.contact_phone = opt_text_at(r, 13);
  o.created_at = int64_at(r, 14);
  o.updated_at = int64_at(r, 15);
  return o;
}

template <class T>
soci::indicator ind(const std::optional<T>& v) {
  return v ? soci::i_ok : soci::i_null;
}

// Builds "(o.path LIKE :p0 OR o.path LIKE :p1 …)" and the bound patterns; an empty scope matches nothing.
std::string scope_clause(const std::vector<std::string>& prefixes, std::vector<std::string>& patterns) {
  if (prefixes.empty()) return "(1 = 0)";
  std::string clause = "(";
  for (std::size_t i = 0; i < prefixes.size(); ++i) {
    if (i) clause += " OR ";
    clause += "o.path LIKE :p" + std::to_string(i);
    patterns.push_back(prefixes[i] + "%");
  }
  return clause + ")";
}

Designation read_designation(const soci::row& r) {
  using namespace db;
  Designation d;
  d.id = int64_at(r, 0);
  d.unit_id = int64_at(r, 1);
  d.user_id = int64_at(r, 2);
  d.status = text_at(r, 3);
  d.requested_by = int64_at(r, 4);
  d.created_at = int64_at(r, 5);
  d.decided_by = opt_int64_at(r, 6);
  d.decided_at = opt_int64_at(r, 7);
  d.reason = opt_text_at(r, 8);
  d.unit_name = text_at(r, 9);
  d.unit_path = text_at(r, 10);
  d.real_name = text_at(r, 11);
  return d;
}
constexpr const char* kDesignationSelect =
    "SELECT d.id, d.unit_id, d.user_id, d.status, d.requested_by, d.created_at, d.decided_by, d.decided_at, d.reason, "
    "o.name, o.path, u.real_name FROM reviewer_designations d JOIN orgs o ON o.id = d.unit_id "
    "JOIN users u ON u.id = d.user_id";
}  // namespace

std::optional<std::string> path_of(db::Database& db, std::int64_t id) {
  auto tx = db.read();
  std::string path;
  soci::indicator i = soci::i_null;
  long long key = id;
  tx.sql() << "SELECT path FROM orgs WHERE id = :id", soci::use(key), soci::into(path, i);
  if (!tx.sql().got_data()) return std::nullopt;
  return path;
}

std::optional<std::int64_t> root_id(db::Tx& tx) {
  static const std::string sql = "SELECT MIN(id) FROM orgs WHERE parent_id IS NULL";
  auto rows = tx.query(sql);
  return rows.next() ? db::opt_int64_at(rows.row(), 0) : std::nullopt;
}

std::string root_path(db::Tx& tx) {
  const auto id = root_id(tx);
  return id ? "/" + std::to_string(*id) + "/" : "/";
}

std::optional<Org> find(db::Tx& tx, std::int64_t id) {
  static const std::string sql = std::string("SELECT ") + kColumns + " FROM orgs o WHERE o.id = :id";
  auto rows = tx.query(sql, id);
  if (rows.next()) return read(rows.row());
  return std::nullopt;
}

std::optional<Org> find_by_credit_code(db::Tx& tx, const std::string& code) {
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << std::string("SELECT ") + kColumns + " FROM orgs o WHERE o.credit_code = :c", soci::use(code));
  for (const auto& r : rs) return read(r);
  return std::nullopt;
}

void insert(db::Tx& tx, Org& o) {
  auto& sql = tx.sql();
  const long long now = timeutil::now_ms();
  o.created_at = o.updated_at = now;
  long long parent = o.parent_id.value_or(0), dept = o.supervising_dept_id.value_or(0);
  int legal = o.legal_person ? 1 : 0;
  soci::indicator pi = ind(o.parent_id), di = ind(o.supervising_dept_id), ci = ind(o.credit_code),
                  ti = ind(o.unit_type), cni = ind(o.contact_name), cpi = ind(o.contact_phone);
  std::string code = o.credit_code.value_or(""), type = o.unit_type.value_or(""), cn = o.contact_name.value_or(""),
              cp = o.contact_phone.value_or("");
  long long id = 0;
  sql << "INSERT INTO orgs (parent_id, path, kind, name, credit_code, unit_type, legal_person, supervising_dept_id, "
         "region, status, contact_name, contact_phone, created_at, updated_at) VALUES (:parent, '', :kind, :name, "
         ":code, :type, :legal, :dept, :region, :status, :cn, :cp, :c, :u) RETURNING id",
      soci::use(parent, pi), soci::use(o.kind), soci::use(o.name), soci::use(code, ci), soci::use(type, ti),
      soci::use(legal), soci::use(dept, di), soci::use(o.region), soci::use(o.status), soci::use(cn, cni),
      soci::use(cp, cpi), soci::use(now), soci::use(now), soci::into(id);
  o.id = id;
  std::string parent_path = "/";
  if (o.parent_id) {
    soci::indicator ppi;
    sql << "SELECT path FROM orgs WHERE id = :p", soci::use(parent), soci::into(parent_path, ppi);
  }
  o.path = parent_path + std::to_string(id) + "/";
  sql << "UPDATE orgs SET path = :path WHERE id = :id", soci::use(o.path), soci::use(id);
  if (o.kind == "unit") db::index_name(sql, "unit", id, o.name);
}

void update(db::Tx& tx, const Org& o) {
  const long long now = timeutil::now_ms();
  long long id = o.id, dept = o.supervising_dept_id.value_or(0);
  int legal = o.legal_person ? 1 : 0;
  soci::indicator di = ind(o.supervising_dept_id), ti = ind(o.unit_type), ri = ind(o.reject_reason);
  std::string type = o.unit_type.value_or(""), reason = o.reject_reason.value_or("");
  tx.sql() << "UPDATE orgs SET name = :name, unit_type = :type, legal_person = :legal, supervising_dept_id = :dept, "
              "region = :region, status = :status, reject_reason = :reason, updated_at = :u WHERE id = :id",
      soci::use(o.name), soci::use(type, ti), soci::use(legal), soci::use(dept, di), soci::use(o.region),
      soci::use(o.status), soci::use(reason, ri), soci::use(now), soci::use(id);
  if (o.kind == "unit") db::index_name(tx.sql(), "unit", id, o.name);
}

std::vector<Org> list_under(db::Tx& tx, const std::vector<std::string>& prefixes, const std::string& kind,
                            const std::string& status) {
  std::vector<std::string> patterns;
  const std::string where = scope_clause(prefixes, patterns);
  soci::statement st(tx.sql());
  std::string q = std::string("SELECT ") + kColumns + " FROM orgs o WHERE " + where +
                  " AND (:k1 = '' OR o.kind = :k2) AND (:s1 = '' OR o.status = :s2) ORDER BY o.path";
  soci::row r;
  st.exchange(soci::into(r));
  for (std::size_t i = 0; i < patterns.size(); ++i) st.exchange(soci::use(patterns[i], "p" + std::to_string(i)));
  st.exchange(soci::use(kind, "k1"));
  st.exchange(soci::use(kind, "k2"));
  st.exchange(soci::use(status, "s1"));
  st.exchange(soci::use(status, "s2"));
  st.alloc();
  st.prepare(q);
  st.define_and_bind();
  std::vector<Org> out;
  if (st.execute(true)) {
    do out.push_back(read(r));
    while (st.fetch());
  }
  return out;
}

std::vector<Org> list_public(db::Tx& tx, const std::vector<std::string>& kinds, const std::string& name_like,
                             int limit) {
  std::vector<Org> out;
  const std::string pattern = "%" + name_like + "%";
  long long lim = limit;
  for (const auto& kind : kinds) {
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << std::string("SELECT ") + kColumns +
                                 " FROM orgs o WHERE o.kind = :k AND o.status = 'active' AND o.name LIKE :q "
                                 "ORDER BY o.path LIMIT :lim",
         soci::use(kind), soci::use(pattern), soci::use(lim));
    for (const auto& r : rs) out.push_back(read(r));
  }
  return out;
}

std::vector<StaffMember> staff_of(db::Tx& tx, std::int64_t unit_id) {
  long long key = unit_id;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << "SELECT id, login, real_name, phone, email FROM users WHERE unit_id = :u ORDER BY id", soci::use(key));
  std::vector<StaffMember> out;
  for (const auto& r : rs)
    out.push_back({db::int64_at(r, 0), db::text_at(r, 1), db::text_at(r, 2), db::text_at(r, 3), db::opt_text_at(r, 4)});
  return out;
}

std::int64_t insert_designation(db::Tx& tx, const Designation& d) {
  long long unit = d.unit_id, user = d.user_id, by = d.requested_by, at = timeutil::now_ms(), id = 0;
  tx.sql() << "INSERT INTO reviewer_designations (unit_id, user_id, status, requested_by, created_at) VALUES "
              "(:unit, :user, 'pending', :by, :at) RETURNING id",
      soci::use(unit), soci::use(user), soci::use(by), soci::use(at), soci::into(id);
  return id;
}

std::optional<Designation> find_designation(db::Tx& tx, std::int64_t id) {
  long long key = id;
  soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kDesignationSelect) + " WHERE d.id = :id", soci::use(key));
  for (const auto& r : rs) return read_designation(r);
  return std::nullopt;
}

std::optional<Designation> pending_designation(db::Tx& tx, std::int64_t unit_id) {
  long long key = unit_id;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << std::string(kDesignationSelect) + " WHERE d.unit_id = :u AND d.status = 'pending'",
       soci::use(key));
  for (const auto& r : rs) return read_designation(r);
  return std::nullopt;
}

std::vector<Designation> list_designations(db::Tx& tx, const std::vector<std::string>& prefixes,
                                           const std::string& status) {
  std::vector<std::string> patterns;
  const std::string where = scope_clause(prefixes, patterns);
  soci::statement st(tx.sql());
  soci::row r;
  st.exchange(soci::into(r));
  for (std::size_t i = 0; i < patterns.size(); ++i) st.exchange(soci::use(patterns[i], "p" + std::to_string(i)));
  st.exchange(soci::use(status, "s1"));
  st.exchange(soci::use(status, "s2"));
  st.alloc();
  st.prepare(std::string(kDesignationSelect) + " WHERE " + where +
             " AND (:s1 = '' OR d.status = :s2) ORDER BY d.created_at DESC, d.id DESC");
  st.define_and_bind();
  std::vector<Designation> out;
  if (st.execute(true)) {
    do out.push_back(read_designation(r));
    while (st.fetch());
  }
  return out;
}

void decide_designation(db::Tx& tx, std::int64_t id, const std::string& status, std::int64_t by,
                        const std::optional<std::string>& reason) {
  long long key = id, who = by, at = timeutil::now_ms();
  std::string why = reason.value_or("");
  soci::indicator ri = ind(reason);
  tx.sql() << "UPDATE reviewer_designations SET status = :s, decided_by = :by, decided_at = :at, reason = :r "
              "WHERE id = :id",
      soci::use(status), soci::use(who), soci::use(at), soci::use(why, ri), soci::use(key);
}

bool applies_in_open_campaign(db::Tx& tx, std::int64_t user_id) {
  long long key = user_id, n = 0;
  tx.sql() << "SELECT COUNT(*) FROM dossiers d JOIN campaigns c ON c.id = d.campaign_id WHERE d.user_id = :u "
              "AND d.state NOT IN ('withdrawn', 'void') AND c.status = 'active'",
      soci::use(key), soci::into(n);
  return n > 0;
}

std::optional<CurrentReviewer> current_reviewer(db::Tx& tx, std::int64_t unit_id) {
  long long key = unit_id;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << "SELECT u.id, u.real_name, ra.created_at FROM role_assignments ra JOIN users u ON "
                           "u.id = ra.user_id WHERE ra.org_id = :u AND ra.role = 'unit_reviewer'",
       soci::use(key));
  for (const auto& r : rs) return CurrentReviewer{db::int64_at(r, 0), db::text_at(r, 1), db::int64_at(r, 2)};
  return std::nullopt;
}

}  // namespace zp::org
