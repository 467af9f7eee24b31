#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "authz/actor.hpp"

namespace zp::accounts {

struct User {
  std::int64_t id = 0;
  std::string login, real_name, phone;
  std::optional<std::string> resident_id;
  std::optional<std::string> email;  // optional: only for mail copies of messages
  std::optional<std::int64_t> unit_id;
  std::string unit_name;
  std::string password_hash;
  bool must_change_password = false;
  int failed_logins = 0;
  std::optional<std::int64_t> locked_until;
  std::int64_t created_at = 0;
};

struct Session {
  std::string key;  // SHA-256 of the token; the token itself is only in the client's cookie
  std::int64_t user_id = 0;
  std::string csrf_token;
  std::int64_t created_at = 0, last_seen_at = 0;
};

struct LoginResult {
  std::string token, csrf_token;
  authz::Actor actor;
};

struct UserListItem {
  User user;
  std::vector<authz::RoleGrant> roles;
};

struct NewUser {
  std::string login, real_name, phone, password;
  std::optional<std::string> resident_id;
  std::optional<std::int64_t> unit_id;
};

}  // namespace zp::accounts
