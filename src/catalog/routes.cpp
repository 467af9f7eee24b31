// HTTP endpoints of the catalog: series with level names, specialties, requirement tables, checklists.
#include "app/app.hpp"
#include "catalog/service.hpp"
#include "http/json.hpp"

namespace zp::app {

namespace {
using namespace zp::http;

json::value opt_int(const std::optional<int>& v) { return v ? json::value(*v) : json::value(nullptr); }

json::object series_json(const catalog::Series& s) {
  json::object levels;
  for (std::size_t i = 0; i < catalog::kLevels.size(); ++i)
    levels[catalog::kLevels[i]] = s.level_names[i] ? json::value(*s.level_names[i]) : json::value(nullptr);
  return {{"id", s.id}, {"code", s.code}, {"name", s.name}, {"owner_org_id", s.owner_org_id}, {"levels", levels}};
}

json::object requirement_json(const catalog::Requirement& q) {
  return {{"id", q.id}, {"level", q.level}, {"route", q.route}, {"education", q.education},
          {"min_years_lower_title", opt_int(q.min_years_lower_title)}, {"min_years_work", opt_int(q.min_years_work)}, {"note", q.note}};
}

json::object item_json(const catalog::ChecklistItem& c) {
  json::array types;
  for (const auto& t : c.allowed_types) types.push_back(json::value(t));
  return {{"id", c.id}, {"series_id", c.series_id}, {"level", c.level}, {"code", c.code}, {"name", c.name},
          {"section", c.section}, {"required", c.required}, {"allowed_types", types}, {"max_bytes", c.max_bytes},
          {"max_count", c.max_count}, {"ordered", c.ordered}, {"sort", c.sort}};
}

catalog::SeriesInput series_input(const json::object& body, Fields& f) {
  catalog::SeriesInput in;
  in.code = f.text("code", false, 64);
  in.name = f.text("name", false, 200);
  in.owner_org_id = f.integer("owner_org_id", false);
  if (const auto* levels = body.if_contains("levels")) {
    if (!levels->is_object())
      throw bad_request("wrong_type", "levels 应为对象，如 {\"intermediate\": \"政工师\"}。", "levels must be an object such as {\"intermediate\": \"政工师\"}.");
    for (const auto& [key, value] : levels->as_object()) {
      const int i = catalog::level_index(key);
      if (i < 0) throw bad_request("unknown_level", "未知级别：" + std::string(key), "Unknown level: " + std::string(key));
      if (!value.is_null() && !value.is_string())
        throw bad_request("wrong_type", "级别名称应为字符串或 null。", "A level name must be a string or null.");
      in.level_given[i] = true;
      if (value.is_string()) in.level_names[i] = std::string(value.as_string());
    }
  }
  return in;
}

catalog::ChecklistInput checklist_input(const json::object& body, Fields& f) {
  catalog::ChecklistInput in;
  in.level = f.text("level", false, 32);
  in.code = f.text("code", false, 64);
  in.name = f.text("name", false, 200);
  in.section = f.text("section", false, 64);
  in.required = f.boolean("required", false);
  in.ordered = f.boolean("ordered", false);
  in.max_bytes = f.integer("max_bytes", false);
  if (auto v = f.integer("max_count", false)) in.max_count = static_cast<int>(*v);
  if (auto v = f.integer("sort", false)) in.sort = static_cast<int>(*v);
  if (const auto* types = body.if_contains("allowed_types")) {
    if (!types->is_array()) throw bad_request("wrong_type", "allowed_types 应为数组。", "allowed_types must be an array.");
    std::vector<std::string> out;
    for (const auto& t : types->as_array()) {
      if (!t.is_string()) throw bad_request("wrong_type", "allowed_types 的元素应为字符串。", "allowed_types must hold strings.");
      out.emplace_back(t.as_string());
    }
    in.allowed_types = out;
  }
  return in;
}

std::string level_param(const Request& req) {
  const auto level = query_text(req, "level", 32);
  if (!level.empty() && !catalog::is_level(level))
    throw bad_request("invalid_query", "level 应为 entry、assistant、intermediate、deputy_senior 或 senior。",
                      "level must be entry, assistant, intermediate, deputy_senior or senior.");
  return level;
}
}  // namespace

void add_catalog_routes(App& app) {
  auto& r = app.router;
  auto& cat = *app.catalog;

  r.add({"GET", "/api/v1/series", "Series with their level names", "catalog", Access::session, BodyKind::none, [&cat](Call&) {
           json::array a;
           for (const auto& s : cat.list_series()) a.push_back(series_json(s));
           return json_response(200, json::object{{"items", a}, {"total", a.size()}});
         }});
  r.add({"GET", "/api/v1/series/{id}", "One series", "catalog", Access::session, BodyKind::none,
         [&cat](Call& c) { return json_response(200, series_json(cat.get_series(path_id(c)))); }});
  r.add({"POST", "/api/v1/series", "Create a series (office)", "catalog", Access::session, BodyKind::json, [&cat](Call& c) {
           auto body = body_object(c.req);
           Fields f(body);
           auto in = series_input(body, f);
           f.done();
           return json_response(201, series_json(cat.create_series(*c.actor, in)));
         }});
  r.add({"PATCH", "/api/v1/series/{id}", "Rename a series or its levels", "catalog", Access::session, BodyKind::json, [&cat](Call& c) {
           const auto id = path_id(c);
           auto body = body_object(c.req);
           Fields f(body);
           auto in = series_input(body, f);
           f.done();
           return json_response(200, series_json(cat.update_series(*c.actor, id, in)));
         }});
  r.add({"GET", "/api/v1/series/{id}/specialties", "Specialties of a series", "catalog", Access::session, BodyKind::none,
         [&cat](Call& c) {
           json::array a;
           for (const auto& s : cat.specialties(path_id(c))) a.push_back({{"id", s.id}, {"code", s.code}, {"name", s.name}});
           return json_response(200, json::object{{"items", a}});
         }});
  r.add({"POST", "/api/v1/series/{id}/specialties", "Add a specialty", "catalog", Access::session, BodyKind::json, [&cat](Call& c) {
           const auto id = path_id(c);
           auto body = body_object(c.req);
           Fields f(body);
           auto code = f.text("code", true, 64), name = f.text("name", true, 200);
           f.done();
           const auto s = cat.add_specialty(*c.actor, id, *code, *name);
           return json_response(201, json::object{{"id", s.id}, {"code", s.code}, {"name", s.name}});
         }});
  r.add({"GET", "/api/v1/series/{id}/requirements", "Requirement table (education × years), optionally for one level", "catalog",
         Access::session, BodyKind::none, [&cat](Call& c) {
           json::array a;
           for (const auto& q : cat.requirements(path_id(c), level_param(c.req))) a.push_back(requirement_json(q));
           return json_response(200, json::object{{"items", a}});
         }});
  r.add({"PUT", "/api/v1/series/{id}/requirements/{level}", "Replace the requirement rows of one level", "catalog",
         Access::session, BodyKind::json, [&cat](Call& c) {
           const auto id = path_id(c);
           const std::string level = c.params.at("level");
           auto body = body_object(c.req);
           const auto* rows = body.if_contains("rows");
           if (!rows || !rows->is_array()) throw bad_request("wrong_type", "rows 应为数组。", "rows must be an array.");
           std::vector<catalog::Requirement> in;
           for (const auto& row : rows->as_array()) {
             if (!row.is_object()) throw bad_request("wrong_type", "rows 的元素应为对象。", "Each row must be an object.");
             Fields f(row.as_object());
             catalog::Requirement q;
             q.route = f.text("route", true, 32).value_or("");
             q.education = f.text("education", true, 32).value_or("");
             if (auto v = f.integer("min_years_lower_title", false)) q.min_years_lower_title = static_cast<int>(*v);
             if (auto v = f.integer("min_years_work", false)) q.min_years_work = static_cast<int>(*v);
             q.note = f.text("note", false, 500).value_or("");
             f.done();
             in.push_back(q);
           }
           json::array a;
           for (const auto& q : cat.set_requirements(*c.actor, id, level, in)) a.push_back(requirement_json(q));
           return json_response(200, json::object{{"items", a}});
         }});
  r.add({"GET", "/api/v1/series/{id}/checklist", "Material checklist, optionally for one level", "catalog", Access::session,
         BodyKind::none, [&cat](Call& c) {
           json::array a;
           for (const auto& i : cat.checklist(path_id(c), level_param(c.req))) a.push_back(item_json(i));
           return json_response(200, json::object{{"items", a}});
         }});
  r.add({"POST", "/api/v1/series/{id}/checklist", "Add a checklist item", "catalog", Access::session, BodyKind::json, [&cat](Call& c) {
           const auto id = path_id(c);
           auto body = body_object(c.req);
           Fields f(body);
           auto in = checklist_input(body, f);
           f.done();
           return json_response(201, item_json(cat.add_checklist_item(*c.actor, id, in)));
         }});
  r.add({"PATCH", "/api/v1/checklist-items/{id}", "Edit a checklist item", "catalog", Access::session, BodyKind::json, [&cat](Call& c) {
           const auto id = path_id(c);
           auto body = body_object(c.req);
           Fields f(body);
           auto in = checklist_input(body, f);
           f.done();
           return json_response(200, item_json(cat.update_checklist_item(*c.actor, id, in)));
         }});
  r.add({"DELETE", "/api/v1/checklist-items/{id}", "Remove a checklist item", "catalog", Access::session, BodyKind::none,
         [&cat](Call& c) {
           cat.delete_checklist_item(*c.actor, path_id(c));
           return no_content();
         }});
}

}  // namespace zp::app
