#pragma once
// SQL for the background reminders: what is due, and the record of notices already sent.
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace zp::review {

struct Due {
  std::int64_t dossier_id = 0, user_id = 0, campaign_id = 0, at = 0;  // at: the publicity end or the deadline
  std::optional<std::int64_t> unit_id, office_id;
  std::string state;
};

// Records the notice; false when it was already sent (by this server or another).
bool claim(db::Tx& tx, const std::string& key, std::int64_t now);
// Dossiers whose unit or initial-review publicity has ended by `now`.
std::vector<Due> ended_publicity(db::Tx& tx, std::int64_t now);
// Applicants with something to do before a window that closes within `ahead_ms`: drafts (application), the unit's
// returns (unit review), the office's one-time notices (office review).
std::vector<Due> near_deadline(db::Tx& tx, std::int64_t now, std::int64_t ahead_ms);

}  // namespace zp::review
