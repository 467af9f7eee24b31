#pragma once
// Application errors: a stable code, the HTTP status, and a message in Chinese and English.
#include <exception>
#include <map>
#include <string>
#include <vector>

namespace zp {

struct ErrorDetail {
  std::string code;
  std::string field;       // which input (or rule) the detail is about; may be empty
  std::string message;     // zh-CN
  std::string message_en;  // en
  std::map<std::string, std::string> facts;  // extra values the client may show (e.g. locked_until)
};

class AppError : public std::exception {
 public:
  AppError(int status, std::string code, std::string message, std::string message_en,
           std::vector<ErrorDetail> details = {})
      : status_(status), code_(std::move(code)), message_(std::move(message)),
        message_en_(std::move(message_en)), details_(std::move(details)) {}
  const char* what() const noexcept override { return message_en_.c_str(); }
  int status() const { return status_; }
  const std::string& code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& message_en() const { return message_en_; }
  const std::vector<ErrorDetail>& details() const { return details_; }

 private:
  int status_;
  std::string code_, message_, message_en_;
  std::vector<ErrorDetail> details_;
};

// Shorthands for the common statuses of DESIGN.md §6.
AppError bad_request(std::string code, std::string zh, std::string en, std::vector<ErrorDetail> d = {});
AppError unauthorized(std::string code, std::string zh, std::string en);
AppError forbidden(std::string zh = "您无权执行此操作。", std::string en = "You are not allowed to do this.");
AppError not_found(std::string what_zh, std::string what_en);
AppError conflict(std::string code, std::string zh, std::string en, std::vector<ErrorDetail> d = {});
// 413 body_too_large: the limit in MB in the messages and `limit_bytes` in the detail; `what` names the content.
AppError too_large(std::size_t limit_bytes, const std::string& what_zh = "内容", const std::string& what_en = "The content");
AppError unprocessable(std::string code, std::string zh, std::string en, std::vector<ErrorDetail> d);

}  // namespace zp
