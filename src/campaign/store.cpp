#include "campaign/store.hpp"

#include <soci/soci.h>

#include "core/time.hpp"
#include "db/row.hpp"

namespace zp::campaign {

namespace {
using namespace db;
constexpr const char* kColumns =
    "id, year, name, office_org_id, tenure_cutoff, achievement_cutoff, ce_hours_per_year, ce_public_hours_per_year, "
    "integrity_years, publicity_working_days, status, created_at, updated_at";

Campaign read(const soci::row& r) {
  Campaign c;
  c.id = int64_at(r, 0);
  c.year = static_cast<int>(int64_at(r, 1));
  c.name = text_at(r, 2);
  c.office_org_id = int64_at(r, 3);
  c.tenure_cutoff = text_at(r, 4);
  c.achievement_cutoff = text_at(r, 5);
  c.ce_hours_per_year = static_cast<int>(int64_at(r, 6));
  c.ce_public_hours_per_year = static_cast<int>(int64_at(r, 7));
  c.integrity_years = static_cast<int>(int64_at(r, 8));
  c.publicity_working_days = static_cast<int>(int64_at(r, 9));
  c.status = text_at(r, 10);
  c.created_at = int64_at(r, 11);
  c.updated_at = int64_at(r, 12);
  return c;
}

void load_children(db::Tx& tx, Campaign& c) {
  static const std::string series = "SELECT series_id FROM campaign_series WHERE campaign_id = :c ORDER BY series_id";
  static const std::string committees =
      "SELECT committee_org_id, series_id, levels FROM campaign_committees WHERE campaign_id = :c ORDER BY committee_org_id, series_id";
  static const std::string phases =
      "SELECT phase, opens_at, closes_at FROM campaign_phases WHERE campaign_id = :c ORDER BY opens_at, phase";
  for (auto rows = tx.query(series, c.id); rows.next();) c.series_ids.push_back(int64_at(rows.row(), 0));
  for (auto rows = tx.query(committees, c.id); rows.next();) {
    const auto& r = rows.row();
    c.committees.push_back({int64_at(r, 0), int64_at(r, 1), text_at(r, 2)});
  }
  for (auto rows = tx.query(phases, c.id); rows.next();) {
    const auto& r = rows.row();
    c.phases.push_back({text_at(r, 0), int64_at(r, 1), int64_at(r, 2)});
  }
}

void write_children(db::Tx& tx, const Campaign& c) {
  long long key = c.id;
  auto& sql = tx.sql();
  sql << "DELETE FROM campaign_series WHERE campaign_id = :c", soci::use(key);
  sql << "DELETE FROM campaign_committees WHERE campaign_id = :c", soci::use(key);
  sql << "DELETE FROM campaign_phases WHERE campaign_id = :c", soci::use(key);
  for (auto s : c.series_ids) {
    long long series = s;
    sql << "INSERT INTO campaign_series (campaign_id, series_id) VALUES (:c, :s)", soci::use(key), soci::use(series);
  }
  for (const auto& l : c.committees) {
    long long committee = l.committee_org_id, series = l.series_id;
    sql << "INSERT INTO campaign_committees (campaign_id, committee_org_id, series_id, levels) VALUES (:c, :o, :s, :l)",
        soci::use(key), soci::use(committee), soci::use(series), soci::use(l.levels);
  }
  for (const auto& p : c.phases) {
    long long opens = p.opens_at, closes = p.closes_at;
    sql << "INSERT INTO campaign_phases (campaign_id, phase, opens_at, closes_at) VALUES (:c, :p, :o, :cl)", soci::use(key),
        soci::use(p.phase), soci::use(opens), soci::use(closes);
  }
}
}  // namespace

std::optional<Campaign> find(db::Tx& tx, std::int64_t id) {
  // Nearly every request of an applicant reads its campaign (the windows): kept while no campaign changes.
  return db::config_cached<std::optional<Campaign>>(tx, "campaign:" + std::to_string(id), [id](db::Tx& t) {
    static const std::string sql = std::string("SELECT ") + kColumns + " FROM campaigns WHERE id = :id";
    std::optional<Campaign> out;
    if (auto rows = t.query(sql, id); rows.next()) out = read(rows.row());
    if (out) load_children(t, *out);
    return out;
  });
}

std::vector<Campaign> list(db::Tx& tx, std::optional<int> year) {
  int y = year.value_or(0);
  std::vector<Campaign> out;
  {
    soci::rowset<soci::row> rs = (tx.sql().prepare << std::string("SELECT ") + kColumns +
                                                          " FROM campaigns WHERE (:y1 = 0 OR year = :y2) ORDER BY year DESC, id DESC",
                                  soci::use(y, "y1"), soci::use(y, "y2"));
    for (const auto& r : rs) out.push_back(read(r));
  }
  for (auto& c : out) load_children(tx, c);
  return out;
}

void insert(db::Tx& tx, Campaign& c) {
  long long office = c.office_org_id, now = timeutil::now_ms(), id = 0;
  tx.sql() << "INSERT INTO campaigns (year, name, office_org_id, tenure_cutoff, achievement_cutoff, ce_hours_per_year, "
              "ce_public_hours_per_year, integrity_years, publicity_working_days, status, created_at, updated_at) VALUES "
              "(:y, :n, :o, :tc, :ac, :ce, :cep, :iy, :pd, :st, :c, :u) RETURNING id",
      soci::use(c.year), soci::use(c.name), soci::use(office), soci::use(c.tenure_cutoff), soci::use(c.achievement_cutoff),
      soci::use(c.ce_hours_per_year), soci::use(c.ce_public_hours_per_year), soci::use(c.integrity_years),
      soci::use(c.publicity_working_days), soci::use(c.status), soci::use(now), soci::use(now), soci::into(id);
  c.id = id;
  c.created_at = c.updated_at = now;
  write_children(tx, c);
}

void update(db::Tx& tx, const Campaign& c) {
  long long id = c.id, now = timeutil::now_ms();
  tx.sql() << "UPDATE campaigns SET year = :y, name = :n, tenure_cutoff = :tc, achievement_cutoff = :ac, "
              "ce_hours_per_year = :ce, ce_public_hours_per_year = :cep, integrity_years = :iy, "
              "publicity_working_days = :pd, updated_at = :u WHERE id = :id",
      soci::use(c.year), soci::use(c.name), soci::use(c.tenure_cutoff), soci::use(c.achievement_cutoff),
      soci::use(c.ce_hours_per_year), soci::use(c.ce_public_hours_per_year), soci::use(c.integrity_years),
      soci::use(c.publicity_working_days), soci::use(now), soci::use(id);
  write_children(tx, c);
}

void set_status(db::Tx& tx, std::int64_t id, const std::string& status) {
  long long key = id, now = timeutil::now_ms();
  tx.sql() << "UPDATE campaigns SET status = :s, updated_at = :u WHERE id = :id", soci::use(status), soci::use(now), soci::use(key);
}

void set_phase_close(db::Tx& tx, std::int64_t id, const std::string& phase, std::int64_t closes_at) {
  long long key = id, closes = closes_at;
  tx.sql() << "UPDATE campaign_phases SET closes_at = :c WHERE campaign_id = :id AND phase = :p", soci::use(closes),
      soci::use(key), soci::use(phase);
}

void insert_extension(db::Tx& tx, const Extension& e) {
  long long c = e.campaign_id, o = e.old_closes_at, n = e.new_closes_at, by = e.by_user, at = e.at;
  tx.sql() << "INSERT INTO phase_extensions (campaign_id, phase, old_closes_at, new_closes_at, reason, by_user, at) "
              "VALUES (:c, :p, :o, :n, :r, :b, :a)",
      soci::use(c), soci::use(e.phase), soci::use(o), soci::use(n), soci::use(e.reason), soci::use(by), soci::use(at);
}

std::vector<Extension> extensions_of(db::Tx& tx, std::int64_t campaign_id) {
  long long key = campaign_id;
  soci::rowset<soci::row> rs = (tx.sql().prepare << "SELECT id, campaign_id, phase, reason, old_closes_at, new_closes_at, by_user, at "
                                                    "FROM phase_extensions WHERE campaign_id = :c ORDER BY id",
                                soci::use(key));
  std::vector<Extension> out;
  for (const auto& r : rs)
    out.push_back({int64_at(r, 0), int64_at(r, 1), text_at(r, 2), text_at(r, 3), int64_at(r, 4), int64_at(r, 5), int64_at(r, 6), int64_at(r, 7)});
  return out;
}

void lock_calendar_seed(db::Tx& tx) {
  if (tx.kind() == db::Kind::postgresql) tx.sql() << "SELECT pg_advisory_xact_lock(727003)";
}

long long calendar_row_count(db::Tx& tx) {
  long long n = 0;
  tx.sql() << "SELECT COUNT(*) FROM calendar_days", soci::into(n);
  return n;
}

std::vector<CalendarRow> calendar_rows(db::Tx& tx, const std::string& from, const std::string& to) {
  soci::rowset<soci::row> rs = (tx.sql().prepare << "SELECT day, working, note FROM calendar_days WHERE day >= :f AND day <= :t ORDER BY day",
                                soci::use(from), soci::use(to));
  std::vector<CalendarRow> out;
  for (const auto& r : rs) out.push_back({text_at(r, 0), bool_at(r, 1), text_at(r, 2)});
  return out;
}

void put_calendar_row(db::Tx& tx, const CalendarRow& row, std::optional<std::int64_t> by) {
  const long long now = timeutil::now_ms(), who = by.value_or(0);
  const int working = row.working ? 1 : 0;
  soci::indicator bi = by ? soci::i_ok : soci::i_null;
  tx.sql() << "DELETE FROM calendar_days WHERE day = :d", soci::use(row.day);
  tx.sql() << "INSERT INTO calendar_days (day, working, note, updated_by, updated_at) VALUES (:d, :w, :n, :b, :u)", soci::use(row.day),
      soci::use(working), soci::use(row.note), soci::use(who, bi), soci::use(now);
}

void delete_calendar_row(db::Tx& tx, const std::string& day) { tx.sql() << "DELETE FROM calendar_days WHERE day = :d", soci::use(day); }

}  // namespace zp::campaign
