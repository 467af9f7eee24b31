#pragma once
// The one place that decides who may do what where: can(actor, action, target organisation).
// Every handler asks here; no handler or service decides access on its own.
#include <string>
#include <string_view>
#include <vector>

#include "authz/actor.hpp"

namespace zp::db {
class Database;
}

namespace zp::authz {

enum class Action {
  org_view,            // see an organisation node and its details
  org_create,          // add a child under a node (target: the parent)
  org_update,          // edit a node
  unit_approve,        // approve or reject a unit's registration
  unit_staff_view,     // list a unit's staff
  reviewer_designate,  // propose the unit's reviewer
  reviewer_approve,    // approve (核准) or reject a designation
  user_manage,         // create users, reset passwords, unlock (target: the user's unit, or the root)
  role_assign,         // grant or remove a role at a node (target: that node)
  audit_read,          // read and verify the audit log
  catalog_manage,      // series, specialties, requirement tables, checklists (target: the series' owner office)
  campaign_manage,     // campaigns, phases, extensions (target: the campaign's office)
  calendar_manage,     // the working-day calendar (target: the root)
  dossier_edit,        // fill, upload, submit, withdraw: the owner only
  dossier_read,        // the owner, or reviewers over the applicant's unit (target: the unit)
  dossier_signals,     // fraud signals across people: reviewers only, never the applicant
  route_approve,       // approve an exceptional or no-prior-title route (target: the campaign's office)
  integrity_manage,    // integrity records (target: the person's unit, or the root)
  unit_review,         // the unit reviewer's actions on dossiers of the unit (target: the unit)
  dept_review,         // the supervising department's check and forwarding (target: the department)
  office_review,       // the office's review, publicity, fees, spot checks, committee list (target: the campaign's office)
  delegation_receive,  // a committee's organisers read what was delegated to it (target: the committee)
  mail_outbox_view,    // the outbox of mail copies: addresses masked (target: the root)
};

std::string_view action_name(Action a);
// Every role code the system knows, in display order.
const std::vector<std::string>& all_roles();
bool is_role(std::string_view role);

class Authorizer {
 public:
  explicit Authorizer(db::Database& db) : db_(db) {}

  // The grant that allows `action` on the node with materialised path `target_path`, or nullptr.
  static const RoleGrant* grant_for(const Actor& actor, Action action, std::string_view target_path);
  bool can(const Actor& actor, Action action, std::string_view target_path) const {
    return grant_for(actor, action, target_path) != nullptr;
  }
  // Looks the node up; throws 404 when it does not exist and 403 when the actor may not act there.
  // Returns the role the action is allowed under (for the audit row).
  std::string require(const Actor& actor, Action action, std::int64_t target_org_id) const;
  std::string require_path(const Actor& actor, Action action, std::string_view target_path) const;
  // The subtree roots (paths) where the actor may perform `action`; lists filter by these.
  static std::vector<std::string> scopes(const Actor& actor, Action action);
  // Dossiers: the owner (an applicant) may edit and read their own; reviewers act by scope over `scope_path`
  // (the applicant's unit, or the campaign's office for people without a unit).
  static std::string require_dossier(const Actor& actor, Action action, std::int64_t owner_user_id, std::string_view scope_path);

 private:
  db::Database& db_;
};

}  // namespace zp::authz
