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
AppError unprocessable(std::string code, std::string zh, std::string en, std::vector<ErrorDetail> d) {
  return AppError(422, std::move(code), std::move(zh), std::move(en), std::move(d));
}

}  // namespace zp
