#pragma once
// SQL for the review chain: marks per round, snapshots at a return, queues.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "dossier/model.hpp"

namespace zp::review {

struct Mark {
  std::string target_kind, target, status, comment;  // kind: section, item; status: ok, problem
  std::int64_t at = 0;
};

struct QueueItem {
  std::int64_t dossier_id = 0, user_id = 0, unit_id = 0, campaign_id = 0, updated_at = 0;
  std::string applicant_name, unit_name, level, state;
  std::optional<std::int64_t> submitted_at;
};

void put_mark(db::Tx& tx, std::int64_t dossier_id, int round, const Mark& m, std::int64_t by);
std::vector<Mark> marks_of(db::Tx& tx, std::int64_t dossier_id, int round);
void put_snapshot(db::Tx& tx, std::int64_t dossier_id, int round, const std::string& part, const std::string& digest);
std::map<std::string, std::string> snapshots_of(db::Tx& tx, std::int64_t dossier_id, int round);
int review_round(db::Tx& tx, std::int64_t dossier_id);
void set_review_round(db::Tx& tx, std::int64_t dossier_id, int round);
std::optional<std::int64_t> publicity_end(db::Tx& tx, std::int64_t dossier_id);
void set_publicity_end(db::Tx& tx, std::int64_t dossier_id, std::int64_t at);

struct Objection {
  std::int64_t id = 0, dossier_id = 0, created_at = 0;
  std::string stage, real_name, contact_phone, content;
  std::optional<std::string> handling, outcome;  // outcome: upheld, dismissed
  std::optional<std::int64_t> handled_at;
};
std::int64_t insert_objection(db::Tx& tx, const Objection& o, const std::string& ip);
std::vector<Objection> objections_of(db::Tx& tx, std::int64_t dossier_id);
std::optional<Objection> find_objection(db::Tx& tx, std::int64_t id);
void handle_objection(db::Tx& tx, std::int64_t id, const std::string& handling, const std::string& outcome, std::int64_t by);

struct PublicityEntry {
  std::int64_t dossier_id = 0;
  std::string name, level, series_name;
  std::int64_t ends_at = 0;
  std::string level_name;
};
// Dossiers of the unit in unit publicity that has not ended at `now`.
std::vector<PublicityEntry> unit_publicity(db::Tx& tx, std::int64_t unit_id, std::int64_t now);

// Dossiers of units under any of the prefixes, in the given states ("" = any of them), newest change last.
std::vector<QueueItem> queue(db::Tx& tx, const std::vector<std::string>& prefixes, const std::vector<std::string>& states,
                             const std::string& state, int page, int page_size, std::int64_t* total,
                             std::map<std::string, std::int64_t>* counts);

}  // namespace zp::review
