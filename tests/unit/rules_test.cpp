// The eligibility rules of DESIGN.md §4 (dossier::evaluate): a fully eligible baseline, then for every
// violation code the smallest changes that trigger it (and the nearby ones that must not).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/retirement.hpp"
#include "dossier/rules.hpp"

using namespace std::chrono;
using zp::catalog::ChecklistItem;
using zp::catalog::Requirement;
using zp::dossier::AttachmentFact;
using zp::dossier::CeYear;
using zp::dossier::evaluate;
using zp::dossier::Facts;
using zp::dossier::months_between;
using zp::dossier::Violation;
using zp::dossier::WorkPeriod;

namespace {

constexpr std::int64_t kKB = 1024, kMB = 1024 * 1024;

year_month_day ymd(int y, unsigned m, unsigned d) { return year{y} / month{m} / day{d}; }

Requirement requirement(std::string route, std::string education, int lower_title, int work) {
  Requirement r;
  r.series_id = 1;
  r.level = "deputy_senior";
  r.route = std::move(route);
  r.education = std::move(education);
  r.min_years_lower_title = lower_title;
  r.min_years_work = work;
  return r;
}

ChecklistItem item(std::string code, std::string name, std::string section, bool required, std::vector<std::string> types,
                   int max_count, bool ordered = false) {
  ChecklistItem c;
  c.series_id = 1;
  c.level = "deputy_senior";
  c.code = std::move(code);
  c.name = std::move(name);
  c.section = std::move(section);
  c.required = required;
  c.allowed_types = std::move(types);
  c.max_bytes = 2 * kMB;
  c.max_count = max_count;
  c.ordered = ordered;
  return c;
}

// A man applying for deputy senior by the normal route who meets every rule of the 2026 campaign.
Facts baseline() {
  Facts f;
  f.campaign_year = 2026;
  f.tenure_cutoff = ymd(2026, 12, 31);
  f.ce_hours_per_year = 90;
  f.ce_public_hours_per_year = 30;
  f.window_open = true;
  f.birth = ymd(1980, 5, 10);
  f.sex = 'M';
  f.has_unit = true;
  f.unit_active = true;
  f.unit_type = "public_institution";
  f.level = "deputy_senior";
  f.route = "normal";
  f.current_title_since = ymd(2019, 1, 1);
  f.education = {{"bachelor"}};
  f.work = {{ymd(2005, 7, 1), std::nullopt, true}};
  for (int y = 2021; y <= 2025; ++y) f.continuing_education.push_back({y, 30, 60});
  f.requirements = {requirement("normal", "bachelor", 5, 10), requirement("normal", "master", 5, 5),
                    requirement("exceptional", "college", 3, 15)};
  f.checklist = {item("photo", "照片", "basic", true, {"jpeg"}, 1),
                 item("papers", "论文", "achievements", true, {"jpeg", "pdf"}, 5, true),
                 item("awards", "获奖证书", "achievements", false, {"jpeg", "pdf"}, 10),
                 item("route_approval", "破格申报审批表", "route", false, {"jpeg", "pdf"}, 1)};
  f.attachments = {{1, "photo", "jpeg", 100 * kKB}, {2, "papers", "pdf", 500 * kKB}, {3, "papers", "pdf", 800 * kKB}};
  return f;
}

std::vector<std::string> codes_of(const std::vector<Violation>& vs) {
  std::vector<std::string> out;
  for (const auto& v : vs) out.push_back(v.code);
  std::sort(out.begin(), out.end());
  return out;
}

const Violation* find_code(const std::vector<Violation>& vs, const std::string& code) {
  for (const auto& v : vs)
    if (v.code == code) return &v;
  return nullptr;
}

// Exceptional route, approved, with its approval form attached.
void approved_exceptional(Facts& f) {
  f.route = "exceptional";
  f.route_approved = true;
  f.attachments.push_back({10, "route_approval", "pdf", 200 * kKB});
}

// The level's checklist has the item for proofs of declared facts (optional until something is declared).
void with_declarations_item(Facts& f) {
  f.checklist.push_back(item("declarations", "事实声明证明材料", "other", false, {"jpeg", "pdf"}, 5));
}
void with_declarations_proof(Facts& f) {
  with_declarations_item(f);
  f.attachments.push_back({20, "declarations", "pdf", 300 * kKB});
}

void drop_ce_year(Facts& f, int year) {
  std::erase_if(f.continuing_education, [year](const CeYear& c) { return c.year == year; });
}

void drop_attachments(Facts& f, const std::string& item_code) {
  std::erase_if(f.attachments, [&](const AttachmentFact& a) { return a.item_code == item_code; });
}

struct Case {
  std::string name;
  std::function<void(Facts&)> change;
  std::vector<std::string> codes;                                   // exactly these, in any order
  std::map<std::string, std::map<std::string, std::string>> facts;  // per code, facts that must match
};

std::ostream& operator<<(std::ostream& os, const Case& c) { return os << c.name; }

const std::vector<Case>& cases() {
  static const std::vector<Case> all = {
      // --- the application window
      {"window_closed", [](Facts& f) { f.window_open = false; }, {"window_closed"}, {}},

      // --- the unit
      {"no_unit_not_freelancer", [](Facts& f) { f.has_unit = false, f.unit_active = false, f.unit_type = ""; }, {"unit_not_approved"}, {}},
      {"unit_not_active", [](Facts& f) { f.unit_active = false; }, {"unit_not_approved"}, {}},
      {"freelancer_without_unit_passes", [](Facts& f) { f.has_unit = false, f.unit_active = false, f.unit_type = "", f.freelancer = true; }, {}, {}},

      // --- civil servants
      {"civil_servant", [](Facts& f) { f.civil_servant = true; }, {"not_civil_servant_eligible"}, {}},
      {"civil_servant_in_transition_passes", [](Facts& f) { f.civil_servant = true, f.civil_service_transition = true; }, {}, {}},
      {"government_unit_established", [](Facts& f) { f.unit_type = "government"; }, {"not_civil_servant_eligible"}, {}},
      {"government_unit_non_established_passes", [](Facts& f) { f.unit_type = "government", f.non_established = true; }, {}, {}},

      // --- statutory retirement age (2024-09-13 reform)
      {"man_born_1963_06_retired_2023_06",
       [](Facts& f) { f.birth = ymd(1963, 6, 15); },
       {"retirement_age"},
       {{"retirement_age", {{"retirement_date", "2023-06-15"}, {"cutoff", "2026-12-31"}, {"group", "male"}}}}},
      {"man_born_1963_06_with_extension_passes", [](Facts& f) { f.birth = ymd(1963, 6, 15), f.retirement_extension = true; }, {}, {}},
      {"man_born_1964_01_sixty_in_2024_01",
       [](Facts& f) { f.birth = ymd(1964, 1, 10); },
       {"retirement_age"},
       {{"retirement_age", {{"retirement_date", "2024-01-10"}, {"group", "male"}}}}},
      // 1971-12 is the 24th birth month from 1970-01: 6 months of delay, 55y6m → 2027-06-15, after the cutoff.
      {"woman_born_1971_12_retires_2027_06_passes", [](Facts& f) { f.birth = ymd(1971, 12, 15), f.sex = 'F'; }, {}, {}},
      // 1971-06 is the 18th: 5 months, 55y5m → 2026-11-15, before the cutoff.
      {"woman_born_1971_06_retires_2026_11",
       [](Facts& f) { f.birth = ymd(1971, 6, 15), f.sex = 'F'; },
       {"retirement_age"},
       {{"retirement_age", {{"retirement_date", "2026-11-15"}, {"group", "female_55"}}}}},
      // Female workers: 1976-06 is the 18th birth month from 1975-01: 9 months (one per two), 50y9m → 2027-03-15.
      {"female_50_born_1976_06_retires_2027_03_passes",
       [](Facts& f) { f.birth = ymd(1976, 6, 15), f.sex = 'F', f.retirement_group = "female_50"; },
       {},
       {}},
      // 1976-01 is the 13th: 7 months, 50y7m → 2026-08-15.
      {"female_50_born_1976_01_retires_2026_08",
       [](Facts& f) { f.birth = ymd(1976, 1, 15), f.sex = 'F', f.retirement_group = "female_50"; },
       {"retirement_age"},
       {{"retirement_age", {{"retirement_date", "2026-08-15"}, {"group", "female_50"}}}}},
      // Man born 1966-07: 19th birth month from 1965-01, 5 months, 60y5m → exactly the cutoff.
      {"retirement_on_the_cutoff_day",
       [](Facts& f) { f.birth = ymd(1966, 7, 31); },
       {"retirement_age"},
       {{"retirement_age", {{"retirement_date", "2026-12-31"}, {"cutoff", "2026-12-31"}}}}},
      {"retirement_the_day_after_the_cutoff_passes", [](Facts& f) { f.birth = ymd(1966, 8, 1); }, {}, {}},

      // --- discipline and integrity
      {"under_sanction", [](Facts& f) { f.under_sanction = true; }, {"sanction"}, {}},
      {"under_investigation", [](Facts& f) { f.under_investigation = true; }, {"sanction"}, {}},
      {"sanction_and_investigation_report_once", [](Facts& f) { f.under_sanction = f.under_investigation = true; }, {"sanction"}, {}},
      {"integrity_record",
       [](Facts& f) { f.integrity_records = {"论文造假"}, f.integrity_until = "2027-03-01"; },
       {"integrity_record"},
       {{"integrity_record", {{"records", "1"}, {"until", "2027-03-01"}}}}},
      {"integrity_records_two_in_force",
       [](Facts& f) { f.integrity_records = {"论文造假", "虚假社保"}, f.integrity_until = "2030-01-01"; },
       {"integrity_record"},
       {{"integrity_record", {{"records", "2"}, {"until", "2030-01-01"}}}}},

      // --- one application per level and year
      {"duplicate_level_year", [](Facts& f) { f.other_application_same_level_year = true; }, {"duplicate_level_year"}, {}},

      // --- social insurance
      {"private_unit_5_months",
       [](Facts& f) { f.unit_type = "private_or_social", f.social_insurance_months = 5; },
       {"social_insurance"},
       {{"social_insurance", {{"months", "5"}, {"required", "6"}}}}},
      {"private_unit_6_months_passes", [](Facts& f) { f.unit_type = "private_or_social", f.social_insurance_months = 6; }, {}, {}},
      {"private_unit_freelancer_skips_it", [](Facts& f) { f.unit_type = "private_or_social", f.freelancer = true; }, {}, {}},
      {"public_institution_needs_no_months", [](Facts& f) { f.social_insurance_months = 0; }, {}, {}},

      // --- achievements count up to the achievement cutoff (seed 003: to 30 September of the year)
      {"paper_after_the_achievement_cutoff",
       [](Facts& f) { f.achievement_cutoff = ymd(2026, 9, 30), f.achievements = {{"papers", 1, ymd(2026, 10, 1)}}; },
       {"achievement_after_cutoff"},
       {{"achievement_after_cutoff", {{"cutoff", "2026-09-30"}, {"items", "papers:1"}}}}},
      {"achievement_on_the_cutoff_day_passes",
       [](Facts& f) { f.achievement_cutoff = ymd(2026, 9, 30), f.achievements = {{"papers", 1, ymd(2026, 9, 30)}}; }, {}, {}},
      {"every_late_achievement_is_listed",
       [](Facts& f) {
         f.achievement_cutoff = ymd(2026, 9, 30);
         f.achievements = {{"papers", 1, ymd(2024, 3, 1)}, {"papers", 2, ymd(2026, 11, 2)}, {"awards", 1, ymd(2026, 12, 1)},
                           {"projects", 1, ymd(2025, 1, 1)}};
       },
       {"achievement_after_cutoff"},
       {{"achievement_after_cutoff", {{"items", "papers:2,awards:1"}}}}},
      {"no_achievement_cutoff_nothing_is_late", [](Facts& f) { f.achievements = {{"books", 1, ymd(2027, 1, 1)}}; }, {}, {}},

      // --- proof of declared facts (the checklist item `declarations`, when the level has it)
      {"extension_declared_without_proof",
       [](Facts& f) { f.birth = ymd(1963, 6, 15), f.retirement_extension = true, with_declarations_item(f); },
       {"checklist_missing"},
       {{"checklist_missing", {{"item", "declarations"}, {"declared", "retirement_extension"}}}}},
      {"extension_declared_with_proof_passes",
       [](Facts& f) { f.birth = ymd(1963, 6, 15), f.retirement_extension = true, with_declarations_proof(f); }, {}, {}},
      {"transition_declared_without_proof",
       [](Facts& f) { f.civil_servant = true, f.civil_service_transition = true, with_declarations_item(f); },
       {"checklist_missing"},
       {{"checklist_missing", {{"item", "declarations"}, {"declared", "civil_service_transition"}}}}},
      {"government_non_established_without_proof",
       [](Facts& f) { f.unit_type = "government", f.non_established = true, with_declarations_item(f); },
       {"checklist_missing"},
       {{"checklist_missing", {{"item", "declarations"}, {"declared", "non_established"}}}}},
      {"private_unit_months_without_proof",
       [](Facts& f) { f.unit_type = "private_or_social", f.social_insurance_months = 8, with_declarations_item(f); },
       {"checklist_missing"},
       {{"checklist_missing", {{"item", "declarations"}, {"declared", "social_insurance_months"}}}}},
      {"two_declarations_one_proof_item",
       [](Facts& f) {
         f.unit_type = "private_or_social", f.social_insurance_months = 8, f.birth = ymd(1963, 6, 15), f.retirement_extension = true;
         with_declarations_item(f);
       },
       {"checklist_missing"},
       {{"checklist_missing", {{"declared", "retirement_extension,social_insurance_months"}}}}},
      {"private_unit_months_with_proof_passes",
       [](Facts& f) { f.unit_type = "private_or_social", f.social_insurance_months = 8, with_declarations_proof(f); }, {}, {}},
      {"nothing_declared_needs_no_proof", [](Facts& f) { with_declarations_item(f); }, {}, {}},
      {"non_established_at_a_public_institution_needs_no_proof",
       [](Facts& f) { f.non_established = true, with_declarations_item(f); }, {}, {}},
      {"freelancer_needs_no_months_proof",
       [](Facts& f) { f.has_unit = false, f.unit_active = false, f.unit_type = "", f.freelancer = true, with_declarations_item(f); }, {}, {}},
      {"freelancer_insured_elsewhere",
       [](Facts& f) { f.has_unit = false, f.unit_active = false, f.unit_type = "", f.freelancer = true, f.insured_elsewhere_last_6_months = true; },
       {"freelancer_social_insurance"},
       {}},
      {"employee_insured_elsewhere_is_not_a_freelancer_rule", [](Facts& f) { f.insured_elsewhere_last_6_months = true; }, {}, {}},

      // --- education
      {"college_below_the_normal_rows",
       [](Facts& f) { f.education = {{"college"}}; },
       {"education"},
       {{"education", {{"highest", "college"}, {"minimum", "bachelor"}}}}},
      {"no_education",
       [](Facts& f) { f.education.clear(); },
       {"education"},
       {{"education", {{"highest", "none"}, {"minimum", "bachelor"}}}}},
      // Doctorate has no row of its own: the master row (5 years of work) applies, not the bachelor row (10).
      {"doctorate_uses_the_master_row", [](Facts& f) { f.education = {{"doctorate"}}, f.work = {{ymd(2018, 1, 15), std::nullopt, true}}; }, {}, {}},
      {"highest_of_several_educations_counts",
       [](Facts& f) { f.education = {{"college"}, {"master"}}, f.work = {{ymd(2018, 1, 15), std::nullopt, true}}; },
       {},
       {}},
      {"level_without_a_table_is_not_checked", [](Facts& f) { f.education = {{"college"}}, f.requirements.clear(); }, {}, {}},

      // --- years of professional work (to the cutoff)
      {"work_since_2018_too_short",
       [](Facts& f) { f.work = {{ymd(2018, 1, 15), std::nullopt, true}}; },
       {"tenure"},
       {{"tenure", {{"years", "8.9"}, {"required", "10"}, {"cutoff", "2026-12-31"}}}}},
      {"work_since_2018_01_01_too_short",
       [](Facts& f) { f.work = {{ymd(2018, 1, 1), std::nullopt, true}}; },
       {"tenure"},
       {{"tenure", {{"required", "10"}}}}},
      {"two_periods_add_up",
       [](Facts& f) { f.work = {{ymd(2008, 1, 15), ymd(2013, 1, 20), true}, {ymd(2020, 1, 15), std::nullopt, true}}; },
       {},
       {}},
      {"one_of_the_two_periods_alone_is_short",
       [](Facts& f) { f.work = {{ymd(2020, 1, 15), std::nullopt, true}}; },
       {"tenure"},
       {{"tenure", {{"years", "6.9"}}}}},
      {"non_professional_work_does_not_count",
       [](Facts& f) { f.work = {{ymd(2005, 7, 1), ymd(2018, 1, 14), false}, {ymd(2018, 1, 15), std::nullopt, true}}; },
       {"tenure"},
       {{"tenure", {{"years", "8.9"}}}}},
      {"period_ending_after_the_cutoff_counts_to_the_cutoff",
       [](Facts& f) { f.work = {{ymd(2017, 6, 15), ymd(2035, 1, 1), true}}; },
       {"tenure"},
       {{"tenure", {{"years", "9.5"}}}}},
      {"period_starting_after_the_cutoff_does_not_count",
       [](Facts& f) { f.work = {{ymd(2018, 1, 15), ymd(2026, 12, 31), true}, {ymd(2027, 1, 15), std::nullopt, true}}; },
       {"tenure"},
       {{"tenure", {{"years", "8.9"}}}}},
      {"no_work", [](Facts& f) { f.work.clear(); }, {"tenure"}, {{"tenure", {{"years", "0.0"}}}}},

      // --- years at the lower title
      {"title_since_2022_06_01",
       [](Facts& f) { f.current_title_since = ymd(2022, 6, 1); },
       {"lower_title_years"},
       {{"lower_title_years", {{"required", "5"}, {"since", "2022-06-01"}}}}},
      {"title_since_2022_06_15",
       [](Facts& f) { f.current_title_since = ymd(2022, 6, 15); },
       {"lower_title_years"},
       {{"lower_title_years", {{"years", "4.5"}, {"required", "5"}, {"since", "2022-06-15"}}}}},
      {"title_since_2021_12_31_is_five_years", [](Facts& f) { f.current_title_since = ymd(2021, 12, 31); }, {}, {}},
      {"no_current_title_on_the_normal_route",
       [](Facts& f) { f.current_title_since.reset(); },
       {"lower_title_years"},
       {{"lower_title_years", {{"years", "0.0"}, {"since", ""}}}}},
      {"no_prior_title_approved_skips_lower_title",
       [](Facts& f) {
         f.route = "no_prior_title", f.route_approved = true, f.current_title_since.reset();
         f.attachments.push_back({10, "route_approval", "pdf", 200 * kKB});
       },
       {},
       {}},
      {"no_prior_title_unapproved",
       [](Facts& f) {
         f.route = "no_prior_title", f.current_title_since.reset();
         f.attachments.push_back({10, "route_approval", "pdf", 200 * kKB});
       },
       {"route_unapproved"},
       {{"route_unapproved", {{"route", "no_prior_title"}}}}},

      // --- special routes
      {"exceptional_unapproved",
       [](Facts& f) { approved_exceptional(f), f.route_approved = false; },
       {"route_unapproved"},
       {{"route_unapproved", {{"route", "exceptional"}}}}},
      {"exceptional_approved_passes", [](Facts& f) { approved_exceptional(f); }, {}, {}},
      // College holders are below every normal row, but the exceptional row (3 / 15 years) admits them.
      {"exceptional_college_three_years_passes",
       [](Facts& f) { approved_exceptional(f), f.education = {{"college"}}, f.current_title_since = ymd(2023, 6, 1); },
       {},
       {}},
      {"exceptional_uses_its_own_lower_title_years",
       [](Facts& f) { approved_exceptional(f), f.education = {{"college"}}, f.current_title_since = ymd(2024, 6, 15); },
       {"lower_title_years"},
       {{"lower_title_years", {{"years", "2.5"}, {"required", "3"}}}}},
      {"exceptional_uses_its_own_work_years",
       [](Facts& f) { approved_exceptional(f), f.work = {{ymd(2014, 1, 15), std::nullopt, true}}; },
       {"tenure"},
       {{"tenure", {{"years", "12.9"}, {"required", "15"}}}}},

      // --- continuing education (at most the five years before the campaign, after the current title)
      {"ce_2023_missing",
       [](Facts& f) { drop_ce_year(f, 2023); },
       {"continuing_education"},
       {{"continuing_education", {{"years", "2023"}, {"hours_per_year", "90"}, {"public_hours_per_year", "30"}}}}},
      {"ce_public_hours_short_in_2024",
       [](Facts& f) {
         for (auto& c : f.continuing_education)
           if (c.year == 2024) c.public_hours = 20, c.professional_hours = 70;
       },
       {"continuing_education"},
       {{"continuing_education", {{"years", "2024"}}}}},
      {"ce_total_short_in_two_years",
       [](Facts& f) {
         for (auto& c : f.continuing_education)
           if (c.year == 2022 || c.year == 2025) c.professional_hours = 50;
       },
       {"continuing_education"},
       {{"continuing_education", {{"years", "2022,2025"}}}}},
      // Title since 2015, yet only 2021–2025 are checked (the baseline has nothing before 2021).
      {"ce_only_the_last_five_years_are_checked", [](Facts& f) { f.current_title_since = ymd(2015, 1, 1); }, {}, {}},
      {"ce_only_years_after_the_title_count",
       [](Facts& f) {
         approved_exceptional(f), f.current_title_since = ymd(2023, 3, 1);
         drop_ce_year(f, 2021), drop_ce_year(f, 2022), drop_ce_year(f, 2023);
       },
       {},
       {}},
      {"ce_after_the_title_still_checked",
       [](Facts& f) {
         approved_exceptional(f), f.current_title_since = ymd(2023, 3, 1);
         drop_ce_year(f, 2021), drop_ce_year(f, 2022), drop_ce_year(f, 2023), drop_ce_year(f, 2024);
       },
       {"continuing_education"},
       {{"continuing_education", {{"years", "2024"}}}}},
      {"ce_not_required_by_the_campaign", [](Facts& f) { f.ce_hours_per_year = f.ce_public_hours_per_year = 0, f.continuing_education.clear(); }, {}, {}},

      // --- checklist and attachments
      {"no_photo", [](Facts& f) { drop_attachments(f, "photo"); }, {"checklist_missing"}, {{"checklist_missing", {{"item", "photo"}}}}},
      {"no_papers", [](Facts& f) { drop_attachments(f, "papers"); }, {"checklist_missing"}, {{"checklist_missing", {{"item", "papers"}}}}},
      {"route_item_required_on_special_route",
       [](Facts& f) { approved_exceptional(f), drop_attachments(f, "route_approval"); },
       {"checklist_missing"},
       {{"checklist_missing", {{"item", "route_approval"}}}}},
      {"six_papers",
       [](Facts& f) {
         for (int i = 0; i < 4; ++i) f.attachments.push_back({20 + i, "papers", "pdf", 300 * kKB});
       },
       {"checklist_count"},
       {{"checklist_count", {{"item", "papers"}, {"count", "6"}, {"max", "5"}}}}},
      {"five_papers_pass",
       [](Facts& f) {
         for (int i = 0; i < 3; ++i) f.attachments.push_back({20 + i, "papers", "jpeg", 300 * kKB});
       },
       {},
       {}},
      {"two_photos",
       [](Facts& f) { f.attachments.push_back({20, "photo", "jpeg", 90 * kKB}); },
       {"checklist_count"},
       {{"checklist_count", {{"item", "photo"}, {"count", "2"}, {"max", "1"}}}}},
      {"pdf_photo",
       [](Facts& f) { f.attachments[0].type = "pdf"; },
       {"attachment_type"},
       {{"attachment_type", {{"item", "photo"}, {"attachment_id", "1"}, {"type", "pdf"}}}}},
      {"photo_3_mb",
       [](Facts& f) { f.attachments[0].size = 3 * kMB; },
       {"attachment_size"},
       {{"attachment_size", {{"item", "photo"}, {"attachment_id", "1"}, {"size", "3145728"}, {"max", "2097152"}}}}},
      {"paper_of_exactly_2_mb_passes", [](Facts& f) { f.attachments[1].size = 2 * kMB; }, {}, {}},
      {"optional_awards_attached_pass", [](Facts& f) { f.attachments.push_back({20, "awards", "jpeg", 400 * kKB}); }, {}, {}},

      // --- several problems are all reported together
      {"no_photo_sanction_and_ce_short",
       [](Facts& f) { drop_attachments(f, "photo"), f.under_sanction = true, drop_ce_year(f, 2025); },
       {"checklist_missing", "continuing_education", "sanction"},
       {{"checklist_missing", {{"item", "photo"}}}, {"continuing_education", {{"years", "2025"}}}}},
      {"inactive_unit_retired_duplicate_and_college",
       [](Facts& f) { f.unit_active = false, f.birth = ymd(1963, 6, 15), f.other_application_same_level_year = true, f.education = {{"college"}}; },
       {"duplicate_level_year", "education", "retirement_age", "unit_not_approved"},
       {{"retirement_age", {{"retirement_date", "2023-06-15"}}}, {"education", {{"highest", "college"}}}}},
  };
  return all;
}

class RulesCase : public ::testing::TestWithParam<Case> {};

TEST_P(RulesCase, ReportsExactlyTheExpectedCodes) {
  const Case& c = GetParam();
  Facts f = baseline();
  c.change(f);
  const auto vs = evaluate(f);
  auto expected = c.codes;
  std::sort(expected.begin(), expected.end());
  ASSERT_EQ(codes_of(vs), expected);
  for (const auto& [code, facts] : c.facts) {
    const Violation* v = find_code(vs, code);
    ASSERT_NE(v, nullptr) << code;
    for (const auto& [key, value] : facts) {
      const auto it = v->facts.find(key);
      ASSERT_NE(it, v->facts.end()) << code << " lacks fact " << key;
      EXPECT_EQ(it->second, value) << code << "." << key;
    }
  }
  for (const auto& v : vs) {
    EXPECT_FALSE(v.rule.empty()) << v.code;
    EXPECT_FALSE(v.rule_en.empty()) << v.code;
    if (v.code != "window_closed") {  // its action is the campaign's own message
      EXPECT_FALSE(v.action.empty()) << v.code;
      EXPECT_FALSE(v.action_en.empty()) << v.code;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Rules, RulesCase, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

}  // namespace

TEST(Rules, BaselineIsEligible) {
  const auto vs = evaluate(baseline());
  EXPECT_TRUE(vs.empty()) << ::testing::PrintToString(codes_of(vs));
}

TEST(Rules, EveryCodeIsCovered) {
  const std::vector<std::string> all = {"window_closed",     "unit_not_approved",           "not_civil_servant_eligible",
                                        "retirement_age",    "sanction",                    "integrity_record",
                                        "duplicate_level_year", "social_insurance",          "freelancer_social_insurance",
                                        "education",         "tenure",                      "lower_title_years",
                                        "route_unapproved",  "continuing_education",        "checklist_missing",
                                        "checklist_count",   "attachment_type",             "attachment_size",
                                        "achievement_after_cutoff"};
  for (const auto& code : all) {
    const bool covered = std::any_of(cases().begin(), cases().end(), [&](const Case& c) {
      return c.codes.size() == 1 && c.codes[0] == code;
    });
    EXPECT_TRUE(covered) << code << " has no single-code case";
  }
}

TEST(Rules, WindowClosedCarriesTheCampaignMessage) {
  Facts f = baseline();
  f.window_open = false;
  f.window_message = "申报阶段已于2026-09-30 24:00结束。";
  f.window_message_en = "The application phase ended on 2026-09-30 24:00.";
  const auto vs = evaluate(f);
  ASSERT_EQ(vs.size(), 1u);
  EXPECT_EQ(vs[0].action, f.window_message);
  EXPECT_EQ(vs[0].action_en, f.window_message_en);
}

TEST(Rules, RetirementDatesAgreeWithTheReformTable) {
  using zp::retirement::Group;
  using zp::retirement::retirement_date;
  EXPECT_EQ(retirement_date(Group::male, ymd(1963, 6, 15)), ymd(2023, 6, 15));
  EXPECT_EQ(retirement_date(Group::male, ymd(1964, 1, 10)), ymd(2024, 1, 10));
  EXPECT_EQ(retirement_date(Group::female_55, ymd(1971, 12, 15)), ymd(2027, 6, 15));
  EXPECT_EQ(retirement_date(Group::female_55, ymd(1971, 6, 15)), ymd(2026, 11, 15));
  EXPECT_EQ(retirement_date(Group::female_50, ymd(1976, 6, 15)), ymd(2027, 3, 15));
  EXPECT_EQ(retirement_date(Group::female_50, ymd(1976, 1, 15)), ymd(2026, 8, 15));
  EXPECT_EQ(retirement_date(Group::male, ymd(1966, 7, 31)), ymd(2026, 12, 31));
  EXPECT_EQ(retirement_date(Group::male, ymd(1966, 8, 1)), ymd(2027, 1, 1));
}

TEST(Rules, EvaluationIsRepeatable) {
  Facts f = baseline();
  f.under_sanction = true;
  f.attachments[0].size = 3 * kMB;
  const auto a = evaluate(f), b = evaluate(f);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].code, b[i].code);
    EXPECT_EQ(a[i].facts, b[i].facts);
  }
}

