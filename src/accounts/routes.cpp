// HTTP endpoints of the accounts context: sign-in, the current user, self-registration, user and role admin.
#include "accounts/service.hpp"
#include "app/app.hpp"
#include "core/email.hpp"
#include "core/resident_id.hpp"
#include "http/json.hpp"

namespace zp::app {

namespace {
using namespace zp::http;

json::value masked_email(const std::optional<std::string>& email) {
  return email ? json::value(mask_email(*email)) : json::value(nullptr);
}

json::array roles_json(const std::vector<authz::RoleGrant>& roles) {
  json::array out;
  for (const auto& g : roles)
    out.push_back({{"id", g.assignment_id}, {"role", g.role}, {"org_id", g.org_id}, {"org_name", g.org_name}, {"org_kind", g.org_kind}});
  return out;
}

json::object actor_json(const authz::Actor& a) {
  json::value unit_id = nullptr, unit_name = nullptr;
  if (a.unit_id) unit_id = *a.unit_id, unit_name = a.unit_name;
  return {{"user", {{"id", a.user_id}, {"login", a.login}, {"real_name", a.real_name}, {"phone", mask_phone(a.phone)},
                    {"email", masked_email(a.email)}, {"must_change_password", a.must_change_password}, {"unit_id", unit_id}, {"unit_name", unit_name}}},
          {"roles", roles_json(a.roles)},
          {"csrf_token", a.csrf_token}};
}

json::object user_json(const accounts::User& u, const std::vector<authz::RoleGrant>& roles) {
  json::value unit_id = nullptr, unit_name = nullptr;
  if (u.unit_id) unit_id = *u.unit_id, unit_name = u.unit_name;
  return {{"id", u.id}, {"login", u.login}, {"real_name", u.real_name}, {"phone", mask_phone(u.phone)},
          {"email", masked_email(u.email)}, {"unit_id", unit_id}, {"unit_name", unit_name}, {"locked_until", instant(u.locked_until)},
          {"must_change_password", u.must_change_password}, {"roles", roles_json(roles)}};
}

accounts::NewUser new_user(Fields& f) {
  accounts::NewUser u;
  u.login = f.text("login", true, 64).value_or("");
  u.real_name = f.text("real_name", true, 200).value_or("");
  u.phone = f.text("phone", false, 32).value_or("");
  u.password = f.text("password", true, 256).value_or("");
  u.resident_id = f.text("resident_id", false, 32);
  if (u.resident_id && u.resident_id->empty()) u.resident_id.reset();
  u.unit_id = f.integer("unit_id", false);
  return u;
}
}  // namespace

void add_account_routes(App& app) {
  auto& r = app.router;
  auto& accounts = *app.accounts;
  const auto& cookie = app.config.cookie;

  r.add({"POST", "/api/v1/auth/login", "Sign in; sets the session cookie and returns the CSRF token", "auth", Access::public_, BodyKind::json,
         [&accounts, &cookie](Call& c) {
           auto body = body_object(c.req);
           Fields f(body);
           auto login = f.text("login", true, 64), password = f.text("password", true, 256);
           f.done();
           auto result = accounts.login(*login, *password, c.req.remote_ip);
           Response res = json_response(200, actor_json(result.actor));
           res.set_header("Set-Cookie", session_cookie(cookie, result.token));
           return res;
         }});
  r.add({"POST", "/api/v1/auth/logout", "Sign out; ends this session", "auth", Access::session_any, BodyKind::none,
         [&accounts, &cookie](Call& c) {
           accounts.logout(*c.actor);
           Response res = no_content();
           res.set_header("Set-Cookie", clear_session_cookie(cookie));
           return res;
         }});
  {
    Route me{"GET", "/api/v1/me", "The signed-in user, roles with their organisations, and the CSRF token", "auth",
             Access::session_any, BodyKind::none, [](Call& c) { return json_response(200, actor_json(*c.actor)); }};
    me.memory_only = true;
    r.add(std::move(me));
  }
  r.add({"PATCH", "/api/v1/me",
         "Change the signed-in user's own settings. `email`: an address that receives a copy of each new message when the "
         "server sends mail, or null or \"\" to remove it (422 email_format when not valid). Only `email` may be sent; any "
         "other field is refused with 400 unknown_field. Answers like GET /api/v1/me, addresses masked",
         "auth", Access::session, BodyKind::json, [&accounts](Call& c) {
           auto body = body_object(c.req);
           for (const auto& field : body)
             if (field.key() != "email")
               throw bad_request("unknown_field", "只能修改本人的电子邮箱（email）。", "Only the own email address (email) can be changed here.",
                                 {{"unknown_field", std::string(field.key()), "不能通过此接口修改该字段。", "This field cannot be changed here."}});
           if (!body.contains("email"))
             throw bad_request("missing_field", "缺少字段 email。", "The field email is required.",
                               {{"missing_field", "email", "缺少字段 email。", "The field email is required."}});
           Fields f(body);
           auto email = f.text("email", false, 1000);
           f.done();
           authz::Actor updated = *c.actor;
           updated.email = accounts.set_own_email(*c.actor, email);
           return json_response(200, actor_json(updated));
         }});
  r.add({"POST", "/api/v1/me/password", "Change the own password; ends every session and opens a new one", "auth",
         Access::session_any, BodyKind::json, [&accounts, &cookie](Call& c) {
           auto body = body_object(c.req);
           Fields f(body);
           auto old_pw = f.text("old_password", true, 256), new_pw = f.text("new_password", true, 256);
           f.done();
           auto result = accounts.change_password(*c.actor, *old_pw, *new_pw);
           Response res = json_response(200, json::object{{"csrf_token", result.csrf_token}});
           res.set_header("Set-Cookie", session_cookie(cookie, result.token));
           return res;
         }});
  r.add({"POST", "/api/v1/register/applicant", "Applicant self-registration with resident ID", "auth", Access::public_,
         BodyKind::json, [&accounts](Call& c) {
           auto body = body_object(c.req);
           Fields f(body);
           auto u = new_user(f);
           f.done();
           const auto id = accounts.register_applicant(u, c.req.remote_ip);
           return json_response(201, json::object{{"id", id}});
         }});

  r.add({"GET", "/api/v1/users", "Users, paginated, with roles (security administrator)", "users", Access::session, BodyKind::none,
         [&accounts](Call& c) {
           accounts::UserFilter filter{query_text(c.req, "q", 100), query_int(c.req, "page", 1, 1, 100000),
                                       query_int(c.req, "page_size", 20, 1, 200)};
           std::int64_t total = 0;
           json::array items;
           for (const auto& item : accounts.list_users(*c.actor, filter, &total)) items.push_back(user_json(item.user, item.roles));
           return json_response(200, json::object{{"items", items}, {"total", total}, {"page", filter.page}, {"page_size", filter.page_size}});
         }});
  r.add({"POST", "/api/v1/users", "Create a staff user (must change the password at first sign-in)", "users", Access::session,
         BodyKind::json, [&accounts](Call& c) {
           auto body = body_object(c.req);
           Fields f(body);
           auto u = new_user(f);
           f.done();
           auto created = accounts.create_user(*c.actor, u);
           return json_response(201, user_json(created, {}));
         }});
  r.add({"POST", "/api/v1/users/{id}/roles", "Grant a role at an organisation", "users", Access::session, BodyKind::json,
         [&accounts](Call& c) {
           const auto user_id = path_id(c);
           auto body = body_object(c.req);
           Fields f(body);
           auto role = f.text("role", true, 64);
           auto org_id = f.integer("org_id", true);
           f.done();
           const auto id = accounts.assign_role(*c.actor, user_id, *role, *org_id);
           return json_response(201, json::object{{"id", id}});
         }});
  r.add({"DELETE", "/api/v1/users/{id}/roles/{assignment_id}", "Remove a role assignment", "users", Access::session,
         BodyKind::none, [&accounts](Call& c) {
           accounts.remove_role(*c.actor, path_id(c), path_id(c, "assignment_id"));
           return no_content();
         }});
  r.add({"POST", "/api/v1/users/{id}/reset-password", "Set a temporary password; the user must change it at next sign-in",
         "users", Access::session, BodyKind::json, [&accounts](Call& c) {
           const auto user_id = path_id(c);
           auto body = body_object(c.req);
           Fields f(body);
           auto pw = f.text("password", true, 256);
           f.done();
           accounts.reset_password(*c.actor, user_id, *pw);
           return json_response(200, json::object{{"id", user_id}});
         }});
  r.add({"POST", "/api/v1/users/{id}/unlock", "Unlock an account locked by failed sign-ins", "users", Access::session,
         BodyKind::none, [&accounts](Call& c) {
           const auto user_id = path_id(c);
           accounts.unlock(*c.actor, user_id);
           return json_response(200, json::object{{"id", user_id}});
         }});
}

}  // namespace zp::app
