#pragma once
// The review chain's use cases. Every state change goes through one table (transitions.hpp) and records history
// and audit in the same transaction. This part: the unit's review (start, marks, return, resubmit, approve).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "authz/actor.hpp"
#include "db/database.hpp"
#include "dossier/model.hpp"
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
  std::vector<std::string> sections_changed;
  bool attachments_changed = false;
};

struct QueuePage {
  std::vector<QueueItem> items;
  std::int64_t total = 0;
  std::map<std::string, std::int64_t> counts;
};

class Service {
 public:
  Service(db::Database& db, const authz::Authorizer& authz, dossier::Service& dossiers);

  QueuePage queue(const authz::Actor& actor, const std::string& state, int page, int page_size);
  dossier::Dossier start(const authz::Actor& actor, std::int64_t id);
  std::vector<Mark> mark(const authz::Actor& actor, std::int64_t id, const std::vector<Mark>& marks);
  // Marks of the round in progress (reviewer) or of the last return (applicant).
  std::vector<Mark> marks(const authz::Actor& actor, std::int64_t id);
  dossier::Dossier return_to_applicant(const authz::Actor& actor, std::int64_t id);
  dossier::Dossier resubmit(const authz::Actor& actor, std::int64_t id);
  Changes changes(const authz::Actor& actor, std::int64_t id);
  dossier::Dossier approve(const authz::Actor& actor, std::int64_t id, const std::string& opinion);

  // Unit publicity: the public list (names, level, series; no ID numbers or phones) and objections.
  struct PublicityPage {
    std::string unit_name;
    std::vector<PublicityEntry> entries;
  };
  PublicityPage publicity(std::int64_t unit_id);
  std::int64_t object(std::int64_t dossier_id, const Objection& o, const std::string& ip);
  std::vector<Objection> objections(const authz::Actor& actor, std::int64_t dossier_id);
  Objection handle(const authz::Actor& actor, std::int64_t objection_id, const std::string& handling, const std::string& outcome);

 private:
  // Applies `action` to the dossier in `tx`: the table decides the next state; role, scope and phase are checked;
  // history and audit are written. Returns the role the actor acted as.
  std::string apply(db::Tx& tx, const authz::Actor& actor, dossier::Dossier& d, std::string_view action, const std::string& reason);
  std::map<std::string, std::string> digests(db::Tx& tx, std::int64_t id);

  db::Database& db_;
  const authz::Authorizer& authz_;
  dossier::Service& dossiers_;
};

}  // namespace zp::review
