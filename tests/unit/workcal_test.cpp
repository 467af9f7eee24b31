#include <gtest/gtest.h>

#include <cstdio>
#include <set>
#include <string>
#include <stdexcept>

#include "core/time.hpp"
#include "core/workcal.hpp"

using namespace std::chrono;
using zp::workcal::Calendar;
using zp::workcal::DayOverride;

namespace {

const Calendar& official() {
  static const Calendar cal(zp::workcal::shipped_overrides());
  return cal;
}

std::int64_t iso(const char* text) {
  const auto ms = zp::timeutil::parse_iso(text);
  if (!ms) throw std::invalid_argument(text);
  return *ms;
}

bool weekend(year_month_day d) { return weekday{sys_days{d}}.iso_encoding() >= 6; }

std::string str(year_month_day d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return buf;
}

}  // namespace

TEST(WorkCal, NationalDay2023) {
  const auto& cal = official();
  EXPECT_TRUE(cal.is_working_day(2023y / 9 / 28));
  for (sys_days d = sys_days{2023y / 9 / 29}; d <= sys_days{2023y / 10 / 6}; d += days{1})
    EXPECT_FALSE(cal.is_working_day(year_month_day{d})) << str(year_month_day{d});
  EXPECT_TRUE(cal.is_working_day(2023y / 10 / 7));  // Saturday
  EXPECT_TRUE(cal.is_working_day(2023y / 10 / 8));  // Sunday
  EXPECT_TRUE(cal.is_working_day(2023y / 10 / 9));
}

TEST(WorkCal, SpringFestival2024) {
  const auto& cal = official();
  EXPECT_TRUE(cal.is_working_day(2024y / 2 / 4));  // Sunday worked
  EXPECT_TRUE(cal.is_working_day(2024y / 2 / 9));  // New Year's Eve: leave only recommended
  for (sys_days d = sys_days{2024y / 2 / 10}; d <= sys_days{2024y / 2 / 17}; d += days{1})
    EXPECT_FALSE(cal.is_working_day(year_month_day{d})) << str(year_month_day{d});
  EXPECT_TRUE(cal.is_working_day(2024y / 2 / 18));  // Sunday worked
  EXPECT_TRUE(cal.is_working_day(2024y / 2 / 19));
}

TEST(WorkCal, NationalDay2025) {
  const auto& cal = official();
  EXPECT_FALSE(cal.is_working_day(2025y / 9 / 27));  // plain Saturday
  EXPECT_TRUE(cal.is_working_day(2025y / 9 / 28));   // Sunday worked
  EXPECT_TRUE(cal.is_working_day(2025y / 9 / 30));
  for (sys_days d = sys_days{2025y / 10 / 1}; d <= sys_days{2025y / 10 / 8}; d += days{1})
    EXPECT_FALSE(cal.is_working_day(year_month_day{d})) << str(year_month_day{d});
  EXPECT_TRUE(cal.is_working_day(2025y / 10 / 9));
  EXPECT_TRUE(cal.is_working_day(2025y / 10 / 11));  // Saturday worked
  EXPECT_FALSE(cal.is_working_day(2025y / 10 / 12));
}

TEST(WorkCal, LaterNoticesThatChangedAYear) {
  const auto& cal = official();
  // 2019 Labour Day, as adjusted in March 2019: 1–4 May off, 28 Apr and 5 May worked.
  EXPECT_TRUE(cal.is_working_day(2019y / 4 / 28));
  EXPECT_FALSE(cal.is_working_day(2019y / 5 / 2));
  EXPECT_FALSE(cal.is_working_day(2019y / 5 / 3));
  EXPECT_TRUE(cal.is_working_day(2019y / 5 / 5));
  // 2020 Spring Festival extended to 2 Feb: the Saturday 1 Feb is no longer worked.
  EXPECT_TRUE(cal.is_working_day(2020y / 1 / 19));
  EXPECT_FALSE(cal.is_working_day(2020y / 1 / 31));
  EXPECT_FALSE(cal.is_working_day(2020y / 2 / 1));
  EXPECT_TRUE(cal.is_working_day(2020y / 2 / 3));
}

