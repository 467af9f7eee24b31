#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace zp::audit {

// Who did it, from where; filled by the HTTP layer, passed to every use case that writes.
struct Origin {
  std::optional<std::int64_t> user_id;
  std::string login;
  std::optional<std::int64_t> acting_as_user_id;  // when acting for someone else; else same as user
  std::string acting_as_login;
  std::string role;  // the role the action was allowed under
  std::string ip;
};

struct Entry {
  std::string action;       // e.g. auth.login, org.create
  std::string object_type;  // e.g. org, user
  std::string object_id;
  std::string summary;      // what changed, no secrets
};

struct Row {
  std::int64_t id = 0, at = 0;
  std::optional<std::int64_t> actor_user_id, acting_as_user_id;
  std::string actor_login, acting_as_login, role, ip, action, object_type, object_id, summary, prev_hash, hash;
};

struct VerifyResult {
  bool intact = true;
  std::int64_t rows = 0;
  std::optional<std::int64_t> first_broken_id;
};

}  // namespace zp::audit
