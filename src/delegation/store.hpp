#pragma once
// SQL for delegations (委托评审) and the dossiers each one sends.
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace zp::delegation {

struct Delegation {
  std::int64_t id = 0, campaign_id = 0, from_office_id = 0, to_committee_id = 0, series_id = 0, created_at = 0;
  std::string number, reason, level, specialty, contact_name, contact_phone, issued_on;
};

struct DelegatedDossier {  // what the delegating office follows: where each dossier is now
  std::int64_t dossier_id = 0;
  std::string name, unit_name, state, current_title, basic_json;
};

std::int64_t insert_delegation(db::Tx& tx, const Delegation& d, std::int64_t by);
void add_dossier(db::Tx& tx, std::int64_t delegation_id, std::int64_t dossier_id);
std::optional<Delegation> find_delegation(db::Tx& tx, std::int64_t id);
std::vector<Delegation> delegations_of(db::Tx& tx, std::int64_t campaign_id);
// Delegations received by committees (received) or sent by offices (!received) under any of the path prefixes,
// newest first.
std::vector<Delegation> delegations_under(db::Tx& tx, bool received, const std::vector<std::string>& prefixes);
std::vector<DelegatedDossier> dossiers_of(db::Tx& tx, std::int64_t delegation_id);
bool is_delegated(db::Tx& tx, std::int64_t dossier_id);
void set_committee(db::Tx& tx, std::int64_t dossier_id, std::int64_t committee_id);

}  // namespace zp::delegation