TEST(WorkCal, ShippedTableIsConsistent) {
  const auto& table = zp::workcal::shipped_overrides();
  ASSERT_FALSE(table.empty());
  std::set<int> years;
  for (std::size_t i = 0; i < table.size(); ++i) {
    const auto& o = table[i];
    SCOPED_TRACE(str(o.date));
    ASSERT_TRUE(o.date.ok());
    if (i) {
      EXPECT_LT(table[i - 1].date, o.date);  // sorted, one entry per day
    }
    // Only days that differ from the plain week are listed.
    EXPECT_EQ(o.working, weekend(o.date));
    // 2018-12 and 2022-12 hold the New Year of the next year's notice.
    EXPECT_GE(o.date, 2017y / 1 / 1);
    EXPECT_LE(o.date, 2027y / 12 / 31);
    years.insert(static_cast<int>(o.date.year()));
  }
  for (int y = zp::workcal::first_shipped_year; y <= zp::workcal::last_shipped_year; ++y)
    EXPECT_TRUE(years.count(y)) << y;
}

TEST(WorkCal, WorkingDaysPerYear) {
  // 365 days less 104 or 105 weekend days less the statutory days (11, 13 from 2025), which the
  // swaps move but do not add to.
  const auto& cal = official();
  EXPECT_EQ(cal.working_days_between(2023y / 1 / 1, 2023y / 12 / 31), 249);
  EXPECT_EQ(cal.working_days_between(2024y / 1 / 1, 2024y / 12 / 31), 251);
  EXPECT_EQ(cal.working_days_between(2025y / 1 / 1, 2025y / 12 / 31), 248);
  EXPECT_EQ(cal.working_days_between(2026y / 1 / 1, 2026y / 12 / 31), 248);
}

TEST(WorkCal, ProvisionalYears) {
  EXPECT_TRUE(zp::workcal::year_is_provisional(2016));
  EXPECT_FALSE(zp::workcal::year_is_provisional(2017));
  EXPECT_FALSE(zp::workcal::year_is_provisional(2023));
  EXPECT_FALSE(zp::workcal::year_is_provisional(2026));
  EXPECT_TRUE(zp::workcal::year_is_provisional(2027));
  EXPECT_TRUE(zp::workcal::year_is_provisional(2028));
  // 2027 holds the statutory days only, and no worked weekend.
  const auto& cal = official();
  EXPECT_FALSE(cal.is_working_day(2027y / 2 / 5));  // New Year's Eve, Friday
  EXPECT_FALSE(cal.is_working_day(2027y / 2 / 8));  // third day of the year, Monday
  EXPECT_FALSE(cal.is_working_day(2027y / 10 / 1));
  for (const auto& o : zp::workcal::shipped_overrides())
    if (o.date.year() == 2027y) {
      EXPECT_FALSE(o.working) << str(o.date);
    }
}

TEST(WorkCal, FiveWorkingDayPublicityAcrossNationalDay) {
  // 28 Sep (Thu) = 1, 29 Sep – 6 Oct off, 7 Oct (Sat) = 2, 8 Oct (Sun) = 3, 9 Oct = 4, 10 Oct = 5.
  EXPECT_EQ(official().add_working_days(2023y / 9 / 28, 5), 2023y / 10 / 10);
  EXPECT_EQ(official().add_working_days(2023y / 9 / 28, 1), 2023y / 9 / 28);
  EXPECT_EQ(official().add_working_days(2023y / 9 / 28, 2), 2023y / 10 / 7);
}

TEST(WorkCal, AddWorkingDaysFromARestDay) {
  const auto& cal = official();
  // A plain weekend: counting starts on Monday.
  EXPECT_EQ(cal.add_working_days(2026y / 3 / 7, 1), 2026y / 3 / 9);
  EXPECT_EQ(cal.add_working_days(2026y / 3 / 8, 5), 2026y / 3 / 13);
  // The Saturday before the worked Sunday 2026-09-20.
  EXPECT_EQ(cal.add_working_days(2026y / 9 / 19, 1), 2026y / 9 / 20);
  // From inside a holiday: 9 Oct, 10 Oct, then the worked Saturday 11 Oct.
  EXPECT_EQ(cal.add_working_days(2025y / 10 / 1, 1), 2025y / 10 / 9);
  EXPECT_EQ(cal.add_working_days(2025y / 10 / 1, 3), 2025y / 10 / 11);
  EXPECT_THROW(cal.add_working_days(2025y / 10 / 1, 0), std::invalid_argument);
}

