#pragma once
// SQL for campaigns, their phases and extensions.
#include <optional>
#include <vector>

#include "campaign/model.hpp"
#include "db/database.hpp"

namespace zp::campaign {

std::optional<Campaign> find(db::Tx& tx, std::int64_t id);
std::vector<Campaign> list(db::Tx& tx, std::optional<int> year);
void insert(db::Tx& tx, Campaign& c);
void update(db::Tx& tx, const Campaign& c);  // scalar fields, series, committees and phases
void set_status(db::Tx& tx, std::int64_t id, const std::string& status);
void set_phase_close(db::Tx& tx, std::int64_t id, const std::string& phase, std::int64_t closes_at);
void insert_extension(db::Tx& tx, const Extension& e);
std::vector<Extension> extensions_of(db::Tx& tx, std::int64_t campaign_id);

// The working-day calendar's exceptions to Monday–Friday, by date text YYYY-MM-DD.
struct CalendarRow {
  std::string day;
  bool working = false;
  std::string note;
};
long long calendar_row_count(db::Tx& tx);
// Serialises the first-start seeding when several servers start at once on one PostgreSQL.
void lock_calendar_seed(db::Tx& tx);
std::vector<CalendarRow> calendar_rows(db::Tx& tx, const std::string& from = "", const std::string& to = "9999-12-31");
void put_calendar_row(db::Tx& tx, const CalendarRow& row, std::optional<std::int64_t> by);
void delete_calendar_row(db::Tx& tx, const std::string& day);

}  // namespace zp::campaign
