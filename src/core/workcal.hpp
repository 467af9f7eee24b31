#pragma once
// Working days of the official Chinese calendar, with the State Council's swapped days (调休),
// and the Asia/Shanghai day boundaries that publicity periods end on.
#include <chrono>
#include <cstdint>
#include <vector>

namespace zp::workcal {

// A day whose status differs from the plain rule (Mon–Fri work, Sat–Sun rest): a public-holiday
// rest day on a weekday (working = false) or a weekend day that is worked (working = true).
struct DayOverride {
  std::chrono::year_month_day date;
  bool working;
};

// The years the shipped table covers.
inline constexpr int first_shipped_year = 2017;
inline constexpr int last_shipped_year = 2027;

// Every override of the State Council General Office's yearly notices for 2017–2027, sorted by
// date. Seed data: the office edits its own copy in the database.
const std::vector<DayOverride>& shipped_overrides();

// True when the shipped table does not hold that year's official notice: 2027 (statutory holiday
// dates only, no swapped days) and every year outside 2017–2027 (plain Mon–Fri).
bool year_is_provisional(int year);

class Calendar {
 public:
  // When a date appears more than once the later entry wins, so edits can be appended to a
  // shipped table. Throws std::invalid_argument for an invalid date.
  explicit Calendar(std::vector<DayOverride> overrides);

  bool is_working_day(std::chrono::year_month_day date) const;

  // The n-th working day (n >= 1), counting start as day 1 when it is a working day, else
  // counting from the next working day: the last day of an n-working-day publicity that starts
  // on start. Throws std::invalid_argument for n < 1.
  std::chrono::year_month_day add_working_days(std::chrono::year_month_day start, int n) const;

  // Working days in [from, to], both included; 0 when from > to.
  int working_days_between(std::chrono::year_month_day from, std::chrono::year_month_day to) const;

  // end_of_day_ms(add_working_days(shanghai_date(start_ms), working_days)): a publicity opened
  // at start_ms closes at 24:00 Beijing time of its last working day.
  std::int64_t publicity_end_ms(std::int64_t start_ms, int working_days) const;

  const std::vector<DayOverride>& overrides() const { return overrides_; }

 private:
  const DayOverride* find(std::chrono::sys_days day) const;
  std::vector<DayOverride> overrides_;  // sorted by date, one per date
};

// Asia/Shanghai is UTC+8 all year (no daylight saving since 1991).
// UTC milliseconds of 24:00 Beijing time on date, i.e. 00:00 +08:00 of the next day.
std::int64_t end_of_day_ms(std::chrono::year_month_day date);
// The Beijing calendar date of a UTC instant.
std::chrono::year_month_day shanghai_date(std::int64_t utc_ms);

}  // namespace zp::workcal
