#pragma once
#include "audit/model.hpp"
#include "authz/actor.hpp"

namespace zp::audit {
inline Origin origin_of(const authz::Actor& a, std::string role) {
  Origin o;
  o.user_id = a.user_id;
  o.login = a.login;
  o.role = std::move(role);
  o.ip = a.ip;
  return o;
}
}  // namespace zp::audit
