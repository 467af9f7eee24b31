#pragma once
// Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters with a mod-31 check character.
#include <string>
#include <string_view>

namespace zp {

struct CreditCodeError {
  std::string code, message, message_en;
};

// True when valid; otherwise fills *error (when given).
bool validate_credit_code(std::string_view code, CreditCodeError* error = nullptr);
// The check character for the first 17 characters (used by the demo data generator and tests).
char credit_code_check_char(std::string_view first17);

}  // namespace zp
