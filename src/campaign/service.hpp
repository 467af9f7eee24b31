#pragma once
// Use cases for campaigns and the working-day calendar. Other contexts ask require_open() before
// any action tied to a phase, so every window closes by itself at its instant.
#include <optional>
#include <string>
#include <vector>

#include "authz/actor.hpp"
#include "campaign/model.hpp"
#include "core/error.hpp"
#include "core/workcal.hpp"
#include "db/database.hpp"

namespace zp::authz {
class Authorizer;
}

namespace zp::campaign {

struct CampaignInput {
  std::optional<int> year, ce_hours_per_year, ce_public_hours_per_year, integrity_years, publicity_working_days;
  std::optional<std::string> name, tenure_cutoff, achievement_cutoff;
  std::optional<std::int64_t> office_org_id;
  std::optional<std::vector<std::int64_t>> series_ids;
  std::optional<std::vector<CommitteeLink>> committees;
  std::optional<std::vector<Phase>> phases;
};

struct CalendarDay {
  std::string date;  // YYYY-MM-DD
  bool working = false;
  std::string note;
};

struct CalendarYear {
  int year = 0;
  bool provisional = false;
  int working_days = 0;
  std::vector<CalendarDay> overrides;
};

class Service {
 public:
  Service(db::Database& db, const authz::Authorizer& authz);

  std::vector<Campaign> list(const authz::Actor& actor, std::optional<int> year);
  Campaign get(const authz::Actor& actor, std::int64_t id);
  Campaign create(const authz::Actor& actor, const CampaignInput& in);
  Campaign update(const authz::Actor& actor, std::int64_t id, const CampaignInput& in);
  Campaign activate(const authz::Actor& actor, std::int64_t id);
  Campaign extend_phase(const authz::Actor& actor, std::int64_t id, const std::string& phase, std::int64_t new_closes_at,
                        const std::string& reason);
  std::vector<Extension> extensions(const authz::Actor& actor, std::int64_t id);

  // 409 window_closed (or not yet open) unless `now` is inside the campaign's phase.
  static void require_open(const Campaign& c, std::string_view phase, std::int64_t now);

  // The calendar: the shipped official table, as edited by the office, stored in the database.
  void seed_calendar_if_empty();
  workcal::Calendar calendar();
  CalendarYear calendar_year(int year);
  void set_day(const authz::Actor& actor, const std::string& date, bool working, const std::string& note);
  void clear_day(const authz::Actor& actor, const std::string& date);

 private:
  Campaign load(db::Tx& tx, std::int64_t id);
  void apply(db::Tx& tx, Campaign& c, const CampaignInput& in, std::vector<ErrorDetail>& problems);
  bool can_manage(const authz::Actor& actor, const Campaign& c) const;
  std::string root_path();

  db::Database& db_;
  const authz::Authorizer& authz_;
};

std::optional<std::chrono::year_month_day> parse_date(const std::string& text);  // strict YYYY-MM-DD
std::string format_date(std::chrono::year_month_day d);

}  // namespace zp::campaign
