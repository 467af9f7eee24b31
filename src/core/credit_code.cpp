#include "core/credit_code.hpp"

namespace zp {

namespace {
constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";  // no I, O, S, V, Z
constexpr int kWeights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
bool fail(CreditCodeError* e, const char* code, const char* zh, const char* en) {
  if (e) *e = {code, zh, en};
  return false;
}
}  // namespace

char credit_code_check_char(std::string_view first17) {
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += static_cast<int>(kAlphabet.find(first17[i])) * kWeights[i];
  return kAlphabet[(31 - sum % 31) % 31];
}

bool validate_credit_code(std::string_view code, CreditCodeError* error) {
  if (code.size() != 18)
    return fail(error, "credit_code_length", "统一社会信用代码应为18位。", "A unified social credit code has 18 characters.");
  for (char c : code)
    if (kAlphabet.find(c) == std::string_view::npos)
      return fail(error, "credit_code_characters", "统一社会信用代码只能包含数字和大写字母（不含I、O、S、V、Z）。",
                  "The code may contain only digits and capital letters other than I, O, S, V and Z.");
  if (credit_code_check_char(code.substr(0, 17)) != code[17])
    return fail(error, "credit_code_checksum", "统一社会信用代码校验位不正确，请核对营业执照或登记证书。",
                "The check character is wrong; copy the code again from the business licence or registration certificate.");
  return true;
}

}  // namespace zp
