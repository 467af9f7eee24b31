#pragma once
// SQL for organisations and reviewer designations.
#include <optional>
#include <vector>

#include "db/database.hpp"
#include "org/model.hpp"

namespace zp::org {

std::optional<std::string> path_of(db::Database& db, std::int64_t id);
// The root of the tree (the province office): its id, and its path ("/" when the tree is empty).
std::optional<std::int64_t> root_id(db::Tx& tx);
std::string root_path(db::Tx& tx);

std::optional<Org> find(db::Tx& tx, std::int64_t id);
std::optional<Org> find_by_credit_code(db::Tx& tx, const std::string& code);
// Inserts and fills id and path.
void insert(db::Tx& tx, Org& org);
void update(db::Tx& tx, const Org& org);
// Nodes whose path starts with any of the prefixes; optional kind / status filters ("" = any).
std::vector<Org> list_under(db::Tx& tx, const std::vector<std::string>& prefixes, const std::string& kind = "",
                            const std::string& status = "");
std::vector<Org> list_public(db::Tx& tx, const std::vector<std::string>& kinds, const std::string& name_like,
                             int limit);

std::vector<StaffMember> staff_of(db::Tx& tx, std::int64_t unit_id);

std::int64_t insert_designation(db::Tx& tx, const Designation& d);
std::optional<Designation> find_designation(db::Tx& tx, std::int64_t id);
std::optional<Designation> pending_designation(db::Tx& tx, std::int64_t unit_id);
std::vector<Designation> list_designations(db::Tx& tx, const std::vector<std::string>& prefixes,
                                           const std::string& status);
void decide_designation(db::Tx& tx, std::int64_t id, const std::string& status, std::int64_t by,
                        const std::optional<std::string>& reason);
std::optional<CurrentReviewer> current_reviewer(db::Tx& tx, std::int64_t unit_id);
// Whether the person has a dossier (not withdrawn or void) in a campaign that is still active.
bool applies_in_open_campaign(db::Tx& tx, std::int64_t user_id);

}  // namespace zp::org
