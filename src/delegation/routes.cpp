// HTTP endpoints of delegation (委托评审): create with the dossiers sent, follow them, download the letter.
#include "app/app.hpp"
#include "core/resident_id.hpp"
#include "delegation/service.hpp"
#include "http/json.hpp"
#include "review/route_views.hpp"

namespace zp::app {

namespace {
using namespace zp::http;

json::object delegation_json(const delegation::DelegationView& v) {
  const auto& d = v.delegation;
  json::array dossiers;
  for (const auto& x : v.dossiers)
    dossiers.push_back({{"dossier_id", x.dossier_id}, {"name", x.name}, {"unit_name", x.unit_name}, {"state", x.state},
                        {"current_title", x.current_title}});
  return {{"id", d.id}, {"campaign_id", d.campaign_id}, {"from_office_id", d.from_office_id}, {"from_office_name", v.from_office_name},
          {"to_committee_id", d.to_committee_id}, {"to_committee_name", v.to_committee_name}, {"number", d.number}, {"reason", d.reason},
          {"series_id", d.series_id}, {"series_name", v.series_name}, {"level", d.level}, {"level_name", v.level_name},
          {"specialty", d.specialty}, {"contact_name", d.contact_name}, {"contact_phone", mask_phone(d.contact_phone)}, {"issued_on", d.issued_on},
          {"created_at", instant(d.created_at)}, {"dossiers", dossiers}, {"letter_url", "/api/v1/delegations/" + std::to_string(d.id) + "/letter.pdf"}};
}
}  // namespace

void add_delegation_routes(App& app) {
  auto& r = app.router;
  auto& delegations = *app.delegations;

  r.add({"POST", "/api/v1/campaigns/{id}/delegations",
         "Delegate dossiers to another jurisdiction's committee {to_committee_id, level, reason: no_committee|no_specialty, specialty, "
         "number, contact_name, contact_phone, dossier_ids}",
         "delegation", Access::session, BodyKind::json, [&delegations](Call& c) {
           const auto id = path_id(c);
           auto body = body_object(c.req);
           delegation::NewDelegation in;
           in.dossier_ids = review_views::id_list(body, "dossier_ids");
           body.erase("dossier_ids");
           Fields f(body);
           in.to_committee_id = f.integer("to_committee_id", true).value_or(0);
           in.level = f.text("level", true, 40).value_or("");
           in.reason = f.text("reason", true, 40).value_or("");
           in.specialty = f.text("specialty", false, 200).value_or("");
           in.number = f.text("number", false, 100).value_or("");
           in.contact_name = f.text("contact_name", true, 100).value_or("");
           in.contact_phone = f.text("contact_phone", true, 32).value_or("");
           f.done();
           return json_response(201, delegation_json(delegations.create(*c.actor, id, in)));
         }});
  r.add({"GET", "/api/v1/campaigns/{id}/delegations", "The campaign's delegations and where each delegated dossier is now", "delegation",
         Access::session, BodyKind::none,
         [&delegations](Call& c) { return items_response(delegations.list(*c.actor, path_id(c)), delegation_json); }});
  r.add({"GET", "/api/v1/delegations", "Delegations received by the actor's committees (?direction=received, default) or sent by the "
         "actor's offices (?direction=sent), newest first, with where each dossier is now", "delegation", Access::session, BodyKind::none,
         [&delegations](Call& c) {
           const auto direction = query_text(c.req, "direction", 20);
           if (!direction.empty() && direction != "received" && direction != "sent")
             throw bad_request("invalid_query", "direction 应为 received 或 sent。", "direction must be received or sent.",
                               {{"invalid_query", "direction", "direction 应为 received 或 sent。", "direction must be received or sent."}});
           return items_response(delegations.mine(*c.actor, direction != "sent"), delegation_json);
         }});
  r.add({"GET", "/api/v1/delegations/{id}", "One delegation (the delegating office, or the receiving committee's organisers)", "delegation",
         Access::session, BodyKind::none, [&delegations](Call& c) { return json_response(200, delegation_json(delegations.get(*c.actor, path_id(c)))); }});
  r.add({"GET", "/api/v1/delegations/{id}/letter.pdf", "The delegation letter (委托评审函, seed 004 Annex 2) as PDF", "delegation",
         Access::session, BodyKind::none, [&delegations](Call& c) {
           Response res;
           res.content_type = "application/pdf";
           res.body = delegations.letter_pdf(*c.actor, path_id(c));
           res.set_header("Content-Disposition", "inline; filename=\"delegation-" + std::to_string(path_id(c)) + ".pdf\"");
           res.set_header("Cache-Control", "private, no-store");
           res.frame_same_origin = true;
           return res;
         }});
}

}  // namespace zp::app
