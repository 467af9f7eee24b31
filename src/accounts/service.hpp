#pragma once
// Use cases for sign-in, sessions, self-registration and the security administrator's user and role management.
#include <optional>
#include <semaphore>
#include <shared_mutex>
#include <unordered_map>
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
  // A signed-in user's session, user and roles are kept in memory this long, so most requests read no
  // database rows. Changes made on this server invalidate at once; other servers sharing the database see
  // them within this time. 0 turns the cache off.
  std::int64_t session_cache_ms = 2000;
};

class Service {
 public:
  Service(db::Database& db, const authz::Authorizer& authz, Settings settings);

  LoginResult login(const std::string& login, const std::string& password, const std::string& ip);
  std::optional<authz::Actor> authenticate(const std::string& token, const std::string& ip);
  // The same from memory only; nullopt when the answer needs the database. Never blocks on I/O.
  std::optional<authz::Actor> authenticate_cached(const std::string& token, const std::string& ip);
  void logout(const authz::Actor& actor);
  LoginResult change_password(const authz::Actor& actor, const std::string& old_password,
                              const std::string& new_password);
  std::int64_t register_applicant(const NewUser& u, const std::string& ip);
  // The user's own email address (for mail copies of messages); nullopt or empty clears it. Returns what is stored.
  std::optional<std::string> set_own_email(const authz::Actor& actor, const std::optional<std::string>& email);

  std::vector<UserListItem> list_users(const authz::Actor& actor, const UserFilter& f, std::int64_t* total);
  User create_user(const authz::Actor& actor, const NewUser& u);
  std::int64_t assign_role(const authz::Actor& actor, std::int64_t user_id, const std::string& role,
                           std::int64_t org_id);
  void remove_role(const authz::Actor& actor, std::int64_t user_id, std::int64_t assignment_id);
  void reset_password(const authz::Actor& actor, std::int64_t user_id, const std::string& password);
  void unlock(const authz::Actor& actor, std::int64_t user_id);

  // Drops cached sessions of a user whose roles or password changed (or of everyone).
  void forget_user(std::int64_t user_id);
  void forget_all();

  // Used by the demo loader and tests: creates a user with roles, no authorization, audited as the system.
  std::int64_t create_user_unchecked(db::Tx& tx, const NewUser& u, bool must_change);
  const Settings& settings() const { return settings_; }

 private:
  LoginResult open_session(db::Tx& tx, const User& user, const std::string& ip);
  std::string require_user_manage(const authz::Actor& actor, const User& target);
  User load_user(db::Tx& tx, std::int64_t id);
  // Argon2id, at most as many at once as there are cores (see hashing_).
  std::string hash_password(std::string_view password);
  bool verify_password(std::string_view hash, std::string_view password);

  db::Database& db_;
  const authz::Authorizer& authz_;
  Settings settings_;
  std::string dummy_hash_;
  // Each Argon2id hash takes 19 MiB and a core for about 20 ms: running more at once than there are cores makes
  // none of them faster and only adds memory (32 worker threads signing in at once would hold 600 MiB).
  std::counting_semaphore<> hashing_;

  struct Cached {
    authz::Actor actor;
    std::int64_t last_seen_at = 0, cached_at = 0;
  };
  std::shared_mutex cache_mu_;
  std::unordered_map<std::string, Cached> cache_;  // by session key  // verified against when the login is unknown, so timing does not reveal it
};

}  // namespace zp::accounts
