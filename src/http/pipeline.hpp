#pragma once
// What every request goes through: route, session, CSRF, handler, error rendering, security headers, metrics.
#include <cstddef>
#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "http/message.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"

namespace zp::accounts {
class Service;
}
namespace zp::db {
class Database;
}
namespace zp::authz {
struct Actor;
}

namespace zp::http {

class StaticFiles;

struct Limits {
  std::size_t header_bytes = 16 * 1024;
  std::size_t json_body_bytes = 1024 * 1024;
  std::size_t upload_body_bytes = 50 * 1024 * 1024;
};

struct SessionCookie {
  std::string name = "zp_session";
  bool secure = false;  // set when served over HTTPS (behind a TLS proxy)
};

class Pipeline {
 public:
  Pipeline(Router& router, Metrics& metrics, accounts::Service& accounts, db::Database& db, const StaticFiles* web,
           Limits limits, SessionCookie cookie);
  Response handle(const Request& req);
  // Answers from memory alone when it can (a memory-only route and a cached session); nullopt means the
  // request needs the worker pool. Never blocks.
  std::optional<Response> try_handle_in_memory(const Request& req);
  // How to read the body, decided from the request line alone (never blocks): the largest size the route
  // accepts, and whether it is an upload (hashed while read, kept in memory or a file) or JSON (memory).
  // For an upload the limit is the server's; upload_limit() narrows it.
  struct BodyPlan {
    std::size_t limit;
    bool upload;
  };
  BodyPlan body_plan(std::string_view method, std::string_view path) const;
  // An upload route's own limit (e.g. its checklist item's), at most `ceiling`. It may read the database: the
  // server asks on a worker thread.
  std::size_t upload_limit(std::string_view method, std::string_view path, std::size_t ceiling) const;
  // The route's limit from memory, at most `ceiling`, when it knows one (never blocks); nullopt = ask upload_limit().
  std::optional<std::size_t> known_upload_limit(std::string_view method, std::string_view path, std::size_t ceiling) const;
  const Limits& limits() const { return limits_; }
  const SessionCookie& cookie() const { return cookie_; }

 private:
  Response dispatch(const Request& req, std::string& route_label, const std::optional<authz::Actor>* known_actor);
  Response finish(const Request& req, Response res, const std::string& route_label, std::chrono::steady_clock::time_point start);
  Router& router_;
  Metrics& metrics_;
  accounts::Service& accounts_;
  db::Database& db_;
  const StaticFiles* web_;
  Limits limits_;
  SessionCookie cookie_;
};

// The headers every response carries (also the ones the network layer sends on its own, e.g. 413).
void add_security_headers(Response& r, bool api);

// Set-Cookie values for the session cookie.
std::string session_cookie(const SessionCookie& c, const std::string& token);
std::string clear_session_cookie(const SessionCookie& c);

}  // namespace zp::http
