// HTTP endpoints of the review chain: the unit reviewer's queue and review, the applicant's resubmission.
#include "app/app.hpp"
#include "core/resident_id.hpp"
#include "core/time.hpp"
#include "http/json.hpp"
#include "review/service.hpp"

namespace zp::app {

namespace {
using namespace zp::http;

json::object brief(const dossier::Dossier& d) {
  return {{"id", d.id}, {"state", d.state}, {"version", d.version}, {"level", d.level}, {"updated_at", instant(d.updated_at)}};
}

json::array marks_json(const std::vector<review::Mark>& marks) {
  json::array a;
  for (const auto& m : marks)
    a.push_back({{"target_kind", m.target_kind}, {"target", m.target}, {"status", m.status}, {"comment", m.comment}, {"at", instant(m.at)}});
  return a;
}
json::object objection_json(const review::Objection& o) {
  json::value handling = nullptr, outcome = nullptr;
  if (o.handling) handling = *o.handling;
  if (o.outcome) outcome = *o.outcome;
  return {{"id", o.id}, {"dossier_id", o.dossier_id}, {"stage", o.stage}, {"real_name", o.real_name},
          {"contact_phone", mask_phone(o.contact_phone)}, {"content", o.content}, {"created_at", instant(o.created_at)},
          {"handling", handling}, {"outcome", outcome}, {"handled_at", instant(o.handled_at)}};
}
}  // namespace

void add_review_routes(App& app) {
  auto& r = app.router;
  auto& review = *app.review;

  r.add({"GET", "/api/v1/review/unit-queue", "The unit reviewer's queue: dossiers of the unit by state, oldest change first, with counts",
         "review", Access::session, BodyKind::none, [&review](Call& c) {
           const auto page = query_int(c.req, "page", 1, 1, 100000), size = query_int(c.req, "page_size", 20, 1, 200);
           const auto q = review.queue(*c.actor, query_text(c.req, "state", 40), page, size);
           const auto now = timeutil::now_ms();
           json::array items;
           for (const auto& i : q.items)
             items.push_back({{"dossier_id", i.dossier_id}, {"applicant_name", i.applicant_name}, {"unit_name", i.unit_name},
                              {"level", i.level}, {"state", i.state}, {"submitted_at", instant(i.submitted_at)},
                              {"updated_at", instant(i.updated_at)}, {"days_waiting", static_cast<std::int64_t>((now - i.updated_at) / 86'400'000)}});
           json::object counts;
           for (const auto& [s, n] : q.counts) counts[s] = n;
           return json_response(200, json::object{{"items", items}, {"total", q.total}, {"counts", counts}, {"page", page}, {"page_size", size}});
         }});
  r.add({"POST", "/api/v1/dossiers/{id}/unit-review/start", "The unit reviewer starts reviewing (the applicant can no longer withdraw)",
         "review", Access::session, BodyKind::none, [&review](Call& c) { return json_response(200, brief(review.start(*c.actor, path_id(c)))); }});
  r.add({"PUT", "/api/v1/dossiers/{id}/review-marks", "Mark sections and checklist items as fine or as a problem with a comment",
         "review", Access::session, BodyKind::json, [&review](Call& c) {
           const auto id = path_id(c);
           auto body = body_object(c.req);
           const auto* list = body.if_contains("marks");
           if (!list || !list->is_array()) throw bad_request("wrong_type", "marks 应为数组。", "marks must be an array.");
           std::vector<review::Mark> marks;
           for (const auto& x : list->as_array()) {
             if (!x.is_object()) throw bad_request("wrong_type", "marks 的元素应为对象。", "Each mark must be an object.");
             Fields f(x.as_object());
             review::Mark m;
             m.target_kind = f.text("target_kind", true, 20).value_or("");
             m.target = f.text("target", true, 64).value_or("");
             m.status = f.text("status", true, 20).value_or("");
             m.comment = f.text("comment", false, 2000).value_or("");
             f.done();
             marks.push_back(m);
           }
           return json_response(200, json::object{{"marks", marks_json(review.mark(*c.actor, id, marks))}});
         }});
  r.add({"GET", "/api/v1/dossiers/{id}/review-marks", "Marks: the round in progress (reviewers) or the last return's notice (applicant)",
         "review", Access::session, BodyKind::none,
         [&review](Call& c) { return json_response(200, json::object{{"marks", marks_json(review.marks(*c.actor, path_id(c)))}}); }});
  r.add({"POST", "/api/v1/dossiers/{id}/unit-review/return", "Return to the applicant with every marked problem at once", "review",
         Access::session, BodyKind::none, [&review](Call& c) { return json_response(200, brief(review.return_to_applicant(*c.actor, path_id(c)))); }});
  r.add({"POST", "/api/v1/dossiers/{id}/resubmit", "The applicant resubmits after fixing what was returned (rules checked again)", "review",
         Access::session, BodyKind::none, [&review](Call& c) { return json_response(200, brief(review.resubmit(*c.actor, path_id(c)))); }});
  r.add({"GET", "/api/v1/dossiers/{id}/changes", "What changed since the last return (sections, attachments), for the reviewer", "review",
         Access::session, BodyKind::none, [&review](Call& c) {
           const auto ch = review.changes(*c.actor, path_id(c));
           json::array sections;
           for (const auto& s : ch.sections_changed) sections.push_back(json::value(s));
           return json_response(200, json::object{{"round", ch.round}, {"sections_changed", sections}, {"attachments_changed", ch.attachments_changed}});
         }});
  r.add({"GET", "/api/v1/public/publicity/units/{id}", "A unit's publicity list (public): names, levels, series; never ID numbers or phones",
         "public", Access::public_, BodyKind::none, [&review](Call& c) {
           const auto page = review.publicity(path_id(c));
           json::array items;
           for (const auto& e : page.entries)
             items.push_back({{"dossier_id", e.dossier_id}, {"name", e.name}, {"level", e.level}, {"series", e.series_name},
                              {"ends_at", instant(e.ends_at)}});
           return json_response(200, json::object{{"unit_name", page.unit_name}, {"items", items}});
         }});
  r.add({"POST", "/api/v1/public/publicity/{id}/objections", "A named objection during publicity (real name and phone required)",
         "public", Access::public_, BodyKind::json, [&review](Call& c) {
           const auto id = path_id(c);
           auto body = body_object(c.req);
           Fields f(body);
           review::Objection o;
           o.real_name = f.text("real_name", true, 200).value_or("");
           o.contact_phone = f.text("contact_phone", true, 32).value_or("");
           o.content = f.text("content", true, 8000).value_or("");
           f.done();
           return json_response(201, json::object{{"id", review.object(id, o, c.req.remote_ip)}});
         }});
  r.add({"GET", "/api/v1/dossiers/{id}/objections", "Objections against a dossier (the unit's reviewer)", "review", Access::session,
         BodyKind::none, [&review](Call& c) {
           json::array items;
           for (const auto& o : review.objections(*c.actor, path_id(c))) items.push_back(objection_json(o));
           return json_response(200, json::object{{"items", items}});
         }});
  r.add({"POST", "/api/v1/objections/{id}/handle", "Record how an objection was looked into {handling, outcome: upheld|dismissed}",
         "review", Access::session, BodyKind::json, [&review](Call& c) {
           const auto id = path_id(c);
           auto body = body_object(c.req);
           Fields f(body);
           auto handling = f.text("handling", true, 8000);
           auto outcome = f.text("outcome", true, 20);
           f.done();
           return json_response(200, objection_json(review.handle(*c.actor, id, *handling, *outcome)));
         }});
  r.add({"POST", "/api/v1/dossiers/{id}/unit-review/approve", "Approve; unit publicity (公示) starts for the campaign's working days",
         "review", Access::session, BodyKind::json, [&review](Call& c) {
           const auto id = path_id(c);
           std::string opinion;
           if (!c.req.body.empty()) {
             auto body = body_object(c.req);
             Fields f(body);
             opinion = f.text("opinion", false, 4000).value_or("");
             f.done();
           }
           return json_response(200, brief(review.approve(*c.actor, id, opinion)));
         }});
}

}  // namespace zp::app
