#pragma once
// The signed-in person as the authorization layer sees them: their roles, each scoped to an organisation node.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace zp::authz {

struct RoleGrant {
  std::int64_t assignment_id = 0;
  std::string role;  // applicant, unit_admin, unit_reviewer, dept_reviewer, office, committee_admin, expert, monitor,
                     // sys_admin, sec_admin, audit_admin
  std::int64_t org_id = 0;
  std::string org_path;  // "/1/4/9/": the node and its ancestors
  std::string org_name, org_kind;
};

struct Actor {
  std::int64_t user_id = 0;
  std::string login, real_name, phone;
  std::optional<std::string> email;
  std::optional<std::int64_t> unit_id;
  std::string unit_name;
  bool must_change_password = false;
  std::vector<RoleGrant> roles;
  std::string csrf_token;
  std::string session_key;  // hash of the session token
  std::string ip;
};

}  // namespace zp::authz
