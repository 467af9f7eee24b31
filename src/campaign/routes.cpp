// HTTP endpoints of campaigns (phases, extensions) and the working-day calendar.
#include "app/app.hpp"
#include "campaign/service.hpp"
#include "core/time.hpp"
#include "http/json.hpp"

namespace zp::app {

namespace {
using namespace zp::http;

json::object campaign_json(const campaign::Campaign& c) {
  json::array series, committees, phases;
  for (auto s : c.series_ids) series.push_back(s);
  for (const auto& l : c.committees)
    committees.push_back({{"committee_org_id", l.committee_org_id}, {"series_id", l.series_id}, {"levels", l.levels}});
  for (const auto& p : c.phases)
    phases.push_back({{"phase", p.phase}, {"opens_at", instant(p.opens_at)}, {"closes_at", instant(p.closes_at)}});
  return {{"id", c.id}, {"year", c.year}, {"name", c.name}, {"office_org_id", c.office_org_id},
          {"tenure_cutoff", c.tenure_cutoff}, {"achievement_cutoff", c.achievement_cutoff},
          {"ce_hours_per_year", c.ce_hours_per_year}, {"ce_public_hours_per_year", c.ce_public_hours_per_year},
          {"integrity_years", c.integrity_years}, {"publicity_working_days", c.publicity_working_days},
          {"status", c.status}, {"series_ids", series}, {"committees", committees}, {"phases", phases}};
}

std::int64_t instant_field(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_string())
    throw bad_request("wrong_type", std::string(key) + " 应为带时区的时间，如 2026-09-30T23:59:59+08:00。",
                      std::string(key) + " must be an instant with offset, e.g. 2026-09-30T23:59:59+08:00.");
  auto ms = timeutil::parse_iso(std::string(v->as_string()));
  if (!ms)
    throw bad_request("invalid_instant", std::string(key) + " 格式不正确，应如 2026-09-30T23:59:59+08:00。",
                      std::string(key) + " is malformed; use e.g. 2026-09-30T23:59:59+08:00.");
  return *ms;
}

const json::array& array_field(const json::value& v, const char* key) {
  if (!v.is_array()) throw bad_request("wrong_type", std::string(key) + " 应为数组。", std::string(key) + " must be an array.");
  return v.as_array();
}

campaign::CampaignInput campaign_input(const json::object& body) {
  Fields f(body);
  campaign::CampaignInput in;
  auto as_int = [](std::optional<std::int64_t> v) { return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt; };
  in.year = as_int(f.integer("year", false));
  in.name = f.text("name", false, 200);
  in.office_org_id = f.integer("office_org_id", false);
  in.tenure_cutoff = f.text("tenure_cutoff", false, 10);
  in.achievement_cutoff = f.text("achievement_cutoff", false, 10);
  in.ce_hours_per_year = as_int(f.integer("ce_hours_per_year", false));
  in.ce_public_hours_per_year = as_int(f.integer("ce_public_hours_per_year", false));
  in.integrity_years = as_int(f.integer("integrity_years", false));
  in.publicity_working_days = as_int(f.integer("publicity_working_days", false));
  f.done();
  if (const auto* v = body.if_contains("series_ids")) {
    std::vector<std::int64_t> ids;
    for (const auto& x : array_field(*v, "series_ids")) {
      if (!x.is_int64()) throw bad_request("wrong_type", "series_ids 应为整数数组。", "series_ids must hold integers.");
      ids.push_back(x.as_int64());
    }
    in.series_ids = ids;
  }
  if (const auto* v = body.if_contains("committees")) {
    std::vector<campaign::CommitteeLink> links;
    for (const auto& x : array_field(*v, "committees")) {
      if (!x.is_object()) throw bad_request("wrong_type", "committees 的元素应为对象。", "Each committee must be an object.");
      Fields cf(x.as_object());
      campaign::CommitteeLink l;
      l.committee_org_id = cf.integer("committee_org_id", true).value_or(0);
      l.series_id = cf.integer("series_id", true).value_or(0);
      l.levels = cf.text("levels", false, 200).value_or("");
      cf.done();
      links.push_back(l);
    }
    in.committees = links;
  }
  if (const auto* v = body.if_contains("phases")) {
    std::vector<campaign::Phase> phases;
    for (const auto& x : array_field(*v, "phases")) {
      if (!x.is_object()) throw bad_request("wrong_type", "phases 的元素应为对象。", "Each phase must be an object.");
      const auto& o = x.as_object();
      Fields pf(o);
      campaign::Phase p;
      p.phase = pf.text("phase", true, 32).value_or("");
      pf.done();
      p.opens_at = instant_field(o, "opens_at");
      p.closes_at = instant_field(o, "closes_at");
      phases.push_back(p);
    }
    in.phases = phases;
  }
  return in;
}
}  // namespace

