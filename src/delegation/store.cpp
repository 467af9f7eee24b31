#include "delegation/store.hpp"

#include <soci/soci.h>

#include "core/time.hpp"
#include "db/row.hpp"

namespace zp::delegation {

using namespace db;

std::int64_t insert_delegation(db::Tx& tx, const Delegation& d, std::int64_t by) {
  long long c = d.campaign_id, from = d.from_office_id, to = d.to_committee_id, series = d.series_id, who = by, now = timeutil::now_ms(), id = 0;
  tx.sql() << "INSERT INTO delegations (campaign_id, from_office_id, to_committee_id, number, reason, series_id, level, specialty, "
              "contact_name, contact_phone, issued_on, created_by, created_at) VALUES (:c, :f, :t, :n, :r, :s, :l, :sp, :cn, :cp, :i, :b, :a) "
              "RETURNING id",
      soci::use(c), soci::use(from), soci::use(to), soci::use(d.number), soci::use(d.reason), soci::use(series), soci::use(d.level),
      soci::use(d.specialty), soci::use(d.contact_name), soci::use(d.contact_phone), soci::use(d.issued_on), soci::use(who), soci::use(now),
      soci::into(id);
  return id;
}

void add_dossier(db::Tx& tx, std::int64_t delegation_id, std::int64_t dossier_id) {
  long long g = delegation_id, d = dossier_id;
  tx.sql() << "INSERT INTO delegation_dossiers (delegation_id, dossier_id) VALUES (:g, :d)", soci::use(g), soci::use(d);
}

namespace {
constexpr const char* kColumns =
    "id, campaign_id, from_office_id, to_committee_id, series_id, created_at, number, reason, level, specialty, contact_name, "
    "contact_phone, issued_on";
Delegation read(const soci::row& r) {
  return {int64_at(r, 0), int64_at(r, 1), int64_at(r, 2), int64_at(r, 3), int64_at(r, 4), int64_at(r, 5), text_at(r, 6),
          text_at(r, 7), text_at(r, 8), text_at(r, 9), text_at(r, 10), text_at(r, 11), text_at(r, 12)};
}
}  // namespace

std::optional<Delegation> find_delegation(db::Tx& tx, std::int64_t id) {
  long long key = id;
  soci::rowset<soci::row> rs = (tx.sql().prepare << std::string("SELECT ") + kColumns + " FROM delegations WHERE id = :id", soci::use(key));
  for (const auto& r : rs) return read(r);
  return std::nullopt;
}

std::vector<Delegation> delegations_of(db::Tx& tx, std::int64_t campaign_id) {
  long long c = campaign_id;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << std::string("SELECT ") + kColumns + " FROM delegations WHERE campaign_id = :c ORDER BY id", soci::use(c));
  std::vector<Delegation> out;
  for (const auto& r : rs) out.push_back(read(r));
  return out;
}

std::vector<Delegation> delegations_under(db::Tx& tx, bool received, const std::vector<std::string>& prefixes) {
  std::vector<Delegation> out;
  if (prefixes.empty()) return out;
  // Only the number of prefixes shapes the text; the prefixes themselves are bound.
  std::string sql = std::string("SELECT ") + kColumns + " FROM delegations WHERE " + (received ? "to_committee_id" : "from_office_id") +
                    " IN (SELECT id FROM orgs WHERE ";
  std::vector<Param> params;
  for (std::size_t i = 0; i < prefixes.size(); ++i) {
    sql += (i ? " OR " : "") + std::string("path LIKE :p") + std::to_string(i);
    params.emplace_back(prefixes[i] + "%");
  }
  sql += ") ORDER BY id DESC LIMIT 500";
  for (auto rows = tx.query_params(sql, params); rows.next();) out.push_back(read(rows.row()));
  return out;
}

std::vector<DelegatedDossier> dossiers_of(db::Tx& tx, std::int64_t delegation_id) {
  long long g = delegation_id;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << "SELECT d.id, u.real_name, COALESCE(o.name, ''), d.state, COALESCE(s.data, '{}') FROM delegation_dossiers x "
                           "JOIN dossiers d ON d.id = x.dossier_id JOIN users u ON u.id = d.user_id LEFT JOIN orgs o ON o.id = d.unit_id "
                           "LEFT JOIN dossier_sections s ON s.dossier_id = d.id AND s.section = 'basic' WHERE x.delegation_id = :g ORDER BY d.id",
       soci::use(g));
  std::vector<DelegatedDossier> out;
  for (const auto& r : rs) out.push_back({int64_at(r, 0), text_at(r, 1), text_at(r, 2), text_at(r, 3), "", text_at(r, 4)});
  return out;
}

bool is_delegated(db::Tx& tx, std::int64_t dossier_id) {
  long long d = dossier_id, n = 0;
  tx.sql() << "SELECT COUNT(*) FROM delegation_dossiers WHERE dossier_id = :d", soci::use(d), soci::into(n);
  return n > 0;
}

void set_committee(db::Tx& tx, std::int64_t dossier_id, std::int64_t committee_id) {
  long long d = dossier_id, c = committee_id, now = timeutil::now_ms();
  tx.sql() << "UPDATE dossiers SET committee_org_id = :c, updated_at = :u WHERE id = :d", soci::use(c), soci::use(now), soci::use(d);
}

}  // namespace zp::delegation
