// HTTP endpoints of the audit context.
#include "app/app.hpp"
#include "audit/service.hpp"
#include "http/json.hpp"

namespace zp::app {

void add_audit_routes(App& app) {
  using namespace zp::http;
  auto& db = *app.db;
  app.router.add({"GET", "/api/v1/audit", "Audit log, newest first (audit administrator)", "audit", Access::session,
                  BodyKind::none, [&db](Call& c) {
                    audit::ListFilter f{query_text(c.req, "action", 100), query_text(c.req, "actor", 100),
                                        query_int(c.req, "page", 1, 1, 1000000), query_int(c.req, "page_size", 20, 1, 200)};
                    std::int64_t total = 0;
                    json::array items;
                    for (const auto& r : audit::list_for(db, *c.actor, f, &total))
                      items.push_back({{"id", r.id}, {"at", instant(r.at)}, {"actor_login", r.actor_login},
                                       {"acting_as_login", r.acting_as_login}, {"role", r.role}, {"ip", r.ip},
                                       {"action", r.action}, {"object_type", r.object_type}, {"object_id", r.object_id},
                                       {"summary", r.summary}, {"hash", r.hash}});
                    return json_response(200, json::object{{"items", items}, {"total", total}, {"page", f.page}, {"page_size", f.page_size}});
                  }});
  app.router.add({"GET", "/api/v1/audit/verify", "Verify the audit hash chain", "audit", Access::session, BodyKind::none,
                  [&db](Call& c) {
                    const auto v = audit::verify_for(db, *c.actor);
                    json::value broken = nullptr;
                    if (v.first_broken_id) broken = *v.first_broken_id;
                    return json_response(200, json::object{{"intact", v.intact}, {"rows", v.rows}, {"first_broken_id", broken}});
                  }});
}

}  // namespace zp::app
