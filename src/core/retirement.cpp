#include "core/retirement.hpp"

#include <algorithm>
#include <stdexcept>

namespace zp::retirement {

namespace {

struct Rule {
  int base_years;
  int start_year;       // first birth year (January) that is delayed
  int months_per_step;  // birth months per month of delay
  int cap_months;
};

Rule rule_for(Group group) {
  switch (group) {
    case Group::male: return {60, 1965, 4, 36};
    case Group::female_55: return {55, 1970, 4, 36};
    case Group::female_50: return {50, 1975, 2, 60};
  }
  throw std::invalid_argument("unknown retirement group");
}

int age_in_months(Group group, int birth_year, unsigned birth_month) {
  if (birth_month < 1 || birth_month > 12) throw std::invalid_argument("birth month must be 1..12");
  const Rule r = rule_for(group);
  // Months of birth since the first delayed month; the first step already counts one month.
  const long since_start = (static_cast<long>(birth_year) - r.start_year) * 12 + (birth_month - 1);
  const long delay = since_start < 0 ? 0 : std::min<long>(r.cap_months, since_start / r.months_per_step + 1);
  return static_cast<int>(r.base_years * 12 + delay);
}

}  // namespace

Age statutory_age(Group group, int birth_year, unsigned birth_month) {
  const int months = age_in_months(group, birth_year, birth_month);
  return {months / 12, months % 12};
}

std::chrono::year_month_day retirement_date(Group group, std::chrono::year_month_day birth) {
  using namespace std::chrono;
  if (!birth.ok()) throw std::invalid_argument("invalid birth date");
  const int months = age_in_months(group, static_cast<int>(birth.year()), static_cast<unsigned>(birth.month()));
  const year_month ym = year_month{birth.year(), birth.month()} + std::chrono::months{months};
  const day last = year_month_day_last{ym.year(), month_day_last{ym.month()}}.day();
  return {ym.year(), ym.month(), std::min(birth.day(), last)};
}

bool retired_at(Group group, std::chrono::year_month_day birth, std::chrono::year_month_day cutoff) {
  if (!cutoff.ok()) throw std::invalid_argument("invalid cutoff date");
  return cutoff >= retirement_date(group, birth);
}

Group default_group(char sex) {
  if (sex == 'M') return Group::male;
  if (sex == 'F') return Group::female_55;
  throw std::invalid_argument("sex must be 'M' or 'F'");
}

}  // namespace zp::retirement
