#include "http/json.hpp"

#include <algorithm>
#include <charconv>

#include "core/text.hpp"
#include "core/time.hpp"

namespace zp::http {

json::object body_object(const Request& req) {
  if (req.body.empty())
    throw bad_request("malformed_json", "请求内容为空，应为 JSON 对象。", "The request body is empty; send a JSON object.");
  boost::system::error_code ec;
  json::value v = json::parse(req.body, ec);
  if (ec)
    throw bad_request("malformed_json", "请求内容不是有效的 JSON：" + ec.message(),
                      "The request body is not valid JSON: " + ec.message());
  if (!v.is_object())
    throw bad_request("malformed_json", "请求内容应为 JSON 对象。", "The request body must be a JSON object.");
  return std::move(v.as_object());
}

void Fields::problem(const char* code, const char* key, const std::string& zh, const std::string& en) {
  problems_.push_back({code, key, zh, en});
}

std::optional<std::string> Fields::text(const char* key, bool required, std::size_t max_chars) {
  const auto* v = o_.if_contains(key);
  if (!v || v->is_null()) {
    if (required) problem("missing_field", key, std::string("缺少字段 ") + key + "。", std::string("The field ") + key + " is required.");
    return std::nullopt;
  }
  if (!v->is_string()) {
    problem("wrong_type", key, std::string("字段 ") + key + " 应为字符串。", std::string("The field ") + key + " must be a string.");
    return std::nullopt;
  }
  std::string s(v->as_string());
  if (zp::text::chars(s) > max_chars) {
    problem("too_long", key, std::string("字段 ") + key + " 不能超过 " + std::to_string(max_chars) + " 个字。",
            std::string("The field ") + key + " must be at most " + std::to_string(max_chars) + " characters.");
    return std::nullopt;
  }
  // Trim surrounding white space: pasted values often carry it.
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) {
    if (required) problem("missing_field", key, std::string("字段 ") + key + " 不能为空。", std::string("The field ") + key + " must not be empty.");
    return required ? std::nullopt : std::optional<std::string>("");
  }
  s = s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
  return s;
}

std::optional<std::int64_t> Fields::integer(const char* key, bool required) {
  const auto* v = o_.if_contains(key);
  if (!v || v->is_null()) {
    if (required) problem("missing_field", key, std::string("缺少字段 ") + key + "。", std::string("The field ") + key + " is required.");
    return std::nullopt;
  }
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) return static_cast<std::int64_t>(v->as_uint64());
  problem("wrong_type", key, std::string("字段 ") + key + " 应为整数。", std::string("The field ") + key + " must be an integer.");
  return std::nullopt;
}

std::optional<bool> Fields::boolean(const char* key, bool required) {
  const auto* v = o_.if_contains(key);
  if (!v || v->is_null()) {
    if (required) problem("missing_field", key, std::string("缺少字段 ") + key + "。", std::string("The field ") + key + " is required.");
    return std::nullopt;
  }
  if (v->is_bool()) return v->as_bool();
  problem("wrong_type", key, std::string("字段 ") + key + " 应为 true 或 false。", std::string("The field ") + key + " must be true or false.");
  return std::nullopt;
}

void Fields::done() {
  if (problems_.empty()) return;
  const bool only_missing = std::all_of(problems_.begin(), problems_.end(), [](const ErrorDetail& d) { return d.code == "missing_field"; });
  throw bad_request(only_missing ? "missing_field" : "wrong_type", "请求字段缺失或类型不正确，请检查后重试。",
                    "Some fields are missing or of the wrong type; check them and try again.", problems_);
}

Response json_response(int status, const json::value& v) {
  Response r;
  r.status = status;
  r.body = json::serialize(v);
  return r;
}

Response no_content() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

std::string error_body(const AppError& e) {
  json::array details;
  for (const auto& d : e.details()) {
    json::object o{{"code", d.code}, {"message", d.message}, {"message_en", d.message_en}};
    if (!d.field.empty()) o["field"] = d.field;
    for (const auto& [k, v] : d.facts) o[k] = v;
    details.push_back(std::move(o));
  }
  return json::serialize(json::object{
      {"error", json::object{{"code", e.code()}, {"message", e.message()}, {"message_en", e.message_en()}, {"details", std::move(details)}}}});
}

std::int64_t path_id(const Call& call, const char* name) {
  const auto it = call.params.find(name);
  std::int64_t v = 0;
  if (it != call.params.end()) {
    const auto& s = it->second;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec == std::errc() && p == s.data() + s.size() && v > 0) return v;
  }
  throw bad_request("invalid_id", "路径中的编号无效，应为正整数。", "The id in the path is not valid; it must be a positive integer.");
}

int query_int(const Request& req, const char* name, int fallback, int min, int max) {
  const auto v = req.query_param(name);
  if (!v || v->empty()) return fallback;
  int out = 0;
  const auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec != std::errc() || p != v->data() + v->size() || out < min || out > max)
    throw bad_request("invalid_query", std::string("查询参数 ") + name + " 应为 " + std::to_string(min) + " 到 " + std::to_string(max) + " 之间的整数。",
                      std::string("The query parameter ") + name + " must be an integer from " + std::to_string(min) + " to " + std::to_string(max) + ".");
  return out;
}

std::string query_text(const Request& req, const char* name, std::size_t max_chars) {
  auto v = req.query_param(name).value_or("");
  if (zp::text::chars(v) > max_chars)
    throw bad_request("invalid_query", std::string("查询参数 ") + name + " 不能超过 " + std::to_string(max_chars) + " 个字。",
                      std::string("The query parameter ") + name + " must be at most " + std::to_string(max_chars) + " characters.");
  return v;
}

json::value instant(std::optional<std::int64_t> ms) {
  if (!ms) return nullptr;
  return json::string(timeutil::format_shanghai(*ms));
}

}  // namespace zp::http
