// HTTP endpoints of the applicant's dossier, attachments, the rule check, submit and withdraw.

#include "app/app.hpp"
#include "campaign/service.hpp"
#include "core/time.hpp"
#include "core/workcal.hpp"
#include "dossier/service.hpp"
#include "http/json.hpp"
#include "storage/blob_store.hpp"

namespace zp::app {

namespace {
using namespace zp::http;

template <class T>
json::value opt(const std::optional<T>& v) {
  if (!v) return nullptr;
  return json::value_from(*v);
}

json::object dossier_json(const dossier::Dossier& d) {
  return {{"id", d.id}, {"user_id", d.user_id}, {"campaign_id", d.campaign_id}, {"year", d.year}, {"series_id", d.series_id},
          {"specialty_id", opt(d.specialty_id)}, {"level", d.level}, {"committee_org_id", opt(d.committee_org_id)},
          {"route", d.route}, {"route_approval", d.route_approval}, {"route_decision_reason", opt(d.route_decision_reason)},
          {"unit_id", opt(d.unit_id)}, {"state", d.state}, {"version", d.version}, {"submitted_at", instant(d.submitted_at)},
          {"created_at", instant(d.created_at)}, {"updated_at", instant(d.updated_at)},
          {"review_round", d.review_round}, {"publicity_ends_at", instant(d.publicity_ends_at)}};
}

json::value parse_data(const std::string& text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  return ec ? json::value(json::object{}) : v;
}

json::object attachment_json(const dossier::Attachment& a) {
  return {{"id", a.id}, {"item_code", a.item_code}, {"file_name", a.file_name}, {"content_type", a.content_type},
          {"size", a.size}, {"position", a.position}, {"sha256", a.sha256}, {"uploaded_at", instant(a.uploaded_at)}};
}

json::object integrity_json(const dossier::IntegrityRecord& x) {
  const auto today = campaign::format_date(workcal::shanghai_date(timeutil::now_ms()));
  return {{"id", x.id}, {"subject", x.subject}, {"subject_name", x.subject_name}, {"unit_name", x.unit_name},
          {"user_id", opt(x.user_id)}, {"unit_id", opt(x.unit_id)}, {"reason", x.reason}, {"evidence", x.evidence},
          {"starts_on", x.starts_on}, {"years", x.years}, {"ends_on", x.ends_on}, {"end_reason", opt(x.end_reason)},
          {"ended_at", x.ended_at ? json::value(instant(*x.ended_at)) : json::value(nullptr)},
          {"in_force", x.starts_on <= today && today < x.ends_on}, {"created_at", instant(x.created_at)}};
}

json::object violation_json(const dossier::Violation& v) {
  json::object facts;
  for (const auto& [k, val] : v.facts) facts[k] = val;
  return {{"code", v.code}, {"rule", v.rule}, {"rule_en", v.rule_en}, {"action", v.action}, {"action_en", v.action_en}, {"facts", facts}};
}

int version_of(Fields& f) { return static_cast<int>(f.integer("version", true).value_or(0)); }
}  // namespace

void add_dossier_routes(App& app) {
  auto& r = app.router;
  auto& dossiers = *app.dossiers;

  r.add({"GET", "/api/v1/dossiers", "The signed-in applicant's dossiers", "dossiers", Access::session, BodyKind::none, [&dossiers](Call& c) {
           json::array a;
           for (const auto& d : dossiers.mine(*c.actor)) a.push_back(dossier_json(d));
           return json_response(200, json::object{{"items", a}, {"total", a.size()}});
         }});
  r.add({"POST", "/api/v1/dossiers", "Start a dossier for a campaign, series and level (reuses the newest earlier records)",
         "dossiers", Access::session, BodyKind::json, [&dossiers](Call& c) {
           auto body = body_object(c.req);
           Fields f(body);
           dossier::NewDossier in;
           in.campaign_id = f.integer("campaign_id", true).value_or(0);
           in.series_id = f.integer("series_id", true).value_or(0);
           in.specialty_id = f.integer("specialty_id", false);
           in.committee_org_id = f.integer("committee_org_id", false);
           in.level = f.text("level", true, 32).value_or("");
           in.route = f.text("route", false, 32).value_or("normal");
           f.done();
           return json_response(201, dossier_json(dossiers.create(*c.actor, in)));
         }});
  r.add({"GET", "/api/v1/dossiers/{id}", "A dossier with its sections (and their versions), attachments and history",
         "dossiers", Access::session, BodyKind::none, [&dossiers](Call& c) {
           const auto v = dossiers.get(*c.actor, path_id(c));
           json::object sections;
           for (const auto& s : v.sections)
             sections[s.section] = {{"version", s.version}, {"data", parse_data(s.data)}, {"updated_at", instant(s.updated_at)}};
           json::array attachments, history;
           for (const auto& a : v.attachments) attachments.push_back(attachment_json(a));
           for (const auto& h : v.history)
             history.push_back({{"from", h.from_state}, {"to", h.to_state}, {"role", h.role}, {"org_id", opt(h.org_id)},
                                {"reason", h.reason}, {"at", instant(h.at)}});
           auto out = dossier_json(v.dossier);
           out["sections"] = sections;
           out["attachments"] = attachments;
           out["history"] = history;
           out["applicant_name"] = v.applicant_name;
           out["series_name"] = v.series_name;
           out["level_name"] = v.level_name;
           out["unit_name"] = v.unit_name;
           return json_response(200, out);
         }});
  r.add({"PATCH", "/api/v1/dossiers/{id}", "Change the choices (level, specialty, committee, route); needs the current version",
         "dossiers", Access::session, BodyKind::json, [&dossiers](Call& c) {
           const auto id = path_id(c);
           auto body = body_object(c.req);
           Fields f(body);
           const int version = version_of(f);
           dossier::Choices in;
           in.level = f.text("level", false, 32);
           in.route = f.text("route", false, 32);
           in.specialty_id = f.integer("specialty_id", false);
           in.committee_org_id = f.integer("committee_org_id", false);
           f.done();
           return json_response(200, dossier_json(dossiers.update_choices(*c.actor, id, version, in)));
         }});
  r.add({"PUT", "/api/v1/dossiers/{id}/sections/{section}", "Save a section {version, data}; a stale version gets 409 with the current data",
         "dossiers", Access::session, BodyKind::json, [&dossiers](Call& c) {
           const auto id = path_id(c);
           auto body = body_object(c.req);
           Fields f(body);
           const int version = version_of(f);
           f.done();
           const auto* data = body.if_contains("data");
           if (!data || !data->is_object()) throw bad_request("wrong_type", "data 应为对象。", "data must be an object.");
           const auto saved = dossiers.save_section(*c.actor, id, c.params.at("section"), version, json::serialize(*data));
           return json_response(200, json::object{{"section", saved.section}, {"version", saved.version}, {"data", parse_data(saved.data)}});
         }});

  Route upload{"PUT", "/api/v1/dossiers/{id}/attachments/{item}", "Upload one file (raw body, JPEG or PDF by content; ?name=file name)",
               "dossiers", Access::session, BodyKind::upload, [&dossiers](Call& c) {
                 const auto id = path_id(c);
                 const auto name = query_text(c.req, "name", 400);
                 if (!c.req.upload) throw bad_request("bad_request", "请求格式错误。", "The request is malformed.");
                 const auto& up = *c.req.upload;
                 const storage::Incoming file{up.bytes(), up.file,
                                              up.sha256, static_cast<std::int64_t>(up.size)};
                 const auto a = dossiers.upload(*c.actor, id, c.params.at("item"), name, file);
                 return json_response(201, attachment_json(a));
               }};
  upload.upload_limit = [&dossiers](const std::map<std::string, std::string>& params) -> std::optional<std::size_t> {
    // An unknown dossier or item gets 404 from the handler; meanwhile read no more than a small body.
    return dossiers.upload_limit(std::stoll(params.at("id")), params.at("item")).value_or(64 * 1024);
  };
  upload.known_upload_limit = [&dossiers](const std::map<std::string, std::string>& params) {
    return dossiers.known_upload_limit(std::stoll(params.at("id")), params.at("item"));
  };
  r.add(std::move(upload));
  r.add({"GET", "/api/v1/attachments/{id}", "The file itself, for preview (PDF inline, images)", "dossiers", Access::session,
         BodyKind::none, [&dossiers](Call& c) {
           auto f = dossiers.attachment_file(*c.actor, path_id(c));
           Response res;
           res.content_type = f.content_type;
           res.body = std::move(f.bytes);
           res.set_header("Content-Disposition", "inline");
           res.frame_same_origin = true;  // the web app previews PDFs in a frame of its own
           return res;
         }});
  r.add({"DELETE", "/api/v1/attachments/{id}", "Remove an attachment", "dossiers", Access::session, BodyKind::none, [&dossiers](Call& c) {
           dossiers.delete_attachment(*c.actor, path_id(c));
           return no_content();
         }});
  r.add({"POST", "/api/v1/dossiers/{id}/attachments/{item}/order", "Reorder an item's attachments {ids: [...]} (papers by quality)",
         "dossiers", Access::session, BodyKind::json, [&dossiers](Call& c) {
           const auto id = path_id(c);
           auto body = body_object(c.req);
           const auto* ids = body.if_contains("ids");
           if (!ids || !ids->is_array()) throw bad_request("wrong_type", "ids 应为数组。", "ids must be an array.");
           std::vector<std::int64_t> order;
           for (const auto& x : ids->as_array()) {
             if (!x.is_int64()) throw bad_request("wrong_type", "ids 应为整数数组。", "ids must hold integers.");
             order.push_back(x.as_int64());
           }
           json::array a;
           for (const auto& x : dossiers.reorder(*c.actor, id, c.params.at("item"), order)) a.push_back(attachment_json(x));
           return json_response(200, json::object{{"items", a}});
         }});
  r.add({"GET", "/api/v1/dossiers/{id}/check", "Every rule violation at once, and the checklist with what is done and missing",
         "dossiers", Access::session, BodyKind::none, [&dossiers](Call& c) {
           const auto result = dossiers.check(*c.actor, path_id(c));
           json::array violations, checklist;
           for (const auto& v : result.violations) violations.push_back(violation_json(v));
           for (const auto& s : result.checklist) {
             json::array types;
             for (const auto& t : s.allowed_types) types.push_back(json::value(t));
             checklist.push_back({{"code", s.code}, {"name", s.name}, {"section", s.section}, {"required", s.required},
                                  {"count", s.count}, {"max_count", s.max_count}, {"max_bytes", s.max_bytes},
                                  {"allowed_types", types}, {"ordered", s.ordered}, {"needed", s.needed}});
           }
           return json_response(200, json::object{{"ok", violations.empty()}, {"violations", violations}, {"checklist", checklist}});
         }});
  r.add({"POST", "/api/v1/dossiers/{id}/submit", "Submit; refused with 422 listing every violation", "dossiers", Access::session,
         BodyKind::none, [&dossiers](Call& c) { return json_response(200, dossier_json(dossiers.submit(*c.actor, path_id(c)))); }});
  r.add({"POST", "/api/v1/dossiers/{id}/withdraw", "Withdraw a submitted dossier before unit review", "dossiers", Access::session,
         BodyKind::json, [&dossiers](Call& c) {
           const auto id = path_id(c);
           std::string reason;
           if (!c.req.body.empty()) {
             auto body = body_object(c.req);
             Fields f(body);
             reason = f.text("reason", false, 2000).value_or("");
             f.done();
           }
           return json_response(200, dossier_json(dossiers.withdraw(*c.actor, id, reason)));
         }});
  r.add({"GET", "/api/v1/dossiers/{id}/signals", "Fraud signals: files, paper titles and CHSI codes also in other people's dossiers (reviewers)",
         "dossiers", Access::session, BodyKind::none, [&dossiers](Call& c) {
           json::array a;
           for (const auto& s : dossiers.signals(*c.actor, path_id(c)))
             a.push_back({{"kind", s.kind}, {"value", s.value}, {"other_dossier_id", s.other_dossier_id}, {"other_name", s.other_name}});
           return json_response(200, json::object{{"items", a}});
         }});
  r.add({"POST", "/api/v1/dossiers/{id}/route-decision", "Approve or refuse an exceptional or no-prior-title route (office)",
         "dossiers", Access::session, BodyKind::json, [&dossiers](Call& c) {
           const auto id = path_id(c);
           auto body = body_object(c.req);
           Fields f(body);
           auto approved = f.boolean("approved", true);
           auto reason = f.text("reason", false, 2000);
           f.done();
           return json_response(200, dossier_json(dossiers.decide_route(*c.actor, id, *approved, reason.value_or(""))));
         }});
  r.add({"POST", "/api/v1/integrity-records", "Enter an integrity record (诚信档案) for a person (office)", "integrity",
         Access::session, BodyKind::json, [&dossiers](Call& c) {
           auto body = body_object(c.req);
           Fields f(body);
           auto user_id = f.integer("user_id", false);
           auto unit_id = f.integer("unit_id", false);
           auto reason = f.text("reason", true, 2000);
           auto evidence = f.text("evidence", false, 2000);
           auto starts_on = f.text("starts_on", true, 10);
           auto years = f.integer("years", false);
           auto campaign_id = f.integer("campaign_id", false);
           f.done();
           if (!user_id == !unit_id)
             throw bad_request("missing_field", "请指定人员（user_id）或单位（unit_id）之一。", "Give either user_id or unit_id.",
                               {{"missing_field", "user_id", "请指定人员或单位之一。", "Give either user_id or unit_id."}});
           const auto id = dossiers.add_integrity_record(*c.actor, unit_id ? "unit" : "person", unit_id ? *unit_id : *user_id, *reason,
                                                         evidence.value_or(""), *starts_on,
                                                         years ? std::optional<int>(static_cast<int>(std::clamp<std::int64_t>(*years, -1, 100)))
                                                               : std::nullopt,
                                                         campaign_id);
           return json_response(201, json::object{{"id", id}});
         }});
  r.add({"GET", "/api/v1/integrity-records", "Integrity records (诚信档案) of people and units in the office's jurisdiction, newest first",
         "integrity", Access::session, BodyKind::none, [&dossiers](Call& c) {
           const auto page = query_int(c.req, "page", 1, 1, 100000), size = query_int(c.req, "page_size", 20, 1, 200);
           std::int64_t total = 0;
           json::array items;
           for (const auto& x : dossiers.integrity_records(*c.actor, page, size, &total)) items.push_back(integrity_json(x));
           return json_response(200, json::object{{"items", items}, {"total", total}, {"page", page}, {"page_size", size}});
         }});
  r.add({"POST", "/api/v1/integrity-records/{id}/end",
         "End a record early {reason, ends_on (YYYY-MM-DD, default today)}: from that day it no longer blocks applications",
         "integrity", Access::session, BodyKind::json, [&dossiers](Call& c) {
           const auto id = path_id(c, "id");
           auto body = body_object(c.req);
           Fields f(body);
           auto reason = f.text("reason", true, 2000);
           auto ends_on = f.text("ends_on", false, 10);
           f.done();
           return json_response(200, integrity_json(dossiers.end_integrity_record(*c.actor, id, *reason, ends_on)));
         }});
}

}  // namespace zp::app