// --- Regressions: each test states the correct behaviour of a bug fixed in rules.cpp (what it gave before, in the
// comments).

// A work period's `to` and the tenure cutoff are the last days worked/counted (notices: "计算到…12月31日为止",
// Gansu: "从取得任职资格的当月计算"); professional_months() once passed them to months_between() as exclusive ends,
// so every period lost up to a month: one continuous employment recorded as two contiguous periods counted a
// month less than the same employment recorded as one.
TEST(RulesRegression, ContiguousPeriodsCountLikeOne) {
  Facts one = baseline();
  one.work = {{ymd(2016, 12, 1), std::nullopt, true}};
  EXPECT_TRUE(evaluate(one).empty());  // 2016-12-01 .. 2026-12-31: 120 months

  Facts split = baseline();
  split.work = {{ymd(2016, 12, 1), ymd(2021, 11, 30), true}, {ymd(2021, 12, 1), std::nullopt, true}};
  EXPECT_TRUE(evaluate(split).empty());  // the same 120 months; before: 59 + 60 = 119 → tenure "9.9"
}

// The cutoff day itself counts: work and a title from 1 January through 31 December of the same span are whole years.
TEST(RulesRegression, CutoffDayCounts) {
  Facts work = baseline();
  work.work = {{ymd(2017, 1, 1), std::nullopt, true}};
  EXPECT_TRUE(evaluate(work).empty());  // before: tenure, years "9.9"

  Facts title = baseline();
  title.current_title_since = ymd(2022, 1, 1);
  EXPECT_TRUE(evaluate(title).empty());  // before: lower_title_years, years "4.9"

  Facts short_work = baseline();
  short_work.work = {{ymd(2018, 1, 1), std::nullopt, true}};
  const auto vs = evaluate(short_work);
  ASSERT_EQ(codes_of(vs), std::vector<std::string>{"tenure"});
  EXPECT_EQ(vs[0].facts.at("years"), "9.0");  // before: "8.9"
}

