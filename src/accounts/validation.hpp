#pragma once
// Field rules for accounts; each returns the problems found (empty = fine), so callers can list them all at once.
#include <string>
#include <vector>

#include "core/error.hpp"

namespace zp::accounts {

void check_login_name(const std::string& login, std::vector<ErrorDetail>& out);
void check_password(const std::string& login, const std::string& password, std::vector<ErrorDetail>& out,
                    const std::string& field = "password");
void check_phone(const std::string& phone, std::vector<ErrorDetail>& out, const std::string& field = "phone");
void check_real_name(const std::string& name, std::vector<ErrorDetail>& out, const std::string& field = "real_name");
void check_email(const std::string& email, std::vector<ErrorDetail>& out, const std::string& field = "email");
// Throws 422 `invalid_fields` listing every detail when there are any.
void throw_if_any(const std::vector<ErrorDetail>& details);

}  // namespace zp::accounts
