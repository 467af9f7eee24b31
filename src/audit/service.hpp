#pragma once
// Reading the audit log: only the audit administrator.
#include <vector>

#include "audit/store.hpp"
#include "authz/actor.hpp"

namespace zp::audit {

std::vector<Row> list_for(db::Database& db, const authz::Actor& actor, const ListFilter& f, std::int64_t* total);
VerifyResult verify_for(db::Database& db, const authz::Actor& actor);

}  // namespace zp::audit
