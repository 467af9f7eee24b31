#include "review/transitions.hpp"

#include <algorithm>
#include <array>

namespace zp::review {

const std::vector<Transition>& transitions() {
  // The committee's stages (draw, defense, vote, result publicity, approval) join this table when they are built.
  static const std::vector<Transition> table = {
      {"draft", "submit", "submitted", "applicant", "application", ""},
      {"submitted", "withdraw", "withdrawn", "applicant", "application", ""},
      // Unit review (单位审核), publicity and recommendation.
      {"submitted", "unit_start", "unit_review", "unit_reviewer", "unit_review", ""},
      {"unit_review", "unit_return", "returned_to_applicant", "unit_reviewer", "unit_review", ""},
      {"returned_to_applicant", "resubmit", "unit_review", "applicant", "unit_review", ""},
      {"unit_review", "unit_approve", "unit_publicity", "unit_reviewer", "unit_review", ""},
      {"unit_publicity", "unit_recommend", "dept_review", "unit_reviewer", "unit_review", "has_dept"},
      {"unit_publicity", "unit_recommend", "office_review", "unit_reviewer", "unit_review", "no_dept"},
      {"unit_publicity", "unit_decline", "not_recommended", "unit_reviewer", "unit_review", ""},
      // The supervising department (主管部门) checks within the unit stage's window.
      {"dept_review", "dept_forward", "office_review", "dept_reviewer", "unit_review", ""},
      {"dept_review", "dept_return", "unit_review", "dept_reviewer", "unit_review", ""},
      // The office's review (受理审核): accept, fail the initial review, reject, or one return with a notice.
      {"office_review", "office_accept", "accepted", "office", "office_review", ""},
      {"office_review", "office_fail", "initial_failed", "office", "office_review", ""},
      {"office_review", "office_reject", "rejected", "office", "office_review", ""},
      {"office_review", "office_return", "returned_once", "office", "office_review", ""},
      {"returned_once", "resubmit", "office_review", "applicant", "office_review", ""},
      // Initial-review publicity, then the list sent to the committee (送评名单).
      {"accepted", "office_publish", "office_publicity", "office", "office_review", ""},
      {"initial_failed", "office_publish", "office_publicity", "office", "office_review", ""},
      {"office_publicity", "send", "sent_to_committee", "office", "office_review", ""},
      {"office_publicity", "not_send", "not_sent", "office", "office_review", ""},
  };
  return table;
}

namespace {
bool guard_met(std::string_view when, const Facts& f) {
  if (when.empty()) return true;
  if (when == "has_dept") return f.has_dept;
  if (when == "no_dept") return !f.has_dept;
  return false;
}
}  // namespace

const Transition* find(std::string_view state, std::string_view action, const Facts& facts) {
  for (const auto& t : transitions())
    if (t.from == state && t.action == action && guard_met(t.when, facts)) return &t;
  return nullptr;
}

std::string_view role_of(std::string_view action) {
  for (const auto& t : transitions())
    if (t.action == action) return t.role;
  return {};
}

bool voidable(std::string_view state) {
  static constexpr std::array<std::string_view, 3> never = {"draft", "withdrawn", "void"};
  return std::find(never.begin(), never.end(), state) == never.end();
}

}  // namespace zp::review
