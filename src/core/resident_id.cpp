#include "core/resident_id.hpp"

#include <chrono>

namespace zp {

namespace {
bool is_valid_date(int y, int m, int d) {
  using namespace std::chrono;
  return year_month_day{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}}.ok();
}
std::optional<ResidentId> fail(ResidentIdError* e, const char* code, const char* zh, const char* en) {
  if (e) *e = {code, zh, en};
  return std::nullopt;
}
}  // namespace

std::optional<ResidentId> parse_resident_id(std::string_view text, ResidentIdError* error) {
  if (text.size() != 18)
    return fail(error, "id_length", "身份证号码应为18位。", "A resident ID number has 18 characters.");
  std::string id(text);
  if (id[17] == 'x') id[17] = 'X';
  for (int i = 0; i < 17; ++i)
    if (id[i] < '0' || id[i] > '9')
      return fail(error, "id_characters", "身份证号码前17位应为数字。", "The first 17 characters must be digits.");
  if (!((id[17] >= '0' && id[17] <= '9') || id[17] == 'X'))
    return fail(error, "id_characters", "身份证号码最后一位应为数字或X。", "The last character must be a digit or X.");
  const int y = std::stoi(id.substr(6, 4)), m = std::stoi(id.substr(10, 2)), d = std::stoi(id.substr(12, 2));
  const auto today = std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
  if (y < 1900 || !is_valid_date(y, m, d) ||
      std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                  std::chrono::day{static_cast<unsigned>(d)}} > today)
    return fail(error, "id_birth_date", "身份证号码中的出生日期无效。", "The birth date in the ID number is not a real date.");
  static constexpr int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char checks[] = "10X98765432";
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (id[i] - '0') * weights[i];
  if (checks[sum % 11] != id[17])
    return fail(error, "id_checksum", "身份证号码校验位不正确，请核对后重新输入。",
                "The check character of the ID number is wrong; check the number and enter it again.");
  ResidentId r;
  r.number = id;
  r.birth_year = y;
  r.birth_month = m;
  r.birth_day = d;
  r.sex = ((id[16] - '0') % 2 == 1) ? 'M' : 'F';
  return r;
}

std::string mask_resident_id(std::string_view id) {
  if (id.size() < 10) return std::string(id.size(), '*');
  return std::string(id.substr(0, 6)) + std::string(id.size() - 10, '*') + std::string(id.substr(id.size() - 4));
}

std::string mask_phone(std::string_view phone) {
  if (phone.size() < 7) return std::string(phone.size(), '*');
  return std::string(phone.substr(0, 3)) + std::string(phone.size() - 7, '*') + std::string(phone.substr(phone.size() - 4));
}

}  // namespace zp
