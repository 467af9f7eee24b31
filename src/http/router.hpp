#pragma once
// Routes with path parameters ({id}) and methods; a path that exists under another method answers 405 with Allow.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "http/message.hpp"

namespace zp::authz {
struct Actor;
}

namespace zp::http {

enum class Access {
  public_,        // no session needed (login, registration, public lists)
  session,        // a signed-in user whose password is not waiting to be changed
  session_any,    // a signed-in user, even one who must change the password first
};

enum class BodyKind { none, json, upload };

struct Call {
  const Request& req;
  std::map<std::string, std::string> params;
  const authz::Actor* actor = nullptr;  // set when Access is not public_, or when a session cookie was valid
};

using Handler = std::function<Response(Call&)>;

struct Route {
  std::string method, pattern, summary, tag;
  Access access = Access::session;
  BodyKind body = BodyKind::none;
  Handler handler;
  // True when the handler needs nothing but the signed-in user (no database): with a cached session it
  // may run on the network thread, skipping the hop to the worker pool.
  bool memory_only = false;
  // Upload routes: the largest body for these path parameters (e.g. the checklist item's limit), looked up
  // from the request line before the body is read; nullopt = the server's upload limit.
  std::function<std::optional<std::size_t>(const std::map<std::string, std::string>&)> upload_limit;
  // The same limit from memory when the route knows it (never blocks); nullopt = ask upload_limit.
  std::function<std::optional<std::size_t>(const std::map<std::string, std::string>&)> known_upload_limit;
  std::vector<std::string> segments;  // pattern split at '/'
};

struct Match {
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
  std::vector<std::string> allowed;  // methods of the path when route is null but the path exists
};

class Router {
 public:
  void add(Route r);
  Match match(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace zp::http
