#pragma once
// SQL for the chain after unit publicity: per-dossier review record, interviews, fees, spot checks, the committee
// list, corrections and the queues of the department and the office.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace zp::review {

// SQL for the series' own name of a dossier's level (e.g. 高级政工师), given dossiers as `d` and series as `sr`.
const char* level_name_sql();

struct Correction {  // a recorded change of a section after the committee list
  std::int64_t id = 0, at = 0;
  std::string section, before, after, reason;  // before, after: the section's JSON
};
struct ReviewRecord {  // what each stage decided about one dossier (empty until the unit recommends)
  std::int64_t dossier_id = 0;
  std::optional<std::string> unit_opinion, publicity_result, second_return_reason, initial_result, initial_reason, supplement_note,
      final_result, final_reason, void_reason;
  std::optional<std::int64_t> recommended_at, supplement_at, void_reviewer_id, committee_list_id;
  int office_returns = 0;
  std::vector<std::string> integrity_records;  // the person's or unit's records in force (shown to reviewers)
  std::vector<Correction> corrections;         // oldest first
};
ReviewRecord review_record(db::Tx& tx, std::int64_t dossier_id);
void set_recommendation(db::Tx& tx, std::int64_t dossier_id, const std::string& opinion, const std::string& publicity_result);
// Counts an office return; `justification` is kept for a second one.
int add_office_return(db::Tx& tx, std::int64_t dossier_id, const std::string& justification);
void set_initial_result(db::Tx& tx, std::int64_t dossier_id, const std::string& result, const std::string& reason);
void set_supplement(db::Tx& tx, std::int64_t dossier_id, const std::string& note);
void set_final_result(db::Tx& tx, std::int64_t dossier_id, const std::string& result, const std::string& reason);
void set_void(db::Tx& tx, std::int64_t dossier_id, const std::string& reason, std::optional<std::int64_t> reviewer_id);
void set_committee_list(db::Tx& tx, std::int64_t dossier_id, std::int64_t list_id);

struct Interview {
  std::string kind, held_on, panel, summary, result;  // kind: defense, lecture, interview; result: pass, fail
  std::int64_t recorded_at = 0;
};
std::optional<Interview> interview_of(db::Tx& tx, std::int64_t dossier_id);
void put_interview(db::Tx& tx, std::int64_t dossier_id, const Interview& i, std::int64_t by);

// The unit reviewer who approved the dossier at the unit stage (the last unit_publicity entry), if any.
std::optional<std::int64_t> approving_reviewer(db::Tx& tx, std::int64_t dossier_id);

struct FeePayment {
  std::int64_t id = 0, campaign_id = 0, unit_id = 0, amount_cents = 0, recorded_at = 0;
  std::string unit_name, reference, paid_on, note;
};
std::int64_t insert_fee(db::Tx& tx, const FeePayment& f, std::int64_t by);
std::vector<FeePayment> fees_of(db::Tx& tx, std::int64_t campaign_id);

struct SpotCheck {
  std::int64_t id = 0, campaign_id = 0, created_at = 0;
  std::string kind, seed;
  int share_permille = 0;
  std::vector<std::int64_t> candidates, drawn;
};
struct SpotCheckItem {
  std::int64_t id = 0, spot_check_id = 0, dossier_id = 0;
  std::string applicant_name, unit_name, outcome, note;
  std::optional<std::int64_t> decided_at;
};
// Dossiers of the campaign in initial-review publicity that passed, with their units, ascending by id.
std::vector<std::pair<std::int64_t, std::int64_t>> spot_check_pool(db::Tx& tx, std::int64_t campaign_id);
std::int64_t insert_spot_check(db::Tx& tx, const SpotCheck& s, std::int64_t by);
void insert_spot_check_item(db::Tx& tx, std::int64_t spot_check_id, std::int64_t dossier_id);
std::optional<SpotCheck> find_spot_check(db::Tx& tx, std::int64_t id);
std::vector<SpotCheck> spot_checks_of(db::Tx& tx, std::int64_t campaign_id);
std::vector<SpotCheckItem> spot_check_items(db::Tx& tx, std::int64_t spot_check_id);
std::optional<SpotCheckItem> find_spot_check_item(db::Tx& tx, std::int64_t id);
void decide_spot_check_item(db::Tx& tx, std::int64_t id, const std::string& outcome, const std::string& note, std::int64_t by);
// The worst spot-check outcome of a dossier: "" (not drawn), confirmed, pending, discrepancy.
std::string spot_check_state(db::Tx& tx, std::int64_t dossier_id);

std::int64_t insert_committee_list(db::Tx& tx, std::int64_t campaign_id, std::int64_t by);
struct ListEntry {  // a public list row: never ID numbers or phones
  std::int64_t dossier_id = 0;
  std::string name, unit_name, level, series_name, result;
  std::optional<std::int64_t> ends_at;
  std::string level_name;
};
std::optional<std::int64_t> latest_committee_list(db::Tx& tx, std::int64_t campaign_id, std::int64_t* published_at);
std::vector<ListEntry> committee_list_entries(db::Tx& tx, std::int64_t list_id);
// Dossiers of the campaign in initial-review publicity that has not ended at `now`.
std::vector<ListEntry> initial_publicity(db::Tx& tx, std::int64_t campaign_id, std::int64_t now);
// Dossier ids of the campaign in `state`.
std::vector<std::int64_t> dossiers_in_state(db::Tx& tx, std::int64_t campaign_id, const std::string& state);

void insert_correction(db::Tx& tx, std::int64_t dossier_id, const std::string& section, const std::string& before,
                       const std::string& after, const std::string& reason, std::int64_t by);

// Queues. The scope is a list of path prefixes matched against the unit's path, its supervising department's
// path, or the path of the campaign's office.
enum class ScopeBy { unit, department, office };
struct QueueQuery {
  std::vector<std::string> states;  // any of these (each one of the queue's states); empty: all of the queue's
  std::string level, flag, name;    // flag: unpaid, second_return, spot_check; name: applicant or unit
  std::optional<std::int64_t> campaign_id, unit_id, series_id;
  int page = 1, page_size = 20;
  bool with_counts = true;  // counts by state (one more grouped query); without them only the total is counted
};
struct QueueFilter {
  ScopeBy scope_by = ScopeBy::unit;
  std::vector<std::string> prefixes;
  std::vector<std::string> states;  // the states this queue shows
  QueueQuery query;
};
struct QueueRow {
  std::int64_t dossier_id = 0, user_id = 0, unit_id = 0, campaign_id = 0, updated_at = 0;
  std::string applicant_name, unit_name, level, state;
  std::optional<std::int64_t> submitted_at;
  bool unpaid = false, second_return = false;
  std::string spot_check;  // "", pending, confirmed, discrepancy
  std::string series_name, level_name;
};
std::vector<QueueRow> queue_rows(db::Tx& tx, const QueueFilter& f, std::int64_t* total, std::map<std::string, std::int64_t>* counts);

// Oversight: dossiers returned a second time by the office, and voided dossiers with the reviewer noted.
struct OversightRow {
  std::int64_t dossier_id = 0;
  std::string applicant_name, unit_name, kind, detail, reviewer_name;
};
std::vector<OversightRow> oversight_rows(db::Tx& tx, std::int64_t campaign_id);

}  // namespace zp::review
