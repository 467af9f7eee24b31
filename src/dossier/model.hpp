#pragma once
// The applicant's dossier for one campaign, series and level; its sections are JSON documents with versions.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zp::dossier {

inline constexpr std::array<std::string_view, 6> kSections = {"basic", "education", "work", "continuing_education",
                                                              "achievements", "route"};
inline constexpr std::array<std::string_view, 5> kRoutes = {"normal", "exceptional", "no_prior_title", "transfer", "recognition"};
bool is_section(std::string_view s);
bool is_route(std::string_view r);

struct Dossier {
  std::int64_t id = 0, user_id = 0, campaign_id = 0, series_id = 0;
  int year = 0;
  std::optional<std::int64_t> specialty_id, committee_org_id, unit_id;
  std::string level, route = "normal", route_approval = "none";  // none, pending, approved, rejected
  std::optional<std::int64_t> route_decided_by, route_decided_at;
  std::optional<std::string> route_decision_reason;
  std::string state = "draft";  // draft, submitted, withdrawn (the review chain adds more)
  int version = 1;
  std::optional<std::int64_t> submitted_at;
  std::int64_t created_at = 0, updated_at = 0;
  int review_round = 0;                           // returns so far (set by the review chain)
  std::optional<std::int64_t> publicity_ends_at;  // unit publicity end (set by the review chain)
};

struct Section {
  std::string section, data;  // data: a JSON object as text
  int version = 0;
  std::int64_t updated_at = 0;
};

struct Attachment {
  std::int64_t id = 0, dossier_id = 0;
  std::string item_code, sha256, file_name, content_type;
  std::int64_t size = 0;
  int position = 0;
  std::int64_t uploaded_at = 0;
};

struct HistoryEntry {
  std::int64_t id = 0;
  std::string from_state, to_state, role, reason;
  std::optional<std::int64_t> actor_user_id, org_id;
  std::int64_t at = 0;
};

struct IntegrityRecord {  // 诚信档案: a person's or a unit's record, blocking applications during its period
  std::int64_t id = 0, created_at = 0;
  std::string subject, subject_name, unit_name, reason, evidence, starts_on;  // subject: person, unit
  std::optional<std::int64_t> user_id, unit_id;
  int years = 0;
  std::string ends_on;                   // exclusive: the first day the record no longer applies
  std::optional<std::string> end_reason;  // set when an office ended it early
  std::optional<std::int64_t> ended_at;
};

struct CrossSignal {  // a value of this dossier that also appears in another person's dossier
  std::string kind, value;  // file_hash, paper_title, chsi_code
  std::int64_t other_dossier_id = 0, other_user_id = 0;
  std::string other_name;
};

}  // namespace zp::dossier