// Concurrent jobs are one span of professional work, not two.
TEST(RulesRegression, OverlappingPeriodsAreNotCountedTwice) {
  Facts f = baseline();
  f.work = {{ymd(2018, 1, 15), std::nullopt, true}, {ymd(2019, 1, 15), std::nullopt, true}};
  const auto vs = evaluate(f);
  ASSERT_EQ(codes_of(vs), std::vector<std::string>{"tenure"});  // before: none (107 + 95 months)
  EXPECT_EQ(vs[0].facts.at("years"), "8.9");
}

// A user created without a resident ID leaves `birth` unset; evaluate() still lists the other violations (it threw).
TEST(RulesRegression, UnknownBirthDateDoesNotThrow) {
  Facts f = baseline();
  f.birth = year_month_day{};
  f.under_sanction = true;
  std::vector<Violation> vs;
  ASSERT_NO_THROW(vs = evaluate(f));
  EXPECT_NE(find_code(vs, "sanction"), nullptr);
}

// --- months_between

TEST(MonthsBetween, WholeMonths) {
  struct M {
    year_month_day from, to;
    int months;
  };
  const M cases[] = {
      {ymd(2020, 3, 15), ymd(2020, 3, 15), 0},
      {ymd(2020, 3, 15), ymd(2021, 3, 15), 12},   // same day next year
      {ymd(2020, 3, 15), ymd(2021, 3, 14), 11},   // one day short
      {ymd(2020, 3, 15), ymd(2020, 4, 14), 0},
      {ymd(2020, 3, 15), ymd(2020, 4, 15), 1},
      {ymd(2020, 1, 31), ymd(2020, 2, 28), 0},
      {ymd(2020, 1, 31), ymd(2020, 2, 29), 1},    // a short month: the 31st is reached on its last day
      {ymd(2020, 1, 31), ymd(2020, 3, 30), 1},
      {ymd(2020, 1, 31), ymd(2020, 3, 31), 2},
      {ymd(2020, 2, 29), ymd(2021, 2, 27), 11},
      {ymd(2020, 2, 29), ymd(2021, 2, 28), 12},   // leap day: the anniversary is 28 Feb in common years
      {ymd(2020, 2, 29), ymd(2021, 3, 1), 12},
      {ymd(2019, 12, 31), ymd(2020, 1, 1), 0},
      {ymd(2019, 12, 1), ymd(2020, 1, 1), 1},     // across a year end
      {ymd(2021, 12, 31), ymd(2026, 12, 31), 60},
      {ymd(2022, 1, 1), ymd(2026, 12, 31), 59},
      {ymd(2005, 7, 1), ymd(2026, 12, 31), 257},
  };
  for (const auto& c : cases)
    EXPECT_EQ(months_between(c.from, c.to), c.months)
        << static_cast<int>(c.from.year()) << "-" << static_cast<unsigned>(c.from.month()) << "-" << static_cast<unsigned>(c.from.day())
        << " → " << static_cast<int>(c.to.year()) << "-" << static_cast<unsigned>(c.to.month()) << "-" << static_cast<unsigned>(c.to.day());
}
