#include "accounts/validation.hpp"

#include "core/email.hpp"
#include "core/text.hpp"

namespace zp::accounts {

void check_login_name(const std::string& login, std::vector<ErrorDetail>& out) {
  bool ok = login.size() >= 3 && login.size() <= 32;
  for (char c : login)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-')) ok = false;
  if (!ok)
    out.push_back({"login_format", "login", "登录名应为3至32位字母、数字、下划线、点或短横线。",
                   "The login name must be 3 to 32 letters, digits, '_', '.' or '-'."});
}

void check_password(const std::string& login, const std::string& password, std::vector<ErrorDetail>& out,
                    const std::string& field) {
  if (password.size() < 8)
    out.push_back({"password_too_short", field, "密码至少8位。", "The password must have at least 8 characters."});
  if (password.size() > 128)
    out.push_back({"password_too_long", field, "密码不能超过128位。", "The password must have at most 128 characters."});
  if (!login.empty() && password == login)
    out.push_back({"password_is_login", field, "密码不能与登录名相同。", "The password must not be the login name."});
}

void check_phone(const std::string& phone, std::vector<ErrorDetail>& out, const std::string& field) {
  bool ok = phone.size() == 11 && phone[0] == '1';
  for (char c : phone)
    if (c < '0' || c > '9') ok = false;
  if (!ok)
    out.push_back({"phone_format", field, "手机号码应为以1开头的11位数字。",
                   "The mobile number must be 11 digits starting with 1."});
}

void check_real_name(const std::string& name, std::vector<ErrorDetail>& out, const std::string& field) {
  const auto n = zp::text::chars(name);
  if (n < 1 || n > 50)
    out.push_back({"name_length", field, "姓名（名称）应为1至50个字符。", "The name must have 1 to 50 characters."});
}

void check_email(const std::string& email, std::vector<ErrorDetail>& out, const std::string& field) {
  if (!is_email_address(email))
    out.push_back({"email_format", field, "电子邮箱地址格式不正确，应类似 zhangsan@example.com（仅限英文字母、数字和常用符号）。",
                   "The email address is not valid; it should look like zhangsan@example.com (ASCII letters, digits and common symbols)."});
}

void throw_if_any(const std::vector<ErrorDetail>& details) {
  if (!details.empty())
    throw unprocessable("invalid_fields", "填写的内容有误，请按提示逐项修改后重新提交。",
                        "Some fields are not valid; correct each one as shown and submit again.", details);
}

}  // namespace zp::accounts
