#include "audit/service.hpp"

#include "authz/authz.hpp"
#include "core/error.hpp"

namespace zp::audit {

namespace {
void require_reader(const authz::Actor& actor) {
  if (authz::Authorizer::scopes(actor, authz::Action::audit_read).empty()) throw forbidden();
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
