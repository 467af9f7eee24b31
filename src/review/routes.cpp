// HTTP endpoints of the review chain: the unit reviewer's queue and review, the applicant's resubmission.
#include "app/app.hpp"
#include "core/resident_id.hpp"
#include "core/time.hpp"
#include "http/json.hpp"
#include "review/route_views.hpp"
#include "review/service.hpp"

namespace zp::app {

namespace {
using namespace zp::http;

using review_views::brief;
using review_views::id_list;
using review_views::record_json;

json::array marks_json(const std::vector<review::Mark>& marks) {
  json::array a;
  for (const auto& m : marks)
    a.push_back({{"target_kind", m.target_kind}, {"target", m.target}, {"status", m.status}, {"comment", m.comment}, {"at", instant(m.at)}});
  return a;
}
json::object queue_json(const review::QueuePage& p, const review::QueueQuery& q) {
  const auto now = timeutil::now_ms();
  json::array items;
  for (const auto& i : p.items) {
    json::array flags;
    if (i.unpaid) flags.push_back("unpaid");
    if (i.second_return) flags.push_back("second_return");
    if (!i.spot_check.empty()) flags.push_back(json::value("spot_check_" + i.spot_check));
    items.push_back({{"dossier_id", i.dossier_id}, {"campaign_id", i.campaign_id}, {"unit_id", i.unit_id}, {"applicant_name", i.applicant_name},
                     {"unit_name", i.unit_name}, {"level", i.level}, {"level_name", i.level_name}, {"series_name", i.series_name},
                     {"state", i.state}, {"submitted_at", instant(i.submitted_at)},
                     {"updated_at", instant(i.updated_at)}, {"days_waiting", static_cast<std::int64_t>((now - i.updated_at) / 86'400'000)},
                     {"flags", flags}});
  }
  json::object counts;
  for (const auto& [s, n] : p.counts) counts[s] = n;
  return {{"items", items}, {"total", p.total}, {"counts", counts}, {"page", q.page}, {"page_size", q.page_size}};
}

json::object interview_json(const review::Interview& i) {
  return {{"kind", i.kind}, {"held_on", i.held_on}, {"panel", i.panel}, {"summary", i.summary}, {"result", i.result},
          {"recorded_at", instant(i.recorded_at)}};
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

  for (const char* stage : {"unit", "dept", "office"}) {
    const std::string path = std::string("/api/v1/review/") + stage + "-queue";
    const std::string summary = std::string(stage == std::string("unit") ? "The unit reviewer's" : stage == std::string("dept") ? "The department's" : "The office's") +
                                " queue: filter by campaign_id, series_id, state (one, or several separated by commas), level, unit_id, flag (unpaid, second_return, spot_check), q (applicant or unit "
                                "name); counts by state (counts=0 leaves them out); oldest change first";
    r.add({"GET", path, summary, "review", Access::session, BodyKind::none, [&review, stage = std::string(stage)](Call& c) {
             review::QueueQuery q;
             q.page = query_int(c.req, "page", 1, 1, 100000);
             q.page_size = query_int(c.req, "page_size", 20, 1, 200);
             // state=a,b: any of them.
             const auto states = query_text(c.req, "state", 400);
             for (std::size_t at = 0; at < states.size();) {
               const auto comma = std::min(states.find(',', at), states.size());
               if (comma > at) q.states.push_back(states.substr(at, comma - at));
               at = comma + 1;
             }
             q.level = query_text(c.req, "level", 40);
             q.flag = query_text(c.req, "flag", 40);
             q.name = query_text(c.req, "q", 100);
             q.with_counts = query_int(c.req, "counts", 1, 0, 1) == 1;
             if (const auto id = query_int(c.req, "campaign_id", 0, 0, 2'000'000'000)) q.campaign_id = id;
             if (const auto id = query_int(c.req, "unit_id", 0, 0, 2'000'000'000)) q.unit_id = id;
             if (const auto id = query_int(c.req, "series_id", 0, 0, 2'000'000'000)) q.series_id = id;
             return json_response(200, queue_json(review.queue(*c.actor, stage, q), q));
           }});
  }
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
  r.add({"GET", "/api/v1/dossiers/{id}/review-marks", "Marks: the round in progress (reviewers) or the last return's notice (applicant); ?round=N for an earlier return",
         "review", Access::session, BodyKind::none,
         [&review](Call& c) {
           const auto round = query_int(c.req, "round", 0, 0, 1000);
           return json_response(200, json::object{{"marks", marks_json(review.marks(*c.actor, path_id(c), round))}});
         }});
  r.add({"POST", "/api/v1/dossiers/{id}/unit-review/return", "Return to the applicant with every marked problem at once", "review",
         Access::session, BodyKind::none, [&review](Call& c) { return json_response(200, brief(review.return_to_applicant(*c.actor, path_id(c)))); }});
  r.add({"POST", "/api/v1/dossiers/{id}/resubmit", "The applicant resubmits after fixing what was returned (rules checked again)", "review",
         Access::session, BodyKind::none, [&review](Call& c) { return json_response(200, brief(review.resubmit(*c.actor, path_id(c)))); }});
  r.add({"GET", "/api/v1/dossiers/{id}/changes", "What changed since the last return (sections, attachments), for the reviewer", "review",
         Access::session, BodyKind::none, [&review](Call& c) {
           const auto ch = review.changes(*c.actor, path_id(c));
           json::array sections, items;
           for (const auto& s : ch.sections_changed) sections.push_back(json::value(s));
           for (const auto& i : ch.items_changed) items.push_back(json::value(i));
           return json_response(200, json::object{{"round", ch.round}, {"sections_changed", sections}, {"items_changed", items},
                                                  {"attachments_changed", ch.attachments_changed}});
         }});
  r.add({"GET", "/api/v1/public/publicity/units/{id}", "A unit's publicity list (public): names, levels, series; never ID numbers or phones",
         "public", Access::public_, BodyKind::none, [&review](Call& c) {
           const auto page = review.publicity(path_id(c));
           json::array items;
           for (const auto& e : page.entries)
             items.push_back({{"dossier_id", e.dossier_id}, {"name", e.name}, {"level", e.level}, {"level_name", e.level_name}, {"series", e.series_name},
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
           return items_response(review.objections(*c.actor, path_id(c)), objection_json);
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
  r.add({"PUT", "/api/v1/dossiers/{id}/interview", "Record the unit's interview or defense (答辩/说课), needed for senior levels before recommending",
         "review", Access::session, BodyKind::json, [&review](Call& c) {
           const auto id = path_id(c);
           auto body = body_object(c.req);
           Fields f(body);
           review::Interview in;
           in.kind = f.text("kind", true, 20).value_or("");
           in.held_on = f.text("held_on", true, 10).value_or("");
           in.panel = f.text("panel", true, 2000).value_or("");
           in.summary = f.text("summary", true, 8000).value_or("");
           in.result = f.text("result", true, 10).value_or("");
           f.done();
           return json_response(200, interview_json(review.record_interview(*c.actor, id, in)));
         }});
  r.add({"GET", "/api/v1/dossiers/{id}/interview", "The unit's interview or defense record (null when none)", "review", Access::session,
         BodyKind::none, [&review](Call& c) {
           const auto i = review.interview(*c.actor, path_id(c));
           return json_response(200, json::object{{"interview", i ? json::value(interview_json(*i)) : json::value(nullptr)}});
         }});
  r.add({"POST", "/api/v1/dossiers/{id}/unit-review/recommend",
         "After unit publicity: recommend {opinion (单位推荐意见), publicity_result}; goes to the supervising department, or to the office",
         "review", Access::session, BodyKind::json, [&review](Call& c) {
           const auto id = path_id(c);
           auto body = body_object(c.req);
           Fields f(body);
           auto opinion = f.text("opinion", true, 4000);
           auto result = f.text("publicity_result", true, 2000);
           f.done();
           return json_response(200, brief(review.recommend(*c.actor, id, *opinion, *result)));
         }});
  r.add({"POST", "/api/v1/dossiers/{id}/unit-review/decline", "The unit does not recommend {reason} (final)", "review", Access::session,
         BodyKind::json, [&review](Call& c) {
           const auto id = path_id(c);
           auto body = body_object(c.req);
           Fields f(body);
           auto reason = f.text("reason", true, 4000);
           f.done();
           return json_response(200, brief(review.decline(*c.actor, id, *reason)));
         }});
  r.add({"GET", "/api/v1/dossiers/{id}/review-record", "What each stage decided: unit opinion, publicity result, office results, supplement",
         "review", Access::session, BodyKind::none, [&review](Call& c) { return json_response(200, record_json(review.record(*c.actor, path_id(c)))); }});
  r.add({"POST", "/api/v1/review/dept-forward", "The department forwards dossiers to the office {ids: [..]}; each is reported ok or with its error",
         "review", Access::session, BodyKind::json, [&review](Call& c) {
           auto body = body_object(c.req);
           const auto ids = id_list(body, "ids");
           json::array results;
           for (const auto& x : review.dept_forward(*c.actor, ids)) {
             json::object o{{"id", x.id}, {"ok", x.ok}};
             if (!x.ok) o["error"] = json::object{{"code", x.code}, {"message", x.message_zh}, {"message_en", x.message_en}};
             results.push_back(o);
           }
           return json_response(200, json::object{{"results", results}});
         }});
  r.add({"POST", "/api/v1/dossiers/{id}/dept-review/return", "The department returns the dossier to the unit {reason}", "review",
         Access::session, BodyKind::json, [&review](Call& c) {
           const auto id = path_id(c);
           auto body = body_object(c.req);
           Fields f(body);
           auto reason = f.text("reason", true, 4000);
           f.done();
           return json_response(200, brief(review.dept_return(*c.actor, id, *reason)));
         }});
  r.add({"GET", "/api/v1/dossiers/{id}/timeline",
         "Where the dossier is: state, who holds it (role and organisation, never a person), since when, what comes next, every step and return",
         "review", Access::session, BodyKind::none, [&review](Call& c) {
           const auto t = review.timeline(*c.actor, path_id(c));
           json::array steps, returns;
           for (const auto& s : t.steps)
             steps.push_back({{"from", s.from_state}, {"to", s.to_state}, {"role", s.role}, {"org_name", s.org_name}, {"reason", s.reason},
                              {"at", instant(s.at)}});
           for (const auto& r : t.returns)
             returns.push_back({{"round", r.round}, {"by_role", r.by_role}, {"org_name", r.org_name}, {"at", instant(r.at)},
                                {"problems", marks_json(r.problems)}, {"note", r.note}});
           return json_response(200, json::object{{"state", t.state}, {"holder", json::object{{"role", t.holder_role}, {"org_name", t.holder_org}}},
                                                  {"since", instant(t.since)}, {"next", t.next_zh}, {"next_en", t.next_en},
                                                  {"steps", steps}, {"returns", returns}});
         }});
}

namespace review_views {
using namespace zp::http;

json::object brief(const dossier::Dossier& d) {
  return {{"id", d.id}, {"state", d.state}, {"version", d.version}, {"level", d.level}, {"updated_at", instant(d.updated_at)}};
}

json::array corrections_json(const std::vector<review::Correction>& list) {
  json::array out;
  for (const auto& x : list) {
    boost::system::error_code ec;
    auto before = json::parse(x.before, ec);
    if (ec) before = nullptr;
    auto after = json::parse(x.after, ec);
    if (ec) after = nullptr;
    out.push_back({{"id", x.id}, {"section", x.section}, {"before", before}, {"after", after}, {"reason", x.reason}, {"at", instant(x.at)}});
  }
  return out;
}

json::object record_json(const review::ReviewRecord& r) {
  auto opt = [](const std::optional<std::string>& v) { return v ? json::value(*v) : json::value(nullptr); };
  return {{"dossier_id", r.dossier_id},
          {"unit_opinion", opt(r.unit_opinion)},
          {"publicity_result", opt(r.publicity_result)},
          {"recommended_at", instant(r.recommended_at)},
          {"office_returns", r.office_returns},
          {"second_return_reason", opt(r.second_return_reason)},
          {"initial_result", opt(r.initial_result)},
          {"initial_reason", opt(r.initial_reason)},
          {"supplement_note", opt(r.supplement_note)},
          {"supplement_at", instant(r.supplement_at)},
          {"final_result", opt(r.final_result)},
          {"final_reason", opt(r.final_reason)},
          {"void_reason", opt(r.void_reason)},
          {"committee_list_id", r.committee_list_id ? json::value(*r.committee_list_id) : json::value(nullptr)},
          {"integrity_records", json::value_from(r.integrity_records)},
          {"corrections", corrections_json(r.corrections)}};
}

std::vector<std::int64_t> id_list(const json::object& body, const char* key) {
  const auto* v = body.if_contains(key);
  if (!v || !v->is_array() || v->as_array().empty() || v->as_array().size() > 500)
    throw bad_request("wrong_type", std::string(key) + " 应为包含1至500个编号的数组。", std::string(key) + " must be an array of 1 to 500 ids.");
  std::vector<std::int64_t> out;
  for (const auto& x : v->as_array()) {
    if (!x.is_int64() || x.as_int64() <= 0)
      throw bad_request("wrong_type", std::string(key) + " 的元素应为正整数。", "Each element of " + std::string(key) + " must be a positive integer.");
    out.push_back(x.as_int64());
  }
  return out;
}

}  // namespace review_views

}  // namespace zp::app
