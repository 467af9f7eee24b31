#include "accounts/service.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <thread>

#include "accounts/validation.hpp"
#include "audit/origin.hpp"
#include "audit/store.hpp"
#include "authz/authz.hpp"
#include "core/email.hpp"
#include "core/error.hpp"
#include "core/resident_id.hpp"
#include "core/time.hpp"
#include "org/store.hpp"

namespace zp::accounts {

namespace {
AppError bad_credentials(const Settings& s) {
  const auto failures = std::to_string(s.max_failed_logins);
  const auto minutes = std::to_string(std::max<std::int64_t>(1, s.lockout_ms / 60'000));
  return unauthorized("invalid_credentials", "登录名或密码错误。连续输错" + failures + "次账号将被锁定" + minutes + "分钟。",
                      "Wrong login name or password. " + failures + " failures in a row lock the account for " + minutes + " minutes.");
}

AppError locked(std::int64_t until) {
  ErrorDetail d{"account_locked", "", "账号已锁定。", "The account is locked.", {{"locked_until", timeutil::format_shanghai(until)}}};
  return AppError(423, "account_locked",
                  "密码连续错误次数过多，账号已锁定至 " + timeutil::format_shanghai(until) + "，请届时再试或联系管理员解锁。",
                  "Too many wrong passwords: the account is locked until " + timeutil::format_shanghai(until) +
                      ". Try again then, or ask an administrator to unlock it.",
                  {d});
}

audit::Origin anonymous(const std::string& login, const std::string& ip) {
  audit::Origin o;
  o.login = login;
  o.ip = ip;
  return o;
}

}  // namespace

Service::Service(db::Database& db, const authz::Authorizer& authz, Settings settings)
    : db_(db), authz_(authz), settings_(settings),
      dummy_hash_(crypto::hash_password("zhiping-dummy-password", settings.password_cost)),
      hashing_(static_cast<std::ptrdiff_t>(std::max(1u, std::thread::hardware_concurrency()))) {}

namespace {
// Holds one of the hashing slots while it lives.
struct Slot {
  explicit Slot(std::counting_semaphore<>& s) : slots(s) { slots.acquire(); }
  ~Slot() { slots.release(); }
  std::counting_semaphore<>& slots;
};
}  // namespace

std::string Service::hash_password(std::string_view password) {
  Slot slot(hashing_);
  return crypto::hash_password(password, settings_.password_cost);
}

bool Service::verify_password(std::string_view hash, std::string_view password) {
  Slot slot(hashing_);
  return crypto::verify_password(hash, password);
}

LoginResult Service::open_session(db::Tx& tx, const User& user, const std::string& ip) {
  LoginResult r;
  r.token = crypto::random_token(32);
  r.csrf_token = crypto::random_token(24);
  Session s{crypto::sha256_hex(r.token), user.id, r.csrf_token, timeutil::now_ms(), timeutil::now_ms()};
  insert_session(tx, s, ip);
  r.actor.user_id = user.id;
  r.actor.login = user.login;
  r.actor.real_name = user.real_name;
  r.actor.phone = user.phone;
  r.actor.email = user.email;
  r.actor.unit_id = user.unit_id;
  r.actor.unit_name = user.unit_name;
  r.actor.must_change_password = user.must_change_password;
  r.actor.roles = roles_of(tx, user.id);
  r.actor.csrf_token = r.csrf_token;
  r.actor.session_key = s.key;
  r.actor.ip = ip;
  return r;
}

LoginResult Service::login(const std::string& login, const std::string& password, const std::string& ip) {
  std::optional<User> user;
  {
    auto tx = db_.read();
    user = find_user_by_login(tx, login);
  }
  const std::int64_t now = timeutil::now_ms();
  if (!user) {
    verify_password(dummy_hash_, password);
    auto tx = db_.write();
    audit::append(tx, anonymous(login, ip), {"auth.login_failed", "user", "", "unknown login"});
    tx.commit();
    throw bad_credentials(settings_);
  }
  if (user->locked_until && *user->locked_until > now) {
    auto tx = db_.write();
    audit::append(tx, anonymous(login, ip), {"auth.login_refused_locked", "user", std::to_string(user->id), ""});
    tx.commit();
    throw locked(*user->locked_until);
  }
  // Hash verification runs outside any transaction: it is slow on purpose and must not hold the writer.
  const bool ok = verify_password(user->password_hash, password);
  auto tx = db_.write();
  auto fresh = find_user(tx, user->id);
  if (!fresh) throw bad_credentials(settings_);
  if (!ok) {
    int failed = (fresh->locked_until && *fresh->locked_until <= now) ? 1 : fresh->failed_logins + 1;
    std::optional<std::int64_t> until;
    if (failed >= settings_.max_failed_logins) {
      until = now + settings_.lockout_ms;
      failed = 0;
    }
    record_login_failure(tx, fresh->id, failed, until);
    audit::append(tx, anonymous(login, ip),
                  {"auth.login_failed", "user", std::to_string(fresh->id), until ? "wrong password; account locked" : "wrong password"});
    tx.commit();
    if (until) throw locked(*until);
    throw bad_credentials(settings_);
  }
  if (fresh->locked_until && *fresh->locked_until > now) throw locked(*fresh->locked_until);
  clear_login_failures(tx, fresh->id);
  delete_sessions_idle_since(tx, now - settings_.session_idle_ms);  // keeps the table to live sessions
  auto result = open_session(tx, *fresh, ip);
  audit::append(tx, audit::origin_of(result.actor, ""), {"auth.login", "user", std::to_string(fresh->id), ""});
  tx.commit();
  return result;
}

void Service::forget_user(std::int64_t user_id) {
  std::unique_lock lock(cache_mu_);
  std::erase_if(cache_, [&](const auto& kv) { return kv.second.actor.user_id == user_id; });
}

void Service::forget_all() {
  std::unique_lock lock(cache_mu_);
  cache_.clear();
}

std::optional<authz::Actor> Service::authenticate_cached(const std::string& token, const std::string& ip) {
  if (settings_.session_cache_ms <= 0 || token.empty() || token.size() > 128) return std::nullopt;
  const std::string key = crypto::sha256_hex(token);
  const std::int64_t now = timeutil::now_ms();
  std::shared_lock lock(cache_mu_);
  const auto it = cache_.find(key);
  if (it == cache_.end()) return std::nullopt;
  const auto& c = it->second;
  // Fresh enough, not idle too long, and no touch due: answer from memory.
  if (now - c.cached_at >= settings_.session_cache_ms || c.last_seen_at + settings_.session_idle_ms < now ||
      now - c.last_seen_at > 60'000)
    return std::nullopt;
  authz::Actor actor = c.actor;
  actor.ip = ip;
  return actor;
}

std::optional<authz::Actor> Service::authenticate(const std::string& token, const std::string& ip) {
  if (auto cached = authenticate_cached(token, ip)) return cached;
  if (token.empty() || token.size() > 128) return std::nullopt;
  const std::string key = crypto::sha256_hex(token);
  const std::int64_t now = timeutil::now_ms();
  std::optional<Session> s;
  std::optional<User> user;
  authz::Actor actor;
  {
    auto tx = db_.read();
    s = find_session(tx, key);
    if (!s) {
      std::unique_lock lock(cache_mu_);
      cache_.erase(key);  // ended on another server
      return std::nullopt;
    }
    if (s->last_seen_at + settings_.session_idle_ms >= now) {
      user = find_user(tx, s->user_id);
      if (user) actor.roles = roles_of(tx, user->id);
    }
  }
  if (!user) {  // idle too long (or the user is gone): the session ends
    {
      std::unique_lock lock(cache_mu_);
      cache_.erase(key);
    }
    auto tx = db_.write();
    delete_session(tx, key);
    tx.commit();
    return std::nullopt;
  }
  // Record activity at most once a minute: idle expiry needs no finer grain, and reads stay reads.
  std::int64_t last_seen = s->last_seen_at;
  if (now - s->last_seen_at > 60'000) {
    auto tx = db_.write();
    touch_session(tx, key, now);
    tx.commit();
    last_seen = now;
  }
  actor.user_id = user->id;
  actor.login = user->login;
  actor.real_name = user->real_name;
  actor.phone = user->phone;
  actor.email = user->email;
  actor.unit_id = user->unit_id;
  actor.unit_name = user->unit_name;
  actor.must_change_password = user->must_change_password;
  actor.csrf_token = s->csrf_token;
  actor.session_key = key;
  actor.ip = ip;
  if (settings_.session_cache_ms > 0) {
    std::unique_lock lock(cache_mu_);
    if (cache_.size() > 100'000) cache_.clear();  // bound memory; entries refill on the next request
    cache_[key] = {actor, last_seen, now};
  }
  return actor;
}

void Service::logout(const authz::Actor& actor) {
  {
    std::unique_lock lock(cache_mu_);
    cache_.erase(actor.session_key);
  }
  auto tx = db_.write();
  delete_session(tx, actor.session_key);
  audit::append(tx, audit::origin_of(actor, ""), {"auth.logout", "user", std::to_string(actor.user_id), ""});
  tx.commit();
  std::unique_lock lock(cache_mu_);
  cache_.erase(actor.session_key);  // again: a request between the first erase and the commit may have re-cached it
}

LoginResult Service::change_password(const authz::Actor& actor, const std::string& old_password,
                                     const std::string& new_password) {
  User user;
  {
    auto tx = db_.read();
    user = load_user(tx, actor.user_id);
  }
  if (!verify_password(user.password_hash, old_password))
    // 422, not 401: the session is fine, only the typed password is wrong.
    throw unprocessable("wrong_password", "原密码不正确，请重新输入。", "The current password is wrong; enter it again.",
                        {{"wrong_password", "old_password", "原密码不正确。", "The current password is wrong."}});
  std::vector<ErrorDetail> problems;
  check_password(user.login, new_password, problems, "new_password");
  if (new_password == old_password)
    problems.push_back({"password_unchanged", "new_password", "新密码不能与原密码相同。",
                        "The new password must differ from the current one."});
  if (!problems.empty())
    throw unprocessable("password_policy", "新密码不符合要求，请按提示修改。",
                        "The new password does not meet the policy; change it as shown.", problems);
  const std::string hash = hash_password(new_password);
  auto tx = db_.write();
  set_password(tx, user.id, hash, false);
  delete_user_sessions(tx, user.id);  // every other browser is signed out
  user.must_change_password = false;
  auto result = open_session(tx, user, actor.ip);
  audit::append(tx, audit::origin_of(actor, ""), {"auth.password_changed", "user", std::to_string(user.id), "all sessions ended"});
  tx.commit();
  forget_user(user.id);
  return result;
}

std::optional<std::string> Service::set_own_email(const authz::Actor& actor, const std::optional<std::string>& email) {
  std::optional<std::string> stored;
  if (email && !email->empty()) {
    std::vector<ErrorDetail> problems;
    check_email(*email, problems);
    throw_if_any(problems);
    stored = normalize_email(*email);
  }
  auto tx = db_.write();
  load_user(tx, actor.user_id);
  set_email(tx, actor.user_id, stored);
  audit::append(tx, audit::origin_of(actor, ""),
                stored ? audit::Entry{"user.email_set", "user", std::to_string(actor.user_id), mask_email(*stored)}
                       : audit::Entry{"user.email_cleared", "user", std::to_string(actor.user_id), ""});
  tx.commit();
  forget_user(actor.user_id);  // the cached actor carries the address
  return stored;
}

std::int64_t Service::register_applicant(const NewUser& u, const std::string& ip) {
  std::vector<ErrorDetail> problems;
  check_real_name(u.real_name, problems);
  ResidentIdError id_error;
  std::optional<ResidentId> rid;
  if (!u.resident_id) {
    problems.push_back({"required", "resident_id", "请填写身份证号码。", "Enter the resident ID number."});
  } else if (!(rid = parse_resident_id(*u.resident_id, &id_error))) {
    problems.push_back({id_error.code, "resident_id", id_error.message, id_error.message_en});
  }
  check_phone(u.phone, problems);
  check_login_name(u.login, problems);
  check_password(u.login, u.password, problems);
  const std::string hash = hash_password(u.password);
  auto tx = db_.write();
  if (u.unit_id) {
    auto unit = org::find(tx, *u.unit_id);
    if (!unit || unit->kind != "unit")
      problems.push_back({"unit_not_found", "unit_id", "所选单位不存在。", "The chosen unit does not exist."});
    else if (unit->status != "active")
      problems.push_back({"unit_not_approved", "unit_id", "所选单位尚未通过职改部门审核，请先由单位完成注册审核。",
                          "The chosen unit is not approved yet; the unit must finish its registration first."});
  }
  if (find_user_by_login(tx, u.login))
    problems.push_back({"login_taken", "login", "该登录名已被使用，请换一个。", "This login name is taken; choose another."});
  if (rid && resident_id_taken(tx, rid->number))
    problems.push_back({"resident_id_taken", "resident_id", "该身份证号码已注册，一人只能注册一个账号；如忘记密码请联系管理员重置。",
                        "This ID number already has an account (one per person); ask an administrator to reset its password."});
  throw_if_any(problems);
  User user;
  user.login = u.login;
  user.real_name = u.real_name;
  user.phone = u.phone;
  user.resident_id = rid->number;
  user.unit_id = u.unit_id;
  user.password_hash = hash;
  const auto id = insert_user(tx, user);
  const auto role_org = u.unit_id ? u.unit_id : org::root_id(tx);
  if (role_org) insert_role(tx, id, "applicant", *role_org);
  audit::append(tx, anonymous(u.login, ip), {"user.register_applicant", "user", std::to_string(id), "self-registration"});
  tx.commit();
  return id;
}

User Service::load_user(db::Tx& tx, std::int64_t id) {
  auto u = find_user(tx, id);
  if (!u) throw not_found("用户", "The user");
  return *u;
}

std::string Service::require_user_manage(const authz::Actor& actor, const User& target) {
  std::optional<std::string> path;
  if (target.unit_id) path = org::path_of(db_, *target.unit_id);
  if (!path) {
    auto tx = db_.read();
    path = org::root_path(tx);
  }
  return authz_.require_path(actor, authz::Action::user_manage, path.value_or("/"));
}

std::vector<UserListItem> Service::list_users(const authz::Actor& actor, const UserFilter& f, std::int64_t* total) {
  auto tx = db_.read();
  // The list spans the whole installation, so it needs user_manage at the root.
  authz_.require_path(actor, authz::Action::user_manage, org::root_path(tx));
  std::vector<UserListItem> out;
  for (auto& u : accounts::list_users(tx, f, total)) out.push_back({u, roles_of(tx, u.id)});
  return out;
}

std::int64_t Service::create_user_unchecked(db::Tx& tx, const NewUser& u, bool must_change) {
  User user;
  user.login = u.login;
  user.real_name = u.real_name;
  user.phone = u.phone;
  user.resident_id = u.resident_id;
  user.unit_id = u.unit_id;
  user.password_hash = hash_password(u.password);
  user.must_change_password = must_change;
  return insert_user(tx, user);
}

User Service::create_user(const authz::Actor& actor, const NewUser& u) {
  std::vector<ErrorDetail> problems;
  check_login_name(u.login, problems);
  check_real_name(u.real_name, problems);
  if (!u.phone.empty()) check_phone(u.phone, problems);
  check_password(u.login, u.password, problems);
  if (u.resident_id) {
    ResidentIdError e;
    if (!parse_resident_id(*u.resident_id, &e)) problems.push_back({e.code, "resident_id", e.message, e.message_en});
  }
  User target;
  target.unit_id = u.unit_id;
  const std::string role = require_user_manage(actor, target);
  auto tx = db_.write();
  if (u.unit_id && !org::find(tx, *u.unit_id))
    problems.push_back({"unit_not_found", "unit_id", "所选单位不存在。", "The chosen unit does not exist."});
  if (find_user_by_login(tx, u.login))
    problems.push_back({"login_taken", "login", "该登录名已被使用，请换一个。", "This login name is taken; choose another."});
  if (u.resident_id && resident_id_taken(tx, *u.resident_id))
    problems.push_back({"resident_id_taken", "resident_id", "该身份证号码已有账号。", "This ID number already has an account."});
  throw_if_any(problems);
  const auto id = create_user_unchecked(tx, u, true);
  audit::append(tx, audit::origin_of(actor, role), {"user.create", "user", std::to_string(id), "login=" + u.login});
  auto created = load_user(tx, id);
  tx.commit();
  return created;
}

std::int64_t Service::assign_role(const authz::Actor& actor, std::int64_t user_id, const std::string& role,
                                  std::int64_t org_id) {
  if (!authz::is_role(role))
    throw unprocessable("invalid_fields", "角色不存在。", "There is no such role.",
                        {{"unknown_role", "role", "请选择系统中的角色。", "Choose one of the system's roles."}});
  const std::string used = authz_.require(actor, authz::Action::role_assign, org_id);
  // Three-role separation: nobody holds two of the administrator roles, and none of them another role.
  static const std::vector<std::string> admins = {"sys_admin", "sec_admin", "audit_admin"};
  auto tx = db_.write();
  auto user = load_user(tx, user_id);
  const auto existing = roles_of(tx, user_id);
  const bool new_is_admin = std::find(admins.begin(), admins.end(), role) != admins.end();
  for (const auto& g : existing) {
    const bool old_is_admin = std::find(admins.begin(), admins.end(), g.role) != admins.end();
    if (g.role == role && g.org_id == org_id)
      throw conflict("role_exists", "该用户在此机构已有该角色。", "The user already has this role at this organisation.");
    if ((new_is_admin || old_is_admin) && g.role != role)
      throw conflict("admin_separation", "系统管理员、安全管理员、审计管理员须由不同账号担任，且不得兼任其他角色。",
                     "The system, security and audit administrators must be separate accounts with no other roles.");
  }
  if (role == "unit_reviewer")
    throw conflict("use_designation", "单位审核人须由单位指定并经职改部门核准，请使用审核人指定功能。",
                   "A unit reviewer is designated by the unit and approved by the office; use reviewer designation.");
  const auto id = insert_role(tx, user_id, role, org_id);
  audit::append(tx, audit::origin_of(actor, used),
                {"role.assign", "user", std::to_string(user_id), role + "@" + std::to_string(org_id)});
  tx.commit();
  forget_user(user_id);
  return id;
}

void Service::remove_role(const authz::Actor& actor, std::int64_t user_id, std::int64_t assignment_id) {
  std::int64_t owner = 0;
  std::optional<authz::RoleGrant> grant;
  {
    auto tx = db_.read();
    grant = find_role(tx, assignment_id, &owner);
  }
  if (!grant || owner != user_id) throw not_found("角色分配", "The role assignment");
  const std::string used = authz_.require_path(actor, authz::Action::role_assign, grant->org_path);
  auto tx = db_.write();
  delete_role(tx, assignment_id);
  audit::append(tx, audit::origin_of(actor, used),
                {"role.remove", "user", std::to_string(user_id), grant->role + "@" + std::to_string(grant->org_id)});
  tx.commit();
  forget_user(user_id);
}

void Service::reset_password(const authz::Actor& actor, std::int64_t user_id, const std::string& password) {
  User user;
  {
    auto tx = db_.read();
    user = load_user(tx, user_id);
  }
  const std::string used = require_user_manage(actor, user);
  std::vector<ErrorDetail> problems;
  check_password(user.login, password, problems);
  if (!problems.empty())
    throw unprocessable("password_policy", "临时密码不符合要求。", "The temporary password does not meet the policy.", problems);
  const std::string hash = hash_password(password);
  auto tx = db_.write();
  set_password(tx, user_id, hash, true);
  delete_user_sessions(tx, user_id);
  clear_login_failures(tx, user_id);
  audit::append(tx, audit::origin_of(actor, used), {"user.reset_password", "user", std::to_string(user_id), "must change at next login"});
  tx.commit();
  forget_user(user_id);
}

void Service::unlock(const authz::Actor& actor, std::int64_t user_id) {
  User user;
  {
    auto tx = db_.read();
    user = load_user(tx, user_id);
  }
  const std::string used = require_user_manage(actor, user);
  auto tx = db_.write();
  clear_login_failures(tx, user_id);
  audit::append(tx, audit::origin_of(actor, used), {"user.unlock", "user", std::to_string(user_id), ""});
  tx.commit();
}

}  // namespace zp::accounts
