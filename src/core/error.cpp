#include "core/error.hpp"

namespace zp {

AppError bad_request(std::string code, std::string zh, std::string en, std::vector<ErrorDetail> d) {
  return AppError(400, std::move(code), std::move(zh), std::move(en), std::move(d));
}
AppError unauthorized(std::string code, std::string zh, std::string en) {
  return AppError(401, std::move(code), std::move(zh), std::move(en));
}
AppError forbidden(std::string zh, std::string en) {
  return AppError(403, "forbidden", std::move(zh), std::move(en));
}
AppError not_found(std::string what_zh, std::string what_en) {
  return AppError(404, "not_found", what_zh + "不存在，请检查编号或刷新页面。",
                  what_en + " was not found; check the id or reload the page.");
}
AppError conflict(std::string code, std::string zh, std::string en, std::vector<ErrorDetail> d) {
  return AppError(409, std::move(code), std::move(zh), std::move(en), std::move(d));
}
AppError too_large(std::size_t limit_bytes, const std::string& what_zh, const std::string& what_en) {
  const std::string mb = std::to_string(static_cast<double>(limit_bytes) / (1024 * 1024)).substr(0, 4);
  ErrorDetail d{"body_too_large", "", "上限 " + mb + " MB。", "Limit " + mb + " MB.", {{"limit_bytes", std::to_string(limit_bytes)}}};
  return AppError(413, "body_too_large", what_zh + "超过大小限制（" + mb + " MB），请压缩或拆分后重试。",
                  what_en + " is larger than allowed (" + mb + " MB); compress or split it and try again.", {d});
}
AppError unprocessable(std::string code, std::string zh, std::string en, std::vector<ErrorDetail> d) {
  return AppError(422, std::move(code), std::move(zh), std::move(en), std::move(d));
}

}  // namespace zp
