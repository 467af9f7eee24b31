#include "authz/authz.hpp"

#include <algorithm>
#include <array>

#include "core/error.hpp"
#include "org/store.hpp"

namespace zp::authz {

namespace {

struct Rule {
  Action action;
  std::vector<std::string_view> roles;  // roles that may act on the subtree under their own node
};

// The policy table. A role grants the action on the node it is assigned at and everything below it.
const std::vector<Rule>& policy() {
  static const std::vector<Rule> rules = {
      {Action::org_view, {"office", "sys_admin", "sec_admin", "dept_reviewer", "committee_admin", "unit_admin"}},
      {Action::org_create, {"office", "sys_admin"}},
      {Action::org_update, {"office", "sys_admin"}},
      {Action::unit_approve, {"office"}},
      {Action::unit_staff_view, {"office", "unit_admin"}},
      {Action::reviewer_designate, {"unit_admin"}},
      {Action::reviewer_approve, {"office"}},
      {Action::user_manage, {"sec_admin"}},
      {Action::role_assign, {"sec_admin"}},
      {Action::audit_read, {"audit_admin"}},
      {Action::catalog_manage, {"office", "sys_admin"}},
      {Action::campaign_manage, {"office"}},
      {Action::calendar_manage, {"office", "sys_admin"}},
      {Action::dossier_edit, {}},
      {Action::dossier_read, {"unit_reviewer", "dept_reviewer", "office"}},
      {Action::dossier_signals, {"unit_reviewer", "dept_reviewer", "office"}},
      {Action::route_approve, {"office"}},
      {Action::integrity_manage, {"office"}},
      {Action::unit_review, {"unit_reviewer"}},
      {Action::dept_review, {"dept_reviewer"}},
      {Action::office_review, {"office"}},
      {Action::delegation_receive, {"committee_admin"}},
      {Action::mail_outbox_view, {"sys_admin"}},
  };
  return rules;
}

const Rule& rule_for(Action a) {
  for (const auto& r : policy())
    if (r.action == a) return r;
  throw std::logic_error("no policy rule for an action");
}

bool allows(const Rule& rule, const RoleGrant& g) {
  return std::find(rule.roles.begin(), rule.roles.end(), g.role) != rule.roles.end();
}

}  // namespace

std::string_view action_name(Action a) {
  switch (a) {
    case Action::org_view: return "org.view";
    case Action::org_create: return "org.create";
    case Action::org_update: return "org.update";
    case Action::unit_approve: return "unit.approve";
    case Action::unit_staff_view: return "unit.staff_view";
    case Action::reviewer_designate: return "reviewer.designate";
    case Action::reviewer_approve: return "reviewer.approve";
    case Action::user_manage: return "user.manage";
    case Action::role_assign: return "role.assign";
    case Action::audit_read: return "audit.read";
    case Action::catalog_manage: return "catalog.manage";
    case Action::campaign_manage: return "campaign.manage";
    case Action::calendar_manage: return "calendar.manage";
    case Action::dossier_edit: return "dossier.edit";
    case Action::dossier_read: return "dossier.read";
    case Action::dossier_signals: return "dossier.signals";
    case Action::route_approve: return "dossier.route_approve";
    case Action::integrity_manage: return "integrity.manage";
    case Action::unit_review: return "unit.review";
    case Action::dept_review: return "dept.review";
    case Action::office_review: return "office.review";
    case Action::delegation_receive: return "delegation.receive";
    case Action::mail_outbox_view: return "mail.outbox_view";
  }
  return "?";
}

const std::vector<std::string>& all_roles() {
  static const std::vector<std::string> roles = {"applicant", "unit_admin",      "unit_reviewer", "dept_reviewer",
                                                 "office",    "committee_admin", "expert",        "monitor",
                                                 "sys_admin", "sec_admin",       "audit_admin"};
  return roles;
}

bool is_role(std::string_view role) {
  const auto& r = all_roles();
  return std::find(r.begin(), r.end(), role) != r.end();
}

const RoleGrant* Authorizer::grant_for(const Actor& actor, Action action, std::string_view target_path) {
  const Rule& rule = rule_for(action);
  for (const auto& g : actor.roles)
    if (allows(rule, g) && !g.org_path.empty() && target_path.substr(0, g.org_path.size()) == g.org_path) return &g;
  return nullptr;
}

std::string Authorizer::require_path(const Actor& actor, Action action, std::string_view target_path) const {
  const RoleGrant* g = grant_for(actor, action, target_path);
  if (!g) throw forbidden();
  return g->role;
}

std::string Authorizer::require(const Actor& actor, Action action, std::int64_t target_org_id) const {
  const auto path = org::path_of(db_, target_org_id);
  if (!path) throw not_found("机构", "The organisation");
  return require_path(actor, action, *path);
}

std::string Authorizer::require_dossier(const Actor& actor, Action action, std::int64_t owner_user_id, std::string_view scope_path) {
  const bool owner = actor.user_id == owner_user_id &&
                     std::any_of(actor.roles.begin(), actor.roles.end(), [](const RoleGrant& g) { return g.role == "applicant"; });
  if ((action == Action::dossier_edit || action == Action::dossier_read) && owner) return "applicant";
  if (action == Action::dossier_edit) throw forbidden();
  if (const RoleGrant* g = grant_for(actor, action, scope_path)) return g->role;
  throw forbidden();
}

std::vector<std::string> Authorizer::scopes(const Actor& actor, Action action) {
  const Rule& rule = rule_for(action);
  std::vector<std::string> out;
  for (const auto& g : actor.roles)
    if (allows(rule, g)) out.push_back(g.org_path);
  // Drop nested scopes: a subtree inside another adds nothing.
  std::sort(out.begin(), out.end());
  std::vector<std::string> pruned;
  for (const auto& p : out)
    if (pruned.empty() || p.compare(0, pruned.back().size(), pruned.back()) != 0) pruned.push_back(p);
  return pruned;
}

}  // namespace zp::authz
