#pragma once
// Use cases for sign-in, sessions, self-registration and the security administrator's user and role management.
#include <optional>
#include <string>
#include <vector>

#include "accounts/model.hpp"
#include "accounts/store.hpp"
#include "core/crypto.hpp"

namespace zp::authz {
class Authorizer;
}

namespace zp::accounts {

struct Settings {
  std::int64_t session_idle_ms = 30LL * 60 * 1000;
  int max_failed_logins = 5;
  std::int64_t lockout_ms = 15LL * 60 * 1000;
  crypto::PasswordCost password_cost;
};

class Service {
 public:
  Service(db::Database& db, const authz::Authorizer& authz, Settings settings);

  LoginResult login(const std::string& login, const std::string& password, const std::string& ip);
  std::optional<authz::Actor> authenticate(const std::string& token, const std::string& ip);
  void logout(const authz::Actor& actor);
  LoginResult change_password(const authz::Actor& actor, const std::string& old_password,
                              const std::string& new_password);
  std::int64_t register_applicant(const NewUser& u, const std::string& ip);

  std::vector<UserListItem> list_users(const authz::Actor& actor, const UserFilter& f, std::int64_t* total);
  User create_user(const authz::Actor& actor, const NewUser& u);
  std::int64_t assign_role(const authz::Actor& actor, std::int64_t user_id, const std::string& role,
                           std::int64_t org_id);
  void remove_role(const authz::Actor& actor, std::int64_t user_id, std::int64_t assignment_id);
  void reset_password(const authz::Actor& actor, std::int64_t user_id, const std::string& password);
  void unlock(const authz::Actor& actor, std::int64_t user_id);

  // Used by the demo loader and tests: creates a user with roles, no authorization, audited as the system.
  std::int64_t create_user_unchecked(db::Tx& tx, const NewUser& u, bool must_change);
  const Settings& settings() const { return settings_; }

 private:
  LoginResult open_session(db::Tx& tx, const User& user, const std::string& ip);
  std::string require_user_manage(const authz::Actor& actor, const User& target);
  User load_user(db::Tx& tx, std::int64_t id);

  db::Database& db_;
  const authz::Authorizer& authz_;
  Settings settings_;
  std::string dummy_hash_;  // verified against when the login is unknown, so timing does not reveal it
};

}  // namespace zp::accounts
