#pragma once
// The eligibility rules of DESIGN.md §4 as one pure function: facts in, every violation out (none is dropped),
// each with a stable code, the rule, the facts used and what to do.
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "catalog/model.hpp"

namespace zp::dossier {

struct Violation {
  std::string code;
  std::string rule, rule_en;      // the rule in words
  std::string action, action_en;  // what to do
  std::map<std::string, std::string> facts;
};

struct EducationFact {
  std::string level;  // catalog::kEducation
};

struct WorkPeriod {
  std::chrono::year_month_day from;
  std::optional<std::chrono::year_month_day> to;  // open = still there
  bool professional = true;
};

struct CeYear {
  int year = 0, public_hours = 0, professional_hours = 0;
};

// A dated achievement: a paper or book (published), an award (awarded) or a project (started).
struct AchievementFact {
  std::string list;  // papers, books, awards, projects
  int index = 0;     // 1-based, within its list
  std::chrono::year_month_day on;
};

struct AttachmentFact {
  std::int64_t id = 0;
  std::string item_code, type;  // type: pdf or jpeg
  std::int64_t size = 0;
};

// The checklist item that holds the proof of declared facts (a retirement extension, the reform transition period,
// non-established staff at a government unit, social-insurance months at a private unit): when the level's checklist
// has it, it is required as soon as one of them is declared.
inline constexpr const char* kDeclarationsItem = "declarations";

struct Facts {
  // The campaign
  std::chrono::year_month_day tenure_cutoff{};
  std::optional<std::chrono::year_month_day> achievement_cutoff;  // achievements count up to this day (seed 003)
  int campaign_year = 0, ce_hours_per_year = 0, ce_public_hours_per_year = 0;
  bool window_open = true;
  std::string window_message, window_message_en;
  // The person (from the resident ID and the declarations in the basic section)
  std::chrono::year_month_day birth{};  // not ok() when unknown
  char sex = 'M';
  std::optional<std::string> retirement_group;  // male, female_55, female_50; default by sex
  bool civil_servant = false, civil_service_transition = false;
  bool under_sanction = false, under_investigation = false, retirement_extension = false;
  bool non_established = false, freelancer = false;
  int social_insurance_months = 0;              // continuous months at the applying unit before the application month
  bool insured_elsewhere_last_6_months = false;  // freelancers
  std::vector<std::string> integrity_records;    // records (reason) in force at the tenure cutoff, each for its own period
  std::string integrity_until;                   // the first day the last of them no longer applies
  bool other_application_same_level_year = false;
  // The unit
  bool has_unit = false, unit_active = false;
  std::string unit_type;
  // The choice
  std::string level, route = "normal";  // normal, exceptional, no_prior_title, transfer, recognition
  bool route_approved = false;
  std::optional<std::chrono::year_month_day> current_title_since;
  std::vector<EducationFact> education;
  std::vector<WorkPeriod> work;
  std::vector<CeYear> continuing_education;
  std::vector<AchievementFact> achievements;
  std::vector<catalog::Requirement> requirements;  // for the series and level, both routes
  std::vector<catalog::ChecklistItem> checklist;   // for the series and level
  std::vector<AttachmentFact> attachments;
};

std::vector<Violation> evaluate(const Facts& f);

// Whether the item needs a file in this dossier: required by the checklist, an approval form on a special route, or
// the item `declarations` once a fact it proves is declared.
bool item_needed(const Facts& f, const catalog::ChecklistItem& item);

// Whole months from `from` to `to` (a day-of-month not yet reached does not count).
int months_between(std::chrono::year_month_day from, std::chrono::year_month_day to);

}  // namespace zp::dossier
