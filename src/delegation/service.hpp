#pragma once
// Delegation (委托评审): the office of a campaign without a suitable committee sends dossiers to a committee of
// another jurisdiction with the letter of seed 004 Annex 2; both sides follow the dossiers from then on.
#include <string>
#include <vector>

#include "authz/actor.hpp"
#include "db/database.hpp"
#include "delegation/store.hpp"

namespace zp::authz {
class Authorizer;
}

namespace zp::delegation {

struct NewDelegation {
  std::int64_t to_committee_id = 0;
  std::string level, reason, number, specialty, contact_name, contact_phone;
  std::vector<std::int64_t> dossier_ids;
};

struct DelegationView {
  Delegation delegation;
  std::string from_office_name, to_committee_name, series_name, level_name, title;
  std::vector<DelegatedDossier> dossiers;
};

class Service {
 public:
  Service(db::Database& db, const authz::Authorizer& authz) : db_(db), authz_(authz) {}

  DelegationView create(const authz::Actor& actor, std::int64_t campaign_id, const NewDelegation& in);
  std::vector<DelegationView> list(const authz::Actor& actor, std::int64_t campaign_id);
  // Every delegation the actor's committees received (received) or the actor's offices sent, newest first.
  std::vector<DelegationView> mine(const authz::Actor& actor, bool received);
  // The delegating office or the receiving committee's organisers.
  DelegationView get(const authz::Actor& actor, std::int64_t id);
  std::string letter_pdf(const authz::Actor& actor, std::int64_t id);

 private:
  DelegationView view(db::Tx& tx, const Delegation& d);

  db::Database& db_;
  const authz::Authorizer& authz_;
};

}  // namespace zp::delegation
