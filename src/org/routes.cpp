// HTTP endpoints of the organisation context: the tree, unit registration and approval, reviewer designation.
#include "app/app.hpp"
#include "core/email.hpp"
#include "core/resident_id.hpp"
#include "http/json.hpp"
#include "org/service.hpp"

namespace zp::app {

namespace {
using namespace zp::http;

template <class T>
json::value opt(const std::optional<T>& v) {
  if (!v) return nullptr;
  return json::value_from(*v);
}

json::object org_json(const org::Org& o) {
  return {{"id", o.id},
          {"parent_id", opt(o.parent_id)},
          {"kind", o.kind},
          {"name", o.name},
          {"credit_code", opt(o.credit_code)},
          {"unit_type", opt(o.unit_type)},
          {"legal_person", o.legal_person},
          {"supervising_dept_id", opt(o.supervising_dept_id)},
          {"region", o.region},
          {"status", o.status},
          {"reject_reason", opt(o.reject_reason)},
          {"contact_name", opt(o.contact_name)},
          {"contact_phone", o.contact_phone ? json::value(mask_phone(*o.contact_phone)) : json::value(nullptr)},
          {"created_at", instant(o.created_at)}};
}

json::object items(const std::vector<org::Org>& orgs) {
  json::array a;
  for (const auto& o : orgs) a.push_back(org_json(o));
  return {{"items", a}, {"total", a.size()}};
}

json::object designation_json(const org::Designation& d) {
  return {{"id", d.id},          {"unit_id", d.unit_id},       {"unit_name", d.unit_name},
          {"user_id", d.user_id}, {"real_name", d.real_name},   {"status", d.status},
          {"created_at", instant(d.created_at)}, {"decided_at", instant(d.decided_at)}, {"reason", opt(d.reason)}};
}

org::OrgInput org_input(Fields& f) {
  org::OrgInput in;
  in.parent_id = f.integer("parent_id", false);
  in.kind = f.text("kind", false, 64);
  in.name = f.text("name", false, 400);
  in.credit_code = f.text("credit_code", false, 64);
  in.unit_type = f.text("unit_type", false, 64);
  in.region = f.text("region", false, 200);
  in.legal_person = f.boolean("legal_person", false);
  in.supervising_dept_id = f.integer("supervising_dept_id", false);
  return in;
}

std::string reason_of(const Call& c) {
  auto body = body_object(c.req);
  Fields f(body);
  auto reason = f.text("reason", false, 2000);
  f.done();
  return reason.value_or("");
}

// Registrations are pending, active or rejected; designations are pending, approved or rejected.
std::string status_filter(const Request& req, std::string_view accepted_middle) {
  const auto s = query_text(req, "status", 20);
  if (!s.empty() && s != "pending" && s != accepted_middle && s != "rejected")
    throw bad_request("invalid_query", "status 只能是 pending、" + std::string(accepted_middle) + " 或 rejected。",
                      "status must be pending, " + std::string(accepted_middle) + " or rejected.");
  return s;
}
}  // namespace

void add_org_routes(App& app) {
  auto& r = app.router;
  auto& orgs = *app.orgs;

  r.add({"GET", "/api/v1/orgs", "Every organisation node the user may see", "orgs", Access::session, BodyKind::none,
         [&orgs](Call& c) { return json_response(200, items(orgs.list_visible(*c.actor))); }});
  r.add({"GET", "/api/v1/orgs/{id}", "One organisation node", "orgs", Access::session, BodyKind::none,
         [&orgs](Call& c) { return json_response(200, org_json(orgs.get(*c.actor, path_id(c)))); }});
  r.add({"POST", "/api/v1/orgs", "Add a node under a parent", "orgs", Access::session, BodyKind::json, [&orgs](Call& c) {
           auto body = body_object(c.req);
           Fields f(body);
           auto in = org_input(f);
           f.done();
           return json_response(201, org_json(orgs.create(*c.actor, in)));
         }});
  r.add({"PATCH", "/api/v1/orgs/{id}", "Edit a node (name, region, unit type, legal person, supervising department)", "orgs",
         Access::session, BodyKind::json, [&orgs](Call& c) {
           const auto id = path_id(c);
           auto body = body_object(c.req);
           Fields f(body);
           auto in = org_input(f);
           f.done();
           return json_response(200, org_json(orgs.update(*c.actor, id, in)));
         }});
  r.add({"GET", "/api/v1/public/orgs", "Offices and departments a unit can register under (public)", "public", Access::public_,
         BodyKind::none, [&orgs](Call& c) {
           json::array a;
           for (const auto& o : orgs.public_parents(query_text(c.req, "q", 100)))
             a.push_back({{"id", o.id}, {"name", o.name}, {"kind", o.kind}});
           return json_response(200, a);
         }});
  r.add({"GET", "/api/v1/public/units", "Approved units, for applicant registration (public)", "public", Access::public_,
         BodyKind::none, [&orgs](Call& c) {
           json::array a;
           for (const auto& o : orgs.public_units(query_text(c.req, "q", 100))) a.push_back({{"id", o.id}, {"name", o.name}});
           return json_response(200, a);
         }});
  r.add({"POST", "/api/v1/register/unit", "Unit self-registration; waits for the office's approval", "public", Access::public_,
         BodyKind::json, [&orgs](Call& c) {
           auto body = body_object(c.req);
           Fields f(body);
           org::UnitRegistration reg;
           reg.name = f.text("name", true, 400).value_or("");
           reg.credit_code = f.text("credit_code", true, 64).value_or("");
           reg.unit_type = f.text("unit_type", true, 64).value_or("");
           reg.legal_person = f.boolean("legal_person", true).value_or(false);
           reg.parent_id = f.integer("parent_id", true).value_or(0);
           reg.region = f.text("region", false, 200).value_or("");
           reg.contact_name = f.text("contact_name", true, 200).value_or("");
           reg.contact_phone = f.text("contact_phone", true, 32).value_or("");
           reg.login = f.text("login", true, 64).value_or("");
           reg.password = f.text("password", true, 256).value_or("");
           f.done();
           const auto unit = orgs.register_unit(reg, c.req.remote_ip);
           return json_response(201, json::object{{"id", unit.id}, {"status", unit.status}});
         }});
  r.add({"GET", "/api/v1/unit-registrations", "Unit registrations in the office's jurisdiction, by status", "orgs",
         Access::session, BodyKind::none,
         [&orgs](Call& c) { return json_response(200, items(orgs.registrations(*c.actor, status_filter(c.req, "active")))); }});
  r.add({"POST", "/api/v1/orgs/{id}/approve", "Approve a unit's registration", "orgs", Access::session, BodyKind::none,
         [&orgs](Call& c) { return json_response(200, org_json(orgs.approve_unit(*c.actor, path_id(c)))); }});
  r.add({"POST", "/api/v1/orgs/{id}/reject", "Reject a unit's registration with a reason", "orgs", Access::session,
         BodyKind::json, [&orgs](Call& c) {
           const auto id = path_id(c);
           return json_response(200, org_json(orgs.reject_unit(*c.actor, id, reason_of(c))));
         }});
  r.add({"GET", "/api/v1/units/{id}/staff", "The unit's staff (masked)", "reviewers", Access::session, BodyKind::none,
         [&orgs](Call& c) {
           json::array a;
           for (const auto& s : orgs.staff(*c.actor, path_id(c)))
             a.push_back({{"id", s.id}, {"login", s.login}, {"real_name", s.real_name}, {"phone", mask_phone(s.phone)},
                          {"email", s.email ? json::value(mask_email(*s.email)) : json::value(nullptr)}});
           return json_response(200, json::object{{"items", a}});
         }});
  r.add({"GET", "/api/v1/units/{id}/reviewer", "The unit's current reviewer and any pending designation", "reviewers",
         Access::session, BodyKind::none, [&orgs](Call& c) {
           const auto s = orgs.reviewer_status(*c.actor, path_id(c));
           json::value current = nullptr, pending = nullptr;
           if (s.current)
             current = {{"user_id", s.current->user_id}, {"real_name", s.current->real_name}, {"since", instant(s.current->since)}};
           if (s.pending) pending = designation_json(*s.pending);
           return json_response(200, json::object{{"current", current}, {"pending", pending}});
         }});
  r.add({"POST", "/api/v1/units/{id}/reviewer-designations", "Designate the unit's reviewer (needs the office's approval)",
         "reviewers", Access::session, BodyKind::json, [&orgs](Call& c) {
           const auto unit_id = path_id(c);
           auto body = body_object(c.req);
           Fields f(body);
           auto user_id = f.integer("user_id", true);
           f.done();
           const auto id = orgs.designate_reviewer(*c.actor, unit_id, *user_id);
           return json_response(201, json::object{{"id", id}, {"status", "pending"}});
         }});
  r.add({"GET", "/api/v1/reviewer-designations", "Reviewer designations in the office's jurisdiction", "reviewers",
         Access::session, BodyKind::none, [&orgs](Call& c) {
           json::array a;
           for (const auto& d : orgs.designations(*c.actor, status_filter(c.req, "approved"))) a.push_back(designation_json(d));
           return json_response(200, json::object{{"items", a}, {"total", a.size()}});
         }});
  r.add({"POST", "/api/v1/reviewer-designations/{id}/approve", "Approve (核准) a designation; replaces the current reviewer",
         "reviewers", Access::session, BodyKind::none,
         [&orgs](Call& c) { return json_response(200, designation_json(orgs.approve_designation(*c.actor, path_id(c)))); }});
  r.add({"POST", "/api/v1/reviewer-designations/{id}/reject", "Refuse a designation with a reason", "reviewers",
         Access::session, BodyKind::json, [&orgs](Call& c) {
           const auto id = path_id(c);
           return json_response(200, designation_json(orgs.reject_designation(*c.actor, id, reason_of(c))));
         }});
}

}  // namespace zp::app
