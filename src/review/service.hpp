#pragma once
// The review chain's use cases. Every state change goes through one table (transitions.hpp) and records history
// and audit in the same transaction. This part: the unit's review and recommendation, the department's check, the
// queues and the applicant's timeline; office_service.hpp holds the office's part.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "authz/actor.hpp"
#include "db/database.hpp"
#include "dossier/model.hpp"
#include "review/office_store.hpp"
#include "review/store.hpp"

namespace zp::authz {
class Authorizer;
}
namespace zp::dossier {
class Service;
}

namespace zp::review {

struct Changes {  // what the applicant changed since the last return
  int round = 0;
  std::vector<std::string> sections_changed, items_changed;  // items: checklist codes whose files changed
  bool attachments_changed = false;
};

struct QueuePage {
  std::vector<QueueRow> items;
  std::int64_t total = 0;
  std::map<std::string, std::int64_t> counts;
};

struct TimelineStep {
  std::string from_state, to_state, role, org_name, reason;
  std::int64_t at = 0;
};
struct TimelineReturn {  // one return with every problem it named
  int round = 0;
  std::string by_role, org_name;
  std::int64_t at = 0;
  std::vector<Mark> problems;
  std::string note;  // the department's reason, or the office's justification of a second return
};
struct Timeline {
  std::string state, holder_role, holder_org, next_zh, next_en;
  std::int64_t since = 0;
  std::vector<TimelineStep> steps;
  std::vector<TimelineReturn> returns;
};

class Service {
 public:
  Service(db::Database& db, const authz::Authorizer& authz, dossier::Service& dossiers);

  // queue: "unit", "dept" or "office".
  QueuePage queue(const authz::Actor& actor, std::string_view stage, const QueueQuery& q);
  dossier::Dossier start(const authz::Actor& actor, std::int64_t id);
  std::vector<Mark> mark(const authz::Actor& actor, std::int64_t id, const std::vector<Mark>& marks);
  // Marks of the round in progress (reviewers) or of the last return (applicant); `round` > 0 asks for an earlier
  // return's marks.
  std::vector<Mark> marks(const authz::Actor& actor, std::int64_t id, int round = 0);
  dossier::Dossier return_to_applicant(const authz::Actor& actor, std::int64_t id);
  dossier::Dossier resubmit(const authz::Actor& actor, std::int64_t id);
  Changes changes(const authz::Actor& actor, std::int64_t id);
  dossier::Dossier approve(const authz::Actor& actor, std::int64_t id, const std::string& opinion);

  // After unit publicity: the interview record (senior levels), then recommend or decline.
  Interview record_interview(const authz::Actor& actor, std::int64_t id, const Interview& in);
  std::optional<Interview> interview(const authz::Actor& actor, std::int64_t id);
  dossier::Dossier recommend(const authz::Actor& actor, std::int64_t id, const std::string& opinion, const std::string& publicity_result);
  dossier::Dossier decline(const authz::Actor& actor, std::int64_t id, const std::string& reason);
  ReviewRecord record(const authz::Actor& actor, std::int64_t id);

  // The supervising department: forward several at once, or return one to the unit with the reason.
  struct BatchResult {
    std::int64_t id = 0;
    bool ok = false;
    std::string code, message_zh, message_en;
  };
  std::vector<BatchResult> dept_forward(const authz::Actor& actor, const std::vector<std::int64_t>& ids);
  dossier::Dossier dept_return(const authz::Actor& actor, std::int64_t id, const std::string& reason);

  Timeline timeline(const authz::Actor& actor, std::int64_t id);

  // Unit publicity: the public list (names, level, series; no ID numbers or phones) and objections.
  struct PublicityPage {
    std::string unit_name;
    std::vector<PublicityEntry> entries;
  };
  PublicityPage publicity(std::int64_t unit_id);
  std::int64_t object(std::int64_t dossier_id, const Objection& o, const std::string& ip);
  std::vector<Objection> objections(const authz::Actor& actor, std::int64_t dossier_id);
  Objection handle(const authz::Actor& actor, std::int64_t objection_id, const std::string& handling, const std::string& outcome);

  // The chain's core, shared with the office's part. Applies `action` to the dossier in `tx`: the table decides the
  // next state; role, jurisdiction and phase are checked; history, audit and messages are written. Returns the role
  // the actor acted as.
  std::string apply(db::Tx& tx, const authz::Actor& actor, dossier::Dossier& d, std::string_view action, const std::string& reason);
  // Checks that the actor holds `role` over the dossier's stage (unit, its department, the campaign's office).
  std::string authorize(db::Tx& tx, const authz::Actor& actor, const dossier::Dossier& d, std::string_view role) const;
  // A return (unit or office): needs at least one problem marked; snapshots the dossier for the reviewer's diff.
  void return_with_marks(db::Tx& tx, const authz::Actor& actor, dossier::Dossier& d, std::string_view action, const std::string& reason);
  // Rule violations that block a (re)submission, excluding the closed application window.
  void require_rules_pass(const authz::Actor& actor, std::int64_t id);
  // The end of a publicity of the campaign's working days starting now, by the official calendar.
  std::int64_t publicity_ends_from_now(db::Tx& tx, std::int64_t campaign_id);

 private:
  std::map<std::string, std::string> digests(db::Tx& tx, std::int64_t id);

  db::Database& db_;
  const authz::Authorizer& authz_;
  dossier::Service& dossiers_;
};

}  // namespace zp::review
