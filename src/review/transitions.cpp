#include "review/transitions.hpp"

namespace zp::review {

const std::vector<Transition>& transitions() {
  // Later stages of the chain (department, office, publicity results, committee) join this table as they are built.
  static const std::vector<Transition> table = {
      {"draft", "submit", "submitted", "applicant", "application"},
      {"submitted", "withdraw", "withdrawn", "applicant", "application"},
      {"submitted", "unit_start", "unit_review", "unit_reviewer", "unit_review"},
      {"unit_review", "unit_return", "returned_to_applicant", "unit_reviewer", "unit_review"},
      {"returned_to_applicant", "resubmit", "unit_review", "applicant", "unit_review"},
      {"unit_review", "unit_approve", "unit_publicity", "unit_reviewer", "unit_review"},
  };
  return table;
}

const Transition* find(std::string_view state, std::string_view action) {
  for (const auto& t : transitions())
    if (t.from == state && t.action == action) return &t;
  return nullptr;
}

std::string_view role_of(std::string_view action) {
  for (const auto& t : transitions())
    if (t.action == action) return t.role;
  return {};
}

}  // namespace zp::review