void add_campaign_routes(App& app) {
  auto& r = app.router;
  auto& campaigns = *app.campaigns;

  r.add({"GET", "/api/v1/campaigns", "Campaigns, newest first (drafts only for their office)", "campaigns", Access::session,
         BodyKind::none, [&campaigns](Call& c) {
           const int year = query_int(c.req, "year", 0, 0, 2100);
           json::array a;
           for (const auto& x : campaigns.list(*c.actor, year ? std::optional<int>(year) : std::nullopt)) a.push_back(campaign_json(x));
           return json_response(200, json::object{{"items", a}, {"total", a.size()}});
         }});
  r.add({"GET", "/api/v1/campaigns/{id}", "One campaign with its phases", "campaigns", Access::session, BodyKind::none,
         [&campaigns](Call& c) { return json_response(200, campaign_json(campaigns.get(*c.actor, path_id(c)))); }});
  r.add({"POST", "/api/v1/campaigns", "Create a campaign (draft)", "campaigns", Access::session, BodyKind::json, [&campaigns](Call& c) {
           auto in = campaign_input(body_object(c.req));
           return json_response(201, campaign_json(campaigns.create(*c.actor, in)));
         }});
  r.add({"PATCH", "/api/v1/campaigns/{id}", "Edit a draft campaign", "campaigns", Access::session, BodyKind::json, [&campaigns](Call& c) {
           const auto id = path_id(c);
           auto in = campaign_input(body_object(c.req));
           return json_response(200, campaign_json(campaigns.update(*c.actor, id, in)));
         }});
  r.add({"POST", "/api/v1/campaigns/{id}/activate", "Publish a campaign; its windows then open and close by the clock",
         "campaigns", Access::session, BodyKind::none,
         [&campaigns](Call& c) { return json_response(200, campaign_json(campaigns.activate(*c.actor, path_id(c)))); }});
  r.add({"POST", "/api/v1/campaigns/{id}/phases/{phase}/extend", "Extend a phase's closing time, with a reason (audited)",
         "campaigns", Access::session, BodyKind::json, [&campaigns](Call& c) {
           const auto id = path_id(c);
           const auto body = body_object(c.req);
           Fields f(body);
           auto reason = f.text("reason", false, 2000);
           f.done();
           const auto closes_at = instant_field(body, "closes_at");
           return json_response(200, campaign_json(campaigns.extend_phase(*c.actor, id, c.params.at("phase"), closes_at, reason.value_or(""))));
         }});
  r.add({"GET", "/api/v1/campaigns/{id}/extensions", "The campaign's phase extensions", "campaigns", Access::session,
         BodyKind::none, [&campaigns](Call& c) {
           json::array a;
           for (const auto& e : campaigns.extensions(*c.actor, path_id(c)))
             a.push_back({{"id", e.id}, {"phase", e.phase}, {"old_closes_at", instant(e.old_closes_at)},
                          {"new_closes_at", instant(e.new_closes_at)}, {"reason", e.reason}, {"at", instant(e.at)}});
           return json_response(200, json::object{{"items", a}});
         }});

  r.add({"GET", "/api/v1/calendar/{year}", "A year's official holidays and swapped working days, and its working-day count",
         "calendar", Access::session, BodyKind::none, [&campaigns](Call& c) {
           const auto year = campaigns.calendar_year(static_cast<int>(path_id(c, "year")));
           json::array days;
           for (const auto& d : year.overrides) days.push_back({{"date", d.date}, {"working", d.working}, {"note", d.note}});
           return json_response(200, json::object{{"year", year.year}, {"provisional", year.provisional},
                                                   {"working_days", year.working_days}, {"days", days}});
         }});
  r.add({"PUT", "/api/v1/calendar/days/{date}", "Mark a date as a working or rest day (office)", "calendar", Access::session,
         BodyKind::json, [&campaigns](Call& c) {
           auto body = body_object(c.req);
           Fields f(body);
           auto working = f.boolean("working", true);
           auto note = f.text("note", false, 200);
           f.done();
           campaigns.set_day(*c.actor, c.params.at("date"), *working, note.value_or(""));
           return json_response(200, json::object{{"date", c.params.at("date")}, {"working", *working}});
         }});
  r.add({"DELETE", "/api/v1/calendar/days/{date}", "Return a date to the plain Monday–Friday rule", "calendar", Access::session,
         BodyKind::none, [&campaigns](Call& c) {
           campaigns.clear_day(*c.actor, c.params.at("date"));
           return no_content();
         }});
  r.add({"GET", "/api/v1/calendar/working-days", "The last day of N working days from a start date (publicity periods)",
         "calendar", Access::session, BodyKind::none, [&campaigns](Call& c) {
           const auto start = campaign::parse_date(query_text(c.req, "start", 10));
           if (!start) throw bad_request("invalid_query", "start 应为 YYYY-MM-DD 日期。", "start must be a YYYY-MM-DD date.");
           const int n = query_int(c.req, "n", 5, 1, 60);
           const auto cal = campaigns.calendar();
           const auto end = cal.add_working_days(*start, n);
           return json_response(200, json::object{{"start", campaign::format_date(*start)}, {"n", n},
                                                   {"end_date", campaign::format_date(end)}, {"ends_at", instant(workcal::end_of_day_ms(end))}});
         }});
}

}  // namespace zp::app
