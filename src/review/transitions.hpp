#pragma once
// The application state machine of DESIGN.md §3 as one table: which action moves a dossier from which state to
// which, who may take it (as which role), and in which campaign phase. Services look transitions up here; none
// hard-codes a state change.
#include <string_view>
#include <vector>

namespace zp::review {

struct Transition {
  std::string_view from, action, to;
  std::string_view role;   // the role that acts ("applicant" = the owner)
  std::string_view phase;  // the campaign phase that must be open ("" = any time)
  std::string_view when;   // a guard the facts must meet ("" = always; "has_dept", "no_dept")
};

struct Facts {  // what guards look at
  bool has_dept = false;  // the applicant's unit has a supervising department
};

const std::vector<Transition>& transitions();
// The transition for `action` from `state` whose guard the facts meet, or nullptr when the action does not apply.
const Transition* find(std::string_view state, std::string_view action, const Facts& facts = {});
// The role that takes `action` (the same in every row of that action), or "" for an unknown action.
std::string_view role_of(std::string_view action);
// Whether a dossier in `state` can be voided (作废): anything submitted and not already withdrawn or void.
bool voidable(std::string_view state);

}  // namespace zp::review
