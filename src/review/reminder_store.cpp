#include "review/reminder_store.hpp"

#include <soci/soci.h>

#include "db/row.hpp"

namespace zp::review {

using namespace db;

bool claim(db::Tx& tx, const std::string& key, std::int64_t now) {
  long long n = 0, at = now;
  tx.sql() << "SELECT COUNT(*) FROM notices_sent WHERE notice_key = :k", soci::use(key), soci::into(n);
  if (n > 0) return false;
  tx.sql() << "INSERT INTO notices_sent (notice_key, sent_at) VALUES (:k, :a)", soci::use(key), soci::use(at);
  return true;
}

std::vector<Due> ended_publicity(db::Tx& tx, std::int64_t now) {
  long long at = now;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << "SELECT d.id, d.user_id, d.campaign_id, d.publicity_ends_at, d.unit_id, c.office_org_id, d.state FROM dossiers d "
                           "JOIN campaigns c ON c.id = d.campaign_id WHERE d.state IN ('unit_publicity', 'office_publicity') "
                           "AND d.publicity_ends_at <= :now ORDER BY d.id",
       soci::use(at));
  std::vector<Due> out;
  for (const auto& r : rs)
    out.push_back({int64_at(r, 0), int64_at(r, 1), int64_at(r, 2), int64_at(r, 3), opt_int64_at(r, 4), opt_int64_at(r, 5), text_at(r, 6)});
  return out;
}

std::vector<Due> near_deadline(db::Tx& tx, std::int64_t now, std::int64_t ahead_ms) {
  long long at = now, soon = now + ahead_ms;
  // Who still has to act before a window closes: drafts (application), the unit's returns (unit review), the
  // office's one-time notices (office review).
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << "SELECT d.id, d.user_id, d.campaign_id, p.closes_at, d.unit_id, c.office_org_id, d.state FROM dossiers d "
                           "JOIN campaigns c ON c.id = d.campaign_id JOIN campaign_phases p ON p.campaign_id = d.campaign_id "
                           "WHERE c.status = 'active' AND ((d.state = 'draft' AND p.phase = 'application') "
                           "OR (d.state = 'returned_to_applicant' AND p.phase = 'unit_review') "
                           "OR (d.state = 'returned_once' AND p.phase = 'office_review')) "
                           "AND p.opens_at <= :now1 AND p.closes_at > :now2 AND p.closes_at <= :soon ORDER BY d.id",
       soci::use(at, "now1"), soci::use(at, "now2"), soci::use(soon, "soon"));
  std::vector<Due> out;
  for (const auto& r : rs)
    out.push_back({int64_at(r, 0), int64_at(r, 1), int64_at(r, 2), int64_at(r, 3), opt_int64_at(r, 4), opt_int64_at(r, 5), text_at(r, 6)});
  return out;
}
}  // namespace zp::review
