#pragma once
// SQL for dossiers, sections, attachments, blobs, history, signals and integrity records.
#include <optional>
#include <vector>

#include "db/database.hpp"
#include "dossier/model.hpp"
#include "storage/blob_store.hpp"

namespace zp::dossier {

std::int64_t insert_dossier(db::Tx& tx, const Dossier& d);
std::optional<Dossier> find_dossier(db::Tx& tx, std::int64_t id);
std::vector<Dossier> dossiers_of_user(db::Tx& tx, std::int64_t user_id);
// Updates the choices and state; false when `expected_version` is stale.
bool update_dossier(db::Tx& tx, const Dossier& d, int expected_version);
// Another dossier of the person, same year and level, submitted or later.
bool other_application(db::Tx& tx, std::int64_t user_id, int year, const std::string& level, std::int64_t except_id);

std::vector<Section> sections_of(db::Tx& tx, std::int64_t dossier_id);
void insert_section(db::Tx& tx, std::int64_t dossier_id, const std::string& section, const std::string& data);
// Writes when the stored version equals `expected`; returns the new version, or nullopt when stale.
std::optional<int> write_section(db::Tx& tx, std::int64_t dossier_id, const std::string& section, int expected, const std::string& data);

// A blob row names where its bytes are (storage::StoredBlob); a second row for the same hash is not written.
void insert_blob(db::Tx& tx, const storage::StoredBlob& b, const std::string& content_type);
std::optional<storage::StoredBlob> find_blob(db::Tx& tx, const std::string& sha256);
std::int64_t insert_attachment(db::Tx& tx, const Attachment& a);
std::vector<Attachment> attachments_of(db::Tx& tx, std::int64_t dossier_id);
// How many files one checklist item of a dossier holds, and the last position among them (0 when none).
struct ItemFill {
  std::int64_t count = 0;
  int last_position = 0;
};
ItemFill item_fill(db::Tx& tx, std::int64_t dossier_id, const std::string& item_code);
std::optional<Attachment> find_attachment(db::Tx& tx, std::int64_t id);
void delete_attachment(db::Tx& tx, std::int64_t id);
void set_attachment_position(db::Tx& tx, std::int64_t id, int position);

void insert_history(db::Tx& tx, std::int64_t dossier_id, const HistoryEntry& h, const std::string& ip);
std::vector<HistoryEntry> history_of(db::Tx& tx, std::int64_t dossier_id);

void replace_signals(db::Tx& tx, std::int64_t dossier_id, std::int64_t user_id, const std::string& kind,
                     const std::vector<std::string>& values);
// Where another person's dossier holds one of this dossier's values: its titles and CHSI codes from `signals`,
// its files from the attachments' hashes.
std::vector<CrossSignal> cross_signals(db::Tx& tx, std::int64_t dossier_id);

// Reasons of the integrity records of the person or the unit in force on `day` (YYYY-MM-DD): each record's own
// period, from starts_on until ends_on (exclusive), shortened when an office ended it early.
std::vector<std::string> active_integrity_records(db::Tx& tx, std::int64_t user_id, std::optional<std::int64_t> unit_id,
                                                  const std::string& day, std::string* latest_end = nullptr);
// The date `years` after `date` (YYYY-MM-DD), as text: it orders correctly against other dates even for 29 Feb.
std::string years_after(const std::string& date, int years);
std::optional<IntegrityRecord> find_integrity_record(db::Tx& tx, std::int64_t id);
// Ends a record early; false when it was ended already.
bool end_integrity_record(db::Tx& tx, std::int64_t id, const std::string& ends_on, const std::string& reason, std::int64_t by);
// Records of people and units under any of the prefixes (people without a unit count as under `root_path`),
// newest first.
std::vector<IntegrityRecord> integrity_records_under(db::Tx& tx, const std::vector<std::string>& prefixes, const std::string& root_path,
                                                     int page, int page_size, std::int64_t* total);
std::int64_t insert_integrity_record(db::Tx& tx, const std::string& subject, std::optional<std::int64_t> user_id,
                                     std::optional<std::int64_t> unit_id, const std::string& reason, const std::string& evidence,
                                     const std::string& starts_on, int years, std::int64_t by);

}  // namespace zp::dossier
