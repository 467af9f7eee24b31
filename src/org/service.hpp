#pragma once
// Use cases for the organisation tree, unit self-registration and approval, and reviewer designation (核准).
#include <optional>
#include <string>
#include <vector>

#include "authz/actor.hpp"
#include "db/database.hpp"
#include "core/error.hpp"
#include "org/model.hpp"

namespace zp::authz {
class Authorizer;
}
namespace zp::accounts {
class Service;
}

namespace zp::org {

struct OrgInput {  // fields a client may set; absent = unchanged (update) or default (create)
  std::optional<std::int64_t> parent_id;
  std::optional<std::string> kind, name, credit_code, unit_type, region;
  std::optional<bool> legal_person;
  std::optional<std::int64_t> supervising_dept_id;
};

struct UnitRegistration {
  std::string name, credit_code, unit_type, region, contact_name, contact_phone, login, password;
  bool legal_person = true;
  std::int64_t parent_id = 0;
};

struct ReviewerStatus {
  std::optional<CurrentReviewer> current;
  std::optional<Designation> pending;
};

class Service {
 public:
  Service(db::Database& db, const authz::Authorizer& authz, accounts::Service& accounts);

  std::vector<Org> list_visible(const authz::Actor& actor);
  Org get(const authz::Actor& actor, std::int64_t id);
  Org create(const authz::Actor& actor, const OrgInput& in);
  Org update(const authz::Actor& actor, std::int64_t id, const OrgInput& in);

  std::vector<Org> public_parents(const std::string& q);  // offices and departments a unit can register under
  std::vector<Org> public_units(const std::string& q);    // approved units, for applicant registration
  Org register_unit(const UnitRegistration& r, const std::string& ip);
  std::vector<Org> registrations(const authz::Actor& actor, const std::string& status);
  Org approve_unit(const authz::Actor& actor, std::int64_t id);
  Org reject_unit(const authz::Actor& actor, std::int64_t id, const std::string& reason);

  std::vector<StaffMember> staff(const authz::Actor& actor, std::int64_t unit_id);
  ReviewerStatus reviewer_status(const authz::Actor& actor, std::int64_t unit_id);
  std::int64_t designate_reviewer(const authz::Actor& actor, std::int64_t unit_id, std::int64_t user_id);
  std::vector<Designation> designations(const authz::Actor& actor, const std::string& status);
  Designation approve_designation(const authz::Actor& actor, std::int64_t id);
  Designation reject_designation(const authz::Actor& actor, std::int64_t id, const std::string& reason);

  // For the demo loader: inserts without authorization.
  Org insert_unchecked(db::Tx& tx, Org org);

 private:
  Org load(db::Tx& tx, std::int64_t id);
  Designation load_designation(db::Tx& tx, std::int64_t id);
  void check_fields(db::Tx& tx, Org& org, const OrgInput& in, std::vector<ErrorDetail>& problems);

  db::Database& db_;
  const authz::Authorizer& authz_;
  accounts::Service& accounts_;
};

}  // namespace zp::org
