#include "audit/service.hpp"

#include <algorithm>

#include "authz/authz.hpp"
#include "core/error.hpp"

namespace zp::audit {

namespace {
// The log spans the whole installation: only an audit administrator assigned at the root reads it.
void require_reader(const authz::Actor& actor) {
  const auto scopes = authz::Authorizer::scopes(actor, authz::Action::audit_read);
  const bool at_root = std::any_of(scopes.begin(), scopes.end(), [](const std::string& p) {
    return std::count(p.begin(), p.end(), '/') == 2;  // "/<root id>/"
  });
  if (!at_root) throw forbidden();
}
}  // namespace

std::vector<Row> list_for(db::Database& db, const authz::Actor& actor, const ListFilter& f, std::int64_t* total) {
  require_reader(actor);
  auto tx = db.read();
  return list(tx, f, total);
}

VerifyResult verify_for(db::Database& db, const authz::Actor& actor) {
  require_reader(actor);
  auto tx = db.read();
  return verify(tx);
}

}  // namespace zp::audit
