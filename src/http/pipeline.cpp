#include "http/pipeline.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <chrono>

#include "accounts/service.hpp"
#include "authz/actor.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "db/database.hpp"
#include "http/json.hpp"
#include "http/static_files.hpp"

namespace zp::http {

namespace {
Response error_response(const AppError& e) {
  Response r;
  r.status = e.status();
  r.body = error_body(e);
  return r;
}

}  // namespace

void add_security_headers(Response& r, bool api) {
  r.set_header("X-Content-Type-Options", "nosniff");
  r.set_header("Referrer-Policy", "same-origin");
  const std::string ancestors = r.frame_same_origin ? "'self'" : "'none'";
  r.set_header("X-Frame-Options", r.frame_same_origin ? "SAMEORIGIN" : "DENY");
  r.set_header("Content-Security-Policy",
               "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
               "connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors " + ancestors);
  if (api) r.set_header("Cache-Control", "no-store");
}

std::string session_cookie(const SessionCookie& c, const std::string& token) {
  return c.name + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" + (c.secure ? "; Secure" : "");
}
std::string clear_session_cookie(const SessionCookie& c) {
  return c.name + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" + std::string(c.secure ? "; Secure" : "");
}

Pipeline::Pipeline(Router& router, Metrics& metrics, accounts::Service& accounts, db::Database& db,
                   const StaticFiles* web, Limits limits, SessionCookie cookie)
    : router_(router), metrics_(metrics), accounts_(accounts), db_(db), web_(web), limits_(limits),
      cookie_(std::move(cookie)) {}

Pipeline::BodyPlan Pipeline::body_plan(std::string_view method, std::string_view path) const {
  if (!is_write_method(method)) return {limits_.json_body_bytes, false};
  const auto m = router_.match(method, path);
  if (!m.route || m.route->body != BodyKind::upload) return {limits_.json_body_bytes, false};
  return {limits_.upload_body_bytes, true};
}

std::size_t Pipeline::upload_limit(std::string_view method, std::string_view path, std::size_t ceiling) const {
  const auto m = router_.match(method, path);
  if (!m.route || !m.route->upload_limit) return ceiling;
  try {
    if (auto l = m.route->upload_limit(m.params)) return std::min(ceiling, *l);
  } catch (const std::exception&) {
    // Unknown dossier or item: the handler answers with the right error; read little meanwhile.
    return std::min<std::size_t>(ceiling, limits_.json_body_bytes);
  }
  return ceiling;
}

std::optional<std::size_t> Pipeline::known_upload_limit(std::string_view method, std::string_view path,
                                                       std::size_t ceiling) const {
  const auto m = router_.match(method, path);
  if (!m.route || !m.route->known_upload_limit) return std::nullopt;
  try {
    if (auto l = m.route->known_upload_limit(m.params)) return std::min(ceiling, *l);
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

Response Pipeline::handle(const Request& req) {
  const auto start = std::chrono::steady_clock::now();
  std::string route_label = "other";
  Response res;
  try {
    res = dispatch(req, route_label, nullptr);
  } catch (const AppError& e) {
    res = error_response(e);
  } catch (const std::exception& e) {
    if (db::is_unique_violation(e)) {
      res = error_response(conflict("duplicate", "该记录已存在（可能刚被他人同时提交），请刷新后核对。",
                                    "This record already exists (perhaps just submitted by someone else); reload and check."));
    } else {
      spdlog::error("{} {} failed: {}", req.method, req.path, e.what());
      res = error_response(AppError(500, "internal_error", "服务器内部错误，请稍后重试；如持续出现请联系管理员。",
                                    "Internal server error; try again later, and tell the administrator if it persists."));
    }
  }
  return finish(req, std::move(res), route_label, start);
}

std::optional<Response> Pipeline::try_handle_in_memory(const Request& req) {
  if (req.path.rfind("/api/", 0) != 0 || req.upload) return std::nullopt;
  const auto start = std::chrono::steady_clock::now();
  const Match m = router_.match(req.method, req.path);
  if (!m.route || !m.route->memory_only || m.route->access == Access::public_) return std::nullopt;
  const std::string token = req.cookie(cookie_.name);
  std::optional<authz::Actor> actor = accounts_.authenticate_cached(token, req.remote_ip);
  if (!actor) return std::nullopt;
  std::string route_label = m.route->pattern;
  Response res;
  try {
    res = dispatch(req, route_label, &actor);
  } catch (const AppError& e) {
    res = error_response(e);
  }
  return finish(req, std::move(res), route_label, start);
}

Response Pipeline::finish(const Request& req, Response res, const std::string& route_label, std::chrono::steady_clock::time_point start) {
  add_security_headers(res, req.path.rfind("/api/", 0) == 0);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // Only known methods become label values, so clients cannot create series at will.
  static const std::array<std::string_view, 7> known = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
  const bool known_method = std::find(known.begin(), known.end(), req.method) != known.end();
  metrics_.record(route_label, known_method ? req.method : "other", res.status, seconds);
  return res;
}

Response Pipeline::dispatch(const Request& req, std::string& route_label, const std::optional<authz::Actor>* known_actor) {
  if ((req.path == "/healthz" || req.path == "/metrics") && req.method != "GET" && req.method != "HEAD") {
    route_label = req.path;
    Response r = error_response(AppError(405, "method_not_allowed", "此地址只支持 GET。", "Only GET is allowed here."));
    r.set_header("Allow", "GET, HEAD");
    return r;
  }
  if (req.path == "/healthz") {
    route_label = "/healthz";
    Response r;
    const bool ok = db_.healthy();
    r.status = ok ? 200 : 503;
    r.body = ok ? R"({"status":"ok","database":"ok"})" : R"({"status":"unavailable","database":"unreachable"})";
    return r;
  }
  if (req.path == "/metrics") {
    route_label = "/metrics";
    const auto pool = db_.pool_stats();
    Response r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = metrics_.render("# HELP zhiping_db_pool_size Database connections in the pool.\n# TYPE zhiping_db_pool_size gauge\n"
                             "zhiping_db_pool_size " + std::to_string(pool.size) +
                             "\n# HELP zhiping_db_pool_in_use Database connections leased.\n# TYPE zhiping_db_pool_in_use gauge\n"
                             "zhiping_db_pool_in_use " + std::to_string(pool.in_use) +
                             "\n# HELP zhiping_db_statements_prepared_total SQL statements compiled by the database.\n"
                             "# TYPE zhiping_db_statements_prepared_total counter\n"
                             "zhiping_db_statements_prepared_total " + std::to_string(pool.statements_prepared) +
                             "\n# HELP zhiping_db_statements_kept Compiled statements the pool's connections keep for reuse.\n"
                             "# TYPE zhiping_db_statements_kept gauge\n"
                             "zhiping_db_statements_kept " + std::to_string(pool.statements_kept) +
                             "\n# HELP zhiping_db_write_commits_total Use cases whose writes were committed.\n"
                             "# TYPE zhiping_db_write_commits_total counter\n"
                             "zhiping_db_write_commits_total " + std::to_string(pool.write_commits) +
                             "\n# HELP zhiping_db_write_flushes_total Database commits that made writes durable "
                             "(SQLite: one flush to disk, shared by the use cases that wrote meanwhile).\n"
                             "# TYPE zhiping_db_write_flushes_total counter\n"
                             "zhiping_db_write_flushes_total " + std::to_string(pool.write_flushes) +
                             "\n# HELP zhiping_db_writer_held_seconds_total SQLite: time use cases held the one writer "
                             "connection (its rate is how busy the writer is).\n"
                             "# TYPE zhiping_db_writer_held_seconds_total counter\n"
                             "zhiping_db_writer_held_seconds_total " + std::to_string(pool.writer_held_seconds) + "\n");
    return r;
  }
  if (req.path.rfind("/api/", 0) != 0 && req.path != "/api") {
    route_label = "static";
    if (req.method != "GET" && req.method != "HEAD") {
      Response r = error_response(AppError(405, "method_not_allowed", "此地址只支持 GET。", "Only GET is allowed here."));
      r.set_header("Allow", "GET, HEAD");
      return r;
    }
    if (web_) {
      if (auto r = web_->serve(req)) return *r;
    }
    throw not_found("页面", "The page");
  }

  const Match m = router_.match(req.method, req.path);
  if (!m.route) {
    if (!m.allowed.empty()) {
      std::string allow;
      for (const auto& a : m.allowed) allow += (allow.empty() ? "" : ", ") + a;
      Response r = error_response(AppError(405, "method_not_allowed", "此接口不支持 " + req.method + " 方法，可用：" + allow + "。",
                                           "This endpoint does not accept " + req.method + "; allowed: " + allow + "."));
      r.set_header("Allow", allow);
      return r;
    }
    throw AppError(404, "unknown_route", "接口不存在：" + req.path + "，请查阅 /api/v1/openapi.json。",
                   "There is no endpoint " + req.path + "; see /api/v1/openapi.json.");
  }
  const Route& route = *m.route;
  route_label = route.pattern;

  std::optional<authz::Actor> actor;
  if (known_actor) {
    actor = *known_actor;
  } else if (const std::string token = req.cookie(cookie_.name); !token.empty()) {
    actor = accounts_.authenticate(token, req.remote_ip);
  }
  if (route.access != Access::public_) {
    if (!actor)
      throw unauthorized("not_authenticated", "未登录或登录已过期，请重新登录。", "You are not signed in or the session has expired; sign in again.");
    if (is_write_method(req.method) && !crypto::equal_constant_time(req.header("x-csrf-token"), actor->csrf_token))
      throw AppError(403, "csrf_failed", "请求缺少有效的安全令牌（X-CSRF-Token），请刷新页面后重试。",
                     "The request lacks a valid X-CSRF-Token header; reload the page and try again.");
    if (actor->must_change_password && route.access != Access::session_any)
      throw AppError(403, "password_change_required", "请先修改密码后再继续操作。", "Change your password before going on.");
  }
  if (route.body == BodyKind::json && is_write_method(req.method)) {
    const auto type = req.header("content-type");
    if (!req.body.empty() && type.find("application/json") == std::string_view::npos)
      throw AppError(415, "unsupported_media_type", "请求内容类型应为 application/json。", "The Content-Type must be application/json.");
  }
  Call call{req, m.params, actor ? &*actor : nullptr};
  Response r = route.handler(call);
  if (req.method == "HEAD") r.head_only = true;
  return r;
}

}  // namespace zp::http
