#pragma once
// A yearly review campaign: series, committees, dated phases (Asia/Shanghai to the second), cutoffs and settings.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zp::campaign {

inline constexpr std::array<std::string_view, 6> kPhases = {"deployment",   "application",      "unit_review",
                                                            "office_review", "committee_review", "approval"};
bool is_phase(std::string_view p);

struct Phase {
  std::string phase;
  std::int64_t opens_at = 0, closes_at = 0;  // UTC ms; closes_at is exclusive ("9月30日24时" = Oct 1 00:00 +08:00)
};

struct CommitteeLink {
  std::int64_t committee_org_id = 0, series_id = 0;
  std::string levels;  // comma-separated level codes the committee reviews in this campaign ("" = all)
};

struct Campaign {
  std::int64_t id = 0;
  int year = 0;
  std::string name;
  std::int64_t office_org_id = 0;
  std::string tenure_cutoff, achievement_cutoff;  // YYYY-MM-DD
  int ce_hours_per_year = 90, ce_public_hours_per_year = 30, integrity_years = 3, publicity_working_days = 5;
  std::string status = "draft";  // draft, active, closed
  std::vector<std::int64_t> series_ids;
  std::vector<CommitteeLink> committees;
  std::vector<Phase> phases;
  std::int64_t created_at = 0, updated_at = 0;

  const Phase* phase(std::string_view name) const;
};

struct Extension {
  std::int64_t id = 0, campaign_id = 0;
  std::string phase, reason;
  std::int64_t old_closes_at = 0, new_closes_at = 0, by_user = 0, at = 0;
};

}  // namespace zp::campaign