TEST(WorkCal, WorkingDaysBetween) {
  const auto& cal = official();
  EXPECT_EQ(cal.working_days_between(2023y / 9 / 28, 2023y / 10 / 10), 5);
  EXPECT_EQ(cal.working_days_between(2023y / 9 / 29, 2023y / 10 / 6), 0);
  EXPECT_EQ(cal.working_days_between(2023y / 10 / 7, 2023y / 10 / 7), 1);
  EXPECT_EQ(cal.working_days_between(2026y / 3 / 9, 2026y / 3 / 15), 5);
  EXPECT_EQ(cal.working_days_between(2023y / 10 / 10, 2023y / 9 / 28), 0);
}

TEST(WorkCal, WorkingDaysBetweenMatchesDayByDayCount) {
  const auto& cal = official();
  const sys_days first{2016y / 12 / 25}, last{2028y / 1 / 10};
  for (sys_days from = first; from <= last; from += days{37}) {
    int count = 0;
    for (sys_days to = from; to <= last && to < from + days{400}; to += days{1}) {
      if (cal.is_working_day(year_month_day{to})) ++count;
      if ((to - from).count() % 11 == 0) {
        ASSERT_EQ(cal.working_days_between(year_month_day{from}, year_month_day{to}), count) << str(year_month_day{from});
      }
    }
  }
}

TEST(WorkCal, OfficeEditsWin) {
  std::vector<DayOverride> table = zp::workcal::shipped_overrides();
  table.push_back({2026y / 9 / 30, false});  // an extra local rest day
  table.push_back({2026y / 9 / 20, false});  // a shipped worked Sunday withdrawn
  const Calendar cal(table);
  EXPECT_FALSE(cal.is_working_day(2026y / 9 / 30));
  EXPECT_FALSE(cal.is_working_day(2026y / 9 / 20));
  EXPECT_TRUE(official().is_working_day(2026y / 9 / 20));

  const Calendar plain({});
  EXPECT_FALSE(plain.is_working_day(2023y / 10 / 7));
  EXPECT_TRUE(plain.is_working_day(2023y / 10 / 2));
  EXPECT_THROW(Calendar({{2026y / 2 / 30, true}}), std::invalid_argument);
}

TEST(WorkCal, ShanghaiDayBoundaries) {
  // "9月30日24时" is 2026-09-30T16:00:00Z.
  EXPECT_EQ(zp::workcal::end_of_day_ms(2026y / 9 / 30), iso("2026-09-30T16:00:00Z"));
  EXPECT_EQ(zp::workcal::shanghai_date(iso("2026-09-30T15:59:59.999Z")), 2026y / 9 / 30);
  EXPECT_EQ(zp::workcal::shanghai_date(iso("2026-09-30T16:00:00Z")), 2026y / 10 / 1);
  // Before the epoch the day still starts at 00:00 Beijing time.
  EXPECT_EQ(zp::workcal::shanghai_date(-1), 1970y / 1 / 1);
  EXPECT_EQ(zp::workcal::shanghai_date(-8LL * 3600 * 1000), 1970y / 1 / 1);
  EXPECT_EQ(zp::workcal::shanghai_date(-8LL * 3600 * 1000 - 1), 1969y / 12 / 31);
}

TEST(WorkCal, PublicityEndsAtMidnightOfTheLastWorkingDay) {
  const auto& cal = official();
  const std::int64_t end = iso("2023-10-10T16:00:00Z");  // 10 Oct 24:00 Beijing
  EXPECT_EQ(cal.publicity_end_ms(iso("2023-09-28T09:00:00+08:00"), 5), end);
  EXPECT_EQ(cal.publicity_end_ms(iso("2023-09-28T23:59:59+08:00"), 5), end);
  EXPECT_EQ(cal.publicity_end_ms(iso("2023-09-27T16:30:00Z"), 5), end);  // 00:30 on the 28th in Beijing
  // Opened late on the 27th Beijing time: the 27th is day 1.
  EXPECT_EQ(cal.publicity_end_ms(iso("2023-09-27T23:00:00+08:00"), 5), iso("2023-10-09T16:00:00Z"));
}
