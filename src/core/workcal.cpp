#include "core/workcal.hpp"

#include <algorithm>
#include <stdexcept>

namespace zp::workcal {

namespace {

using namespace std::chrono;

constexpr std::int64_t kShanghaiOffsetMs = 8LL * 3600 * 1000;

bool plain_working(sys_days d) {
  const unsigned iso = weekday{d}.iso_encoding();  // Mon = 1 … Sun = 7
  return iso <= 5;
}

sys_days checked(year_month_day d, const char* what) {
  if (!d.ok()) throw std::invalid_argument(what);
  return sys_days{d};
}

}  // namespace

Calendar::Calendar(std::vector<DayOverride> overrides) : overrides_(std::move(overrides)) {
  for (const auto& o : overrides_) checked(o.date, "invalid date in working-day overrides");
  std::stable_sort(overrides_.begin(), overrides_.end(),
                   [](const DayOverride& a, const DayOverride& b) { return a.date < b.date; });
  // Keep the last entry of each run of equal dates.
  std::vector<DayOverride> unique;
  unique.reserve(overrides_.size());
  for (const auto& o : overrides_) {
    if (!unique.empty() && unique.back().date == o.date)
      unique.back() = o;
    else
      unique.push_back(o);
  }
  overrides_ = std::move(unique);
}

const DayOverride* Calendar::find(sys_days day) const {
  const year_month_day ymd{day};
  auto it = std::lower_bound(overrides_.begin(), overrides_.end(), ymd,
                             [](const DayOverride& o, const year_month_day& d) { return o.date < d; });
  return it != overrides_.end() && it->date == ymd ? &*it : nullptr;
}

bool Calendar::is_working_day(year_month_day date) const {
  const sys_days d = checked(date, "invalid date");
  if (const DayOverride* o = find(d)) return o->working;
  return plain_working(d);
}

year_month_day Calendar::add_working_days(year_month_day start, int n) const {
  if (n < 1) throw std::invalid_argument("working-day count must be at least 1");
  sys_days d = checked(start, "invalid start date");
  for (int counted = 0;; d += days{1}) {
    if (is_working_day(year_month_day{d}) && ++counted == n) return year_month_day{d};
  }
}

int Calendar::working_days_between(year_month_day from, year_month_day to) const {
  const sys_days a = checked(from, "invalid start date"), b = checked(to, "invalid end date");
  if (a > b) return 0;
  // Plain Mon–Fri count by whole weeks, then correct for the overrides inside the range.
  const long span = (b - a).count() + 1;
  long count = span / 7 * 5;
  for (sys_days d = a + days{span / 7 * 7}; d <= b; d += days{1})
    if (plain_working(d)) ++count;
  auto it = std::lower_bound(overrides_.begin(), overrides_.end(), from,
                             [](const DayOverride& o, const year_month_day& d) { return o.date < d; });
  for (; it != overrides_.end() && it->date <= to; ++it) {
    const bool plain = plain_working(sys_days{it->date});
    if (it->working && !plain) ++count;
    if (!it->working && plain) --count;
  }
  return static_cast<int>(count);
}

std::int64_t Calendar::publicity_end_ms(std::int64_t start_ms, int working_days) const {
  return end_of_day_ms(add_working_days(shanghai_date(start_ms), working_days));
}

std::int64_t end_of_day_ms(year_month_day date) {
  const sys_days next = checked(date, "invalid date") + days{1};
  return duration_cast<milliseconds>(next.time_since_epoch()).count() - kShanghaiOffsetMs;
}

year_month_day shanghai_date(std::int64_t utc_ms) {
  const sys_time<milliseconds> local{milliseconds{utc_ms + kShanghaiOffsetMs}};
  return year_month_day{floor<days>(local)};
}

}  // namespace zp::workcal
