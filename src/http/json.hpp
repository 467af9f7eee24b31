#pragma once
// JSON in and out of handlers (Boost.JSON). Include only from routes.cpp and pipeline files.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "http/message.hpp"
#include "http/router.hpp"

namespace zp::http {

namespace json = boost::json;

// Parses the body as one JSON object; 400 malformed_json otherwise.
json::object body_object(const Request& req);

// Typed access to an object's fields. Collects every problem, then done() throws 400 listing them all.
class Fields {
 public:
  explicit Fields(const json::object& o) : o_(o) {}
  std::optional<std::string> text(const char* key, bool required, std::size_t max_chars = 2000);
  std::optional<std::int64_t> integer(const char* key, bool required);
  std::optional<bool> boolean(const char* key, bool required);
  void done();  // throws AppError(400, wrong_type/missing_field) when anything was wrong

 private:
  void problem(const char* code, const char* key, const std::string& zh, const std::string& en);
  const json::object& o_;
  std::vector<ErrorDetail> problems_;
};

Response json_response(int status, const json::value& v);
// 200 with {"items": [to_json(x) for each x]}.
template <class List, class ToJson>
Response items_response(const List& list, ToJson to_json) {
  json::array items;
  for (const auto& x : list) items.push_back(to_json(x));
  return json_response(200, json::object{{"items", std::move(items)}});
}
Response no_content();
std::string error_body(const AppError& e);

std::int64_t path_id(const Call& call, const char* name = "id");
int query_int(const Request& req, const char* name, int fallback, int min, int max);
std::string query_text(const Request& req, const char* name, std::size_t max_chars = 200);

// Instants as ISO-8601 in Asia/Shanghai, or null.
json::value instant(std::optional<std::int64_t> ms);

}  // namespace zp::http
