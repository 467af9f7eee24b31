#pragma once
// Use cases of the applicant's dossier: create (reusing last year's records), save sections with versions,
// upload attachments, check every rule, submit, withdraw; the office's route decisions and integrity records.
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "authz/actor.hpp"
#include "core/error.hpp"
#include "db/database.hpp"
#include "dossier/model.hpp"
#include "dossier/rules.hpp"

namespace zp::authz {
class Authorizer;
}
namespace zp::campaign {
struct Campaign;
}
namespace zp::storage {
class BlobStore;
struct Incoming;
}

namespace zp::dossier {

struct NewDossier {
  std::int64_t campaign_id = 0, series_id = 0;
  std::optional<std::int64_t> specialty_id, committee_org_id;
  std::string level, route = "normal";
};

struct Choices {  // PATCH: absent = unchanged
  std::optional<std::int64_t> specialty_id, committee_org_id;
  std::optional<std::string> level, route;
};

struct View {
  Dossier dossier;
  std::vector<Section> sections;
  std::vector<Attachment> attachments;
  std::vector<HistoryEntry> history;
  std::string applicant_name, series_name, level_name, unit_name;
};

struct ChecklistStatus {
  std::string code, name, section;
  bool required = false;
  int count = 0, max_count = 1;
  std::int64_t max_bytes = 0;
  std::vector<std::string> allowed_types;
  bool ordered = false;
  bool needed = false;  // a file is needed in this dossier (see dossier::item_needed)
};

struct CheckResult {
  std::vector<Violation> violations;
  std::vector<ChecklistStatus> checklist;
};

// An attachment's content, read for a download.
struct FileRef {
  std::string bytes, content_type, file_name;
  std::int64_t size = 0;
};

class Service {
 public:
  Service(db::Database& db, const authz::Authorizer& authz, storage::BlobStore& blobs);

  Dossier create(const authz::Actor& actor, const NewDossier& in);
  std::vector<Dossier> mine(const authz::Actor& actor);
  View get(const authz::Actor& actor, std::int64_t id);
  Dossier update_choices(const authz::Actor& actor, std::int64_t id, int version, const Choices& in);
  Section save_section(const authz::Actor& actor, std::int64_t id, const std::string& section, int version, const std::string& data);

  // The size limit of an upload to this checklist item, for the server to enforce while reading.
  std::optional<std::size_t> upload_limit(std::int64_t dossier_id, const std::string& item_code);
  // The same limit as looked up in the last minute, from memory (never blocks); nullopt when not known. It may be
  // out of date: the server uses it only to accept a body without a lookup, and upload() checks the current one.
  std::optional<std::size_t> known_upload_limit(std::int64_t dossier_id, const std::string& item_code) const;
  Attachment upload(const authz::Actor& actor, std::int64_t id, const std::string& item_code, const std::string& file_name,
                    const storage::Incoming& file);
  FileRef attachment_file(const authz::Actor& actor, std::int64_t attachment_id);
  void delete_attachment(const authz::Actor& actor, std::int64_t attachment_id);
  std::vector<Attachment> reorder(const authz::Actor& actor, std::int64_t id, const std::string& item_code,
                                  const std::vector<std::int64_t>& order);

  CheckResult check(const authz::Actor& actor, std::int64_t id);
  Dossier submit(const authz::Actor& actor, std::int64_t id);
  Dossier withdraw(const authz::Actor& actor, std::int64_t id, const std::string& reason);

  std::vector<CrossSignal> signals(const authz::Actor& actor, std::int64_t id);
  Dossier decide_route(const authz::Actor& actor, std::int64_t id, bool approved, const std::string& reason);
  // subject: "person" (id = the user) or "unit" (id = the unit). The period is `years`, else the campaign's
  // integrity-record period, else 3 years.
  std::int64_t add_integrity_record(const authz::Actor& actor, const std::string& subject, std::int64_t id, const std::string& reason,
                                    const std::string& evidence, const std::string& starts_on, std::optional<int> years,
                                    std::optional<std::int64_t> campaign_id);
  // Ends a record early (an appeal upheld, entered in error): from `ends_on` (default today) it no longer applies.
  IntegrityRecord end_integrity_record(const authz::Actor& actor, std::int64_t id, const std::string& reason,
                                       std::optional<std::string> ends_on);
  std::vector<IntegrityRecord> integrity_records(const authz::Actor& actor, int page, int page_size, std::int64_t* total);

 private:
  struct Loaded;
  Loaded load_for(const authz::Actor& actor, std::int64_t id, int action);
  Loaded load_for(db::Tx& tx, const authz::Actor& actor, std::int64_t id, int action);
  CheckResult evaluate_locked(db::Tx& tx, const Dossier& d, const campaign::Campaign& c, std::int64_t now);
  // Drafts change freely while the application window is open; a returned dossier only in the parts the return
  // names (kind "section" or "item"), while the unit-review window is open.
  // `known`: the dossier's campaign, when this transaction has read it already.
  void require_editable(const Dossier& d, db::Tx& tx, std::int64_t now, std::string_view kind, const std::string& target,
                        const campaign::Campaign* known = nullptr);

  db::Database& db_;
  const authz::Authorizer& authz_;
  storage::BlobStore& blobs_;
  struct KnownLimit {
    std::size_t bytes;
    std::int64_t looked_up_ms;
  };
  mutable std::mutex known_limits_mu_;
  std::map<std::pair<std::int64_t, std::string>, KnownLimit> known_limits_;
};

}  // namespace zp::dossier
