// HTTP endpoints of the office's part of the review chain, and the public lists it publishes.
#include "app/app.hpp"
#include "core/time.hpp"
#include "http/json.hpp"
#include "review/office_service.hpp"
#include "review/route_views.hpp"

namespace zp::app {

namespace {
using namespace zp::http;
using review_views::brief;
using review_views::id_list;
using review_views::record_json;

std::string reason_field(Call& c, const char* key, bool required) {
  auto body = body_object(c.req);
  Fields f(body);
  auto v = f.text(key, required, 4000);
  f.done();
  return v.value_or("");
}

json::object fee_json(const review::FeePayment& f) {
  return {{"id", f.id}, {"campaign_id", f.campaign_id}, {"unit_id", f.unit_id}, {"unit_name", f.unit_name}, {"amount_cents", f.amount_cents},
          {"reference", f.reference}, {"paid_on", f.paid_on}, {"note", f.note}, {"recorded_at", instant(f.recorded_at)}};
}

json::array ids_json(const std::vector<std::int64_t>& ids) {
  json::array a;
  for (auto id : ids) a.push_back(id);
  return a;
}

json::object spot_check_json(const review::SpotCheckView& v) {
  json::array items;
  for (const auto& i : v.items)
    items.push_back({{"id", i.id}, {"dossier_id", i.dossier_id}, {"applicant_name", i.applicant_name}, {"unit_name", i.unit_name},
                     {"outcome", i.outcome}, {"note", i.note}, {"decided_at", instant(i.decided_at)}});
  const auto& s = v.check;
  return {{"id", s.id}, {"campaign_id", s.campaign_id}, {"kind", s.kind}, {"share", s.share_permille / 1000.0}, {"seed", s.seed},
          {"algorithm", "sort candidates by SHA-256 hex of seed + ':' + id, ascending; take ceil(share * n)"},
          {"candidates", ids_json(s.candidates)}, {"drawn", ids_json(s.drawn)}, {"created_at", instant(s.created_at)}, {"items", items}};
}

json::object list_json(const review::PublicList& l) {
  json::array items;
  for (const auto& e : l.entries)
    items.push_back({{"dossier_id", e.dossier_id}, {"name", e.name}, {"unit_name", e.unit_name}, {"level", e.level}, {"level_name", e.level_name}, {"series", e.series_name},
                     {"result", e.result}, {"ends_at", instant(e.ends_at)}});
  return {{"campaign_name", l.campaign_name}, {"published_at", instant(l.published_at)}, {"items", items}};
}

json::object publish_json(const review::PublishResult& p) {
  return {{"count", p.count}, {"ends_at", instant(p.ends_at)}, {"list_id", p.list_id ? json::value(*p.list_id) : json::value(nullptr)},
          {"sent", p.sent}, {"not_sent", p.not_sent}};
}
}  // namespace

void add_office_routes(App& app) {
  auto& r = app.router;
  auto& office = *app.office;

  r.add({"POST", "/api/v1/dossiers/{id}/office-review/accept", "The office accepts the dossier (初审通过); no problem may stay marked",
         "office", Access::session, BodyKind::none, [&office](Call& c) { return json_response(200, brief(office.accept(*c.actor, path_id(c)))); }});
  r.add({"POST", "/api/v1/dossiers/{id}/office-review/fail", "The initial review is not passed {reason}; a supplement is allowed during its publicity",
         "office", Access::session, BodyKind::json, [&office](Call& c) {
           const auto id = path_id(c);
           return json_response(200, brief(office.fail(*c.actor, id, reason_field(c, "reason", true))));
         }});
  r.add({"POST", "/api/v1/dossiers/{id}/office-review/reject", "不予受理 {reason}: final", "office", Access::session, BodyKind::json,
         [&office](Call& c) {
           const auto id = path_id(c);
           return json_response(200, brief(office.reject(*c.actor, id, reason_field(c, "reason", true))));
         }});
  r.add({"POST", "/api/v1/dossiers/{id}/office-review/return",
         "One-time notice (一次性告知) listing every marked problem; a second return needs {justification} and is flagged for oversight",
         "office", Access::session, BodyKind::json, [&office](Call& c) {
           const auto id = path_id(c);
           const auto justification = c.req.body.empty() ? std::string() : reason_field(c, "justification", false);
           return json_response(200, brief(office.return_once(*c.actor, id, justification)));
         }});
  r.add({"POST", "/api/v1/campaigns/{id}/fees", "Record a unit's fee payment evidence {unit_id, amount_cents, reference, paid_on, note}",
         "office", Access::session, BodyKind::json, [&office](Call& c) {
           const auto id = path_id(c);
           auto body = body_object(c.req);
           Fields f(body);
           review::FeePayment in;
           in.unit_id = f.integer("unit_id", true).value_or(0);
           in.amount_cents = f.integer("amount_cents", true).value_or(0);
           in.reference = f.text("reference", true, 200).value_or("");
           in.paid_on = f.text("paid_on", true, 10).value_or("");
           in.note = f.text("note", false, 2000).value_or("");
           f.done();
           return json_response(201, fee_json(office.record_fee(*c.actor, id, in)));
         }});
  r.add({"GET", "/api/v1/campaigns/{id}/fees", "The fee payments recorded for the campaign", "office", Access::session, BodyKind::none,
         [&office](Call& c) {
           return items_response(office.fees(*c.actor, path_id(c)), fee_json);
         }});
  r.add({"POST", "/api/v1/campaigns/{id}/initial-publicity", "Publish the initial-review results (accepted and not passed) for the publicity days",
         "office", Access::session, BodyKind::none,
         [&office](Call& c) { return json_response(200, publish_json(office.publish_initial(*c.actor, path_id(c)))); }});
  r.add({"POST", "/api/v1/dossiers/{id}/supplement", "The applicant who did not pass submits the supplement once during the publicity {note}",
         "office", Access::session, BodyKind::json, [&office](Call& c) {
           const auto id = path_id(c);
           office.supplement(*c.actor, id, reason_field(c, "note", true));
           return no_content();
         }});
  r.add({"POST", "/api/v1/dossiers/{id}/office-review/decide", "After the initial-review publicity: {result: passed|not_passed, reason}",
         "office", Access::session, BodyKind::json, [&office](Call& c) {
           const auto id = path_id(c);
           auto body = body_object(c.req);
           Fields f(body);
           auto result = f.text("result", true, 20);
           auto reason = f.text("reason", false, 4000);
           f.done();
           return json_response(200, record_json(office.decide(*c.actor, id, *result, reason.value_or(""))));
         }});
  r.add({"POST", "/api/v1/campaigns/{id}/spot-checks",
         "Draw a spot check {kind: applicants|units, share: 0–1, seed (optional; random when absent)}; reproducible from the seed",
         "office", Access::session, BodyKind::json, [&office](Call& c) {
           const auto id = path_id(c);
           auto body = body_object(c.req);
           const auto* share = body.if_contains("share");
           if (!share || !(share->is_double() || share->is_int64()))
             throw bad_request("wrong_type", "share 应为0到1之间的数。", "share must be a number between 0 and 1.",
                               {{"wrong_type", "share", "share 应为数字。", "share must be a number."}});
           const double s = share->is_double() ? share->as_double() : static_cast<double>(share->as_int64());
           const int permille = (s > 0 && s <= 1) ? std::max(1, static_cast<int>(s * 1000 + 0.5)) : 0;
           Fields f(body);
           auto kind = f.text("kind", true, 20);
           auto seed = f.text("seed", false, 200);
           f.done();
           return json_response(201, spot_check_json(office.draw_spot_check(*c.actor, id, kind.value_or(""), permille, seed.value_or(""))));
         }});
  r.add({"GET", "/api/v1/campaigns/{id}/spot-checks", "The campaign's spot checks with their seeds, candidates, draws and outcomes", "office",
         Access::session, BodyKind::none, [&office](Call& c) {
           return items_response(office.spot_checks(*c.actor, path_id(c)), spot_check_json);
         }});
  r.add({"POST", "/api/v1/spot-check-items/{id}/outcome", "Record the original-document check {outcome: confirmed|discrepancy, note}",
         "office", Access::session, BodyKind::json, [&office](Call& c) {
           const auto id = path_id(c);
           auto body = body_object(c.req);
           Fields f(body);
           auto outcome = f.text("outcome", true, 20);
           auto note = f.text("note", false, 4000);
           f.done();
           const auto i = office.decide_spot_check(*c.actor, id, *outcome, note.value_or(""));
           return json_response(200, json::object{{"id", i.id}, {"dossier_id", i.dossier_id}, {"outcome", i.outcome}, {"note", i.note},
                                                  {"decided_at", instant(i.decided_at)}});
         }});
  r.add({"POST", "/api/v1/campaigns/{id}/committee-list",
         "Publish the list sent to the committee (送评名单): those who passed go on, the rest do not; refused while anything is open",
         "office", Access::session, BodyKind::none,
         [&office](Call& c) { return json_response(200, publish_json(office.publish_committee_list(*c.actor, path_id(c)))); }});
  r.add({"GET", "/api/v1/public/campaigns/{id}/initial-publicity", "The initial-review results in publicity (public; no ID numbers or phones)",
         "public", Access::public_, BodyKind::none, [&office](Call& c) { return json_response(200, list_json(office.initial_publicity(path_id(c)))); }});
  r.add({"GET", "/api/v1/public/campaigns/{id}/committee-list", "The published list sent to the committee (public; no ID numbers or phones)",
         "public", Access::public_, BodyKind::none, [&office](Call& c) { return json_response(200, list_json(office.committee_list(path_id(c)))); }});
  r.add({"POST", "/api/v1/dossiers/{id}/corrections", "A recorded correction of a section after the committee list {section, data, reason}",
         "office", Access::session, BodyKind::json, [&office](Call& c) {
           const auto id = path_id(c);
           auto body = body_object(c.req);
           const auto* data = body.if_contains("data");
           if (!data || !data->is_object()) throw bad_request("wrong_type", "data 应为对象。", "data must be an object.");
           const auto text = json::serialize(*data);
           Fields f(body);
           auto section = f.text("section", true, 40);
           auto reason = f.text("reason", true, 4000);
           f.done();
           office.correct(*c.actor, id, *section, text, *reason);
           return no_content();
         }});
  r.add({"POST", "/api/v1/dossiers/{id}/void", "Void a dossier {kind: fraud|other, reason, evidence}; fraud adds an integrity record",
         "office", Access::session, BodyKind::json, [&office](Call& c) {
           const auto id = path_id(c);
           auto body = body_object(c.req);
           Fields f(body);
           auto kind = f.text("kind", true, 20);
           auto reason = f.text("reason", true, 4000);
           auto evidence = f.text("evidence", false, 4000);
           f.done();
           return json_response(200, brief(office.void_dossier(*c.actor, id, *kind, *reason, evidence.value_or(""))));
         }});
  r.add({"POST", "/api/v1/users/{id}/void-year",
         "Two applications of one level in one year found afterwards {year, reason, evidence}: every dossier of that person that year is void",
         "office", Access::session, BodyKind::json, [&office](Call& c) {
           const auto id = path_id(c);
           auto body = body_object(c.req);
           Fields f(body);
           auto year = f.integer("year", true);
           auto reason = f.text("reason", true, 4000);
           auto evidence = f.text("evidence", true, 4000);
           f.done();
           return json_response(200, json::object{{"voided", ids_json(office.void_year(*c.actor, id, static_cast<int>(*year), *reason, *evidence))}});
         }});
  r.add({"GET", "/api/v1/review/oversight", "The oversight report of a campaign (?campaign_id): second returns with their reasons, voided dossiers "
         "with the approving reviewer", "office", Access::session, BodyKind::none, [&office](Call& c) {
           const auto campaign = query_int(c.req, "campaign_id", 0, 0, 2'000'000'000);
           if (!campaign) throw bad_request("missing_field", "请指定 campaign_id。", "campaign_id is required.");
           json::array items;
           for (const auto& o : office.oversight(*c.actor, campaign))
             items.push_back({{"dossier_id", o.dossier_id}, {"applicant_name", o.applicant_name}, {"unit_name", o.unit_name}, {"kind", o.kind},
                              {"detail", o.detail}, {"reviewer_name", o.reviewer_name}});
           return json_response(200, json::object{{"items", items}});
         }});
}

}  // namespace zp::app
