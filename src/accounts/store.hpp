#pragma once
// SQL for users, role assignments and sessions.
#include <optional>
#include <vector>

#include "accounts/model.hpp"
#include "db/database.hpp"

namespace zp::accounts {

std::optional<User> find_user(db::Tx& tx, std::int64_t id);
std::optional<User> find_user_by_login(db::Tx& tx, const std::string& login);
bool resident_id_taken(db::Tx& tx, const std::string& resident_id);
std::int64_t insert_user(db::Tx& tx, const User& u);
void record_login_failure(db::Tx& tx, std::int64_t id, int failed, std::optional<std::int64_t> locked_until);
void clear_login_failures(db::Tx& tx, std::int64_t id);
void set_password(db::Tx& tx, std::int64_t id, const std::string& hash, bool must_change);
void set_email(db::Tx& tx, std::int64_t id, const std::optional<std::string>& email);  // nullopt clears it

std::vector<authz::RoleGrant> roles_of(db::Tx& tx, std::int64_t user_id);
std::int64_t insert_role(db::Tx& tx, std::int64_t user_id, const std::string& role, std::int64_t org_id);
std::optional<authz::RoleGrant> find_role(db::Tx& tx, std::int64_t assignment_id, std::int64_t* user_id);
void delete_role(db::Tx& tx, std::int64_t assignment_id);
// Removes the unit_reviewer role at the unit; returns the user who held it.
std::optional<std::int64_t> remove_unit_reviewer(db::Tx& tx, std::int64_t unit_id);

struct UserFilter {
  std::string q;
  int page = 1, page_size = 20;
};
std::vector<User> list_users(db::Tx& tx, const UserFilter& f, std::int64_t* total);

void insert_session(db::Tx& tx, const Session& s, const std::string& ip);
std::optional<Session> find_session(db::Tx& tx, const std::string& key);
void touch_session(db::Tx& tx, const std::string& key, std::int64_t at);
void delete_session(db::Tx& tx, const std::string& key);
void delete_user_sessions(db::Tx& tx, std::int64_t user_id);
void delete_sessions_idle_since(db::Tx& tx, std::int64_t before);

}  // namespace zp::accounts
