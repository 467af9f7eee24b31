// GET /api/v1/openapi.json: generated from the route table, so it lists exactly the endpoints that exist.
#include "app/app.hpp"
#include "http/json.hpp"

namespace zp::app {

namespace {
using namespace zp::http;

json::object build(const Router& router) {
  json::object paths;
  for (const auto& r : router.routes()) {
    json::array params;
    for (const auto& seg : r.segments)
      if (seg.size() > 2 && seg.front() == '{') {
        const std::string name = seg.substr(1, seg.size() - 2);
        const bool numeric = name == "id" || name == "year" || (name.size() > 3 && name.substr(name.size() - 3) == "_id");
        params.push_back({{"name", name}, {"in", "path"}, {"required", true},
                          {"schema", numeric ? json::value(json::object{{"type", "integer"}, {"minimum", 1}})
                                             : json::value(json::object{{"type", "string"}})}});
      }
    json::object responses{{"default", {{"description", "Error", }, {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}}}};
    responses["2XX"] = {{"description", "Success"}};
    json::object op{{"summary", r.summary}, {"tags", json::array{json::value(r.tag)}}, {"parameters", params}, {"responses", responses}};
    if (r.access == Access::public_) op["security"] = json::array{};
    if (r.body == BodyKind::json)
      op["requestBody"] = {{"required", true}, {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
    std::string method = r.method;
    for (auto& ch : method) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    auto& path = paths[r.pattern];
    if (!path.is_object()) path = json::object{};
    path.as_object()[method] = std::move(op);
  }
  return {
      {"openapi", "3.0.3"},
      {"info", {{"title", "Zhiping 职评 API"}, {"version", "1"},
                {"description", "Professional-title application and review. Writes need the X-CSRF-Token header from "
                                "sign-in or GET /api/v1/me; errors carry a stable code and messages in Chinese and English."}}},
      {"paths", paths},
      {"components",
       {{"securitySchemes", {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "zp_session"}}}}},
        {"schemas",
         {{"Error",
           {{"type", "object"},
            {"properties",
             {{"error", {{"type", "object"},
                         {"properties", {{"code", {{"type", "string"}}}, {"message", {{"type", "string"}}},
                                         {"message_en", {{"type", "string"}}}, {"details", {{"type", "array"}, {"items", {{"type", "object"}}}}}}}}}}}}}}}}},
      {"security", json::array{json::object{{"session", json::array{}}}}}};
}
}  // namespace

void add_meta_routes(App& app) {
  auto& router = app.router;
  router.add({"GET", "/api/v1/openapi.json", "This document", "meta", Access::public_, BodyKind::none, [&router](Call&) {
                static const std::string doc = json::serialize(build(router));
                Response r;
                r.body = doc;
                return r;
              }});
}

}  // namespace zp::app
