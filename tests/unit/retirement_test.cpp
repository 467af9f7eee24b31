#include <gtest/gtest.h>

#include <stdexcept>

#include "core/retirement.hpp"

using namespace std::chrono;
using zp::retirement::Age;
using zp::retirement::Group;

namespace {

struct AgeCase {
  Group group;
  int year;
  unsigned month;
  int years, months;
};

const char* name(Group g) {
  switch (g) {
    case Group::male: return "male";
    case Group::female_55: return "female_55";
    case Group::female_50: return "female_50";
  }
  return "?";
}

}  // namespace

// First and last birth months of the steps at both ends of each annex table, plus a few inside.
TEST(Retirement, StatutoryAgeAtStepBoundaries) {
  const AgeCase cases[] = {
      // Men: 60 → 63, one month per four birth months from January 1965.
      {Group::male, 1950, 6, 60, 0},
      {Group::male, 1964, 12, 60, 0},
      {Group::male, 1965, 1, 60, 1},
      {Group::male, 1965, 4, 60, 1},
      {Group::male, 1965, 5, 60, 2},
      {Group::male, 1965, 8, 60, 2},
      {Group::male, 1965, 9, 60, 3},
      {Group::male, 1965, 12, 60, 3},
      {Group::male, 1966, 1, 60, 4},
      {Group::male, 1968, 8, 60, 11},
      {Group::male, 1968, 9, 61, 0},
      {Group::male, 1975, 6, 62, 8},
      {Group::male, 1976, 5, 62, 11},
      {Group::male, 1976, 8, 62, 11},
      {Group::male, 1976, 9, 63, 0},
      {Group::male, 1976, 12, 63, 0},
      {Group::male, 1977, 1, 63, 0},
      {Group::male, 1990, 1, 63, 0},
      // Women of the 55 group: 55 → 58, one month per four from January 1970.
      {Group::female_55, 1969, 12, 55, 0},
      {Group::female_55, 1970, 1, 55, 1},
      {Group::female_55, 1970, 4, 55, 1},
      {Group::female_55, 1970, 5, 55, 2},
      {Group::female_55, 1971, 6, 55, 5},
      {Group::female_55, 1981, 5, 57, 11},
      {Group::female_55, 1981, 8, 57, 11},
      {Group::female_55, 1981, 9, 58, 0},
      {Group::female_55, 1981, 12, 58, 0},
      {Group::female_55, 1990, 1, 58, 0},
      // Women of the 50 group: 50 → 55, one month per two from January 1975.
      {Group::female_50, 1974, 12, 50, 0},
      {Group::female_50, 1975, 1, 50, 1},
      {Group::female_50, 1975, 2, 50, 1},
      {Group::female_50, 1975, 3, 50, 2},
      {Group::female_50, 1975, 4, 50, 2},
      {Group::female_50, 1975, 5, 50, 3},
      {Group::female_50, 1977, 1, 51, 1},
      {Group::female_50, 1984, 9, 54, 11},
      {Group::female_50, 1984, 10, 54, 11},
      {Group::female_50, 1984, 11, 55, 0},
      {Group::female_50, 1984, 12, 55, 0},
      {Group::female_50, 1990, 1, 55, 0},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(testing::Message() << name(c.group) << " born " << c.year << "-" << c.month);
    EXPECT_EQ(zp::retirement::statutory_age(c.group, c.year, c.month), (Age{c.years, c.months}));
  }
}

TEST(Retirement, AgeNeverDecreasesAndStopsAtTheCap) {
  const struct {
    Group group;
    int base, cap;
  } groups[] = {{Group::male, 60, 36}, {Group::female_55, 55, 36}, {Group::female_50, 50, 60}};
  for (const auto& g : groups) {
    int previous = g.base * 12;
    for (int y = 1960; y <= 1995; ++y)
      for (unsigned m = 1; m <= 12; ++m) {
        const Age a = zp::retirement::statutory_age(g.group, y, m);
        const int months = a.years * 12 + a.months;
        EXPECT_GE(months, previous) << name(g.group) << " " << y << "-" << m;
        EXPECT_LE(months - previous, 1) << name(g.group) << " " << y << "-" << m;
        previous = months;
      }
    EXPECT_EQ(previous, g.base * 12 + g.cap) << name(g.group);
  }
}

TEST(Retirement, RetirementDateAddsTheAge) {
  // Man born June 1975: 62 years 8 months → February 2038.
  EXPECT_EQ(zp::retirement::retirement_date(Group::male, 1975y / 6 / 15), 2038y / 2 / 15);
  // Before the reform: exactly 60.
  EXPECT_EQ(zp::retirement::retirement_date(Group::male, 1964y / 12 / 1), 2024y / 12 / 1);
  EXPECT_EQ(zp::retirement::retirement_date(Group::female_50, 1984y / 11 / 20), 2039y / 11 / 20);
  EXPECT_EQ(zp::retirement::retirement_date(Group::female_55, 1970y / 1 / 1), 2025y / 2 / 1);
}

TEST(Retirement, RetirementDayClampsToTheEndOfTheMonth) {
  // 1965-01-31 + 60y1m → February 2025, which has 28 days.
  EXPECT_EQ(zp::retirement::retirement_date(Group::male, 1965y / 1 / 31), 2025y / 2 / 28);
  // 1965-07-31 + 60y2m → September, 30 days.
  EXPECT_EQ(zp::retirement::retirement_date(Group::male, 1965y / 7 / 31), 2025y / 9 / 30);
  // Born on 29 February, 50 years later is not a leap year.
  EXPECT_EQ(zp::retirement::retirement_date(Group::female_50, 1972y / 2 / 29), 2022y / 2 / 28);
  // 1976-02-29 + 50y7m → 2026-09-29: no clamp needed.
  EXPECT_EQ(zp::retirement::retirement_date(Group::female_50, 1976y / 2 / 29), 2026y / 9 / 29);
}

TEST(Retirement, RetiredFromTheRetirementDateOn) {
  const auto birth = 1965y / 1 / 31;  // retires 2025-02-28
  EXPECT_FALSE(zp::retirement::retired_at(Group::male, birth, 2025y / 2 / 27));
  EXPECT_TRUE(zp::retirement::retired_at(Group::male, birth, 2025y / 2 / 28));
  EXPECT_TRUE(zp::retirement::retired_at(Group::male, birth, 2025y / 3 / 1));

  const auto woman = 1975y / 3 / 10;  // 50y2m → 2025-05-10
  EXPECT_FALSE(zp::retirement::retired_at(Group::female_50, woman, 2025y / 5 / 9));
  EXPECT_TRUE(zp::retirement::retired_at(Group::female_50, woman, 2025y / 5 / 10));
  // The same woman in the 55 group is far from retirement.
  EXPECT_FALSE(zp::retirement::retired_at(Group::female_55, woman, 2025y / 12 / 31));
}

TEST(Retirement, DefaultGroupFromSex) {
  EXPECT_EQ(zp::retirement::default_group('M'), Group::male);
  EXPECT_EQ(zp::retirement::default_group('F'), Group::female_55);
  EXPECT_THROW(zp::retirement::default_group('X'), std::invalid_argument);
}

TEST(Retirement, RefusesInvalidInput) {
  EXPECT_THROW(zp::retirement::statutory_age(Group::male, 1970, 0), std::invalid_argument);
  EXPECT_THROW(zp::retirement::statutory_age(Group::male, 1970, 13), std::invalid_argument);
  EXPECT_THROW(zp::retirement::retirement_date(Group::male, 1970y / 2 / 30), std::invalid_argument);
  EXPECT_THROW(zp::retirement::retired_at(Group::male, 1970y / 2 / 1, 2030y / 13 / 1), std::invalid_argument);
}

namespace {

struct YearMonth {
  int year;
  unsigned month;
};

// One row of the decision's annex tables: births from `first` to `last` retire at `years` and `months`, in the
// months from `retires_first` to `retires_last`.
struct AnnexRow {
  Group group;
  YearMonth first, last;
  int years, months;
  YearMonth retires_first, retires_last;
};

// Every row of the three annex tables of the 2024-09-13 decision (one row per month of delay).
const AnnexRow kAnnexRows[] = {
      // Men: 60 → 63 (annex table 1)
      {Group::male, {1965, 1}, {1965, 4}, 60, 1, {2025, 2}, {2025, 5}},
      {Group::male, {1965, 5}, {1965, 8}, 60, 2, {2025, 7}, {2025, 10}},
      {Group::male, {1965, 9}, {1965, 12}, 60, 3, {2025, 12}, {2026, 3}},
      {Group::male, {1966, 1}, {1966, 4}, 60, 4, {2026, 5}, {2026, 8}},
      {Group::male, {1966, 5}, {1966, 8}, 60, 5, {2026, 10}, {2027, 1}},
      {Group::male, {1966, 9}, {1966, 12}, 60, 6, {2027, 3}, {2027, 6}},
      {Group::male, {1967, 1}, {1967, 4}, 60, 7, {2027, 8}, {2027, 11}},
      {Group::male, {1967, 5}, {1967, 8}, 60, 8, {2028, 1}, {2028, 4}},
      {Group::male, {1967, 9}, {1967, 12}, 60, 9, {2028, 6}, {2028, 9}},
      {Group::male, {1968, 1}, {1968, 4}, 60, 10, {2028, 11}, {2029, 2}},
      {Group::male, {1968, 5}, {1968, 8}, 60, 11, {2029, 4}, {2029, 7}},
      {Group::male, {1968, 9}, {1968, 12}, 61, 0, {2029, 9}, {2029, 12}},
      {Group::male, {1969, 1}, {1969, 4}, 61, 1, {2030, 2}, {2030, 5}},
      {Group::male, {1969, 5}, {1969, 8}, 61, 2, {2030, 7}, {2030, 10}},
      {Group::male, {1969, 9}, {1969, 12}, 61, 3, {2030, 12}, {2031, 3}},
      {Group::male, {1970, 1}, {1970, 4}, 61, 4, {2031, 5}, {2031, 8}},
      {Group::male, {1970, 5}, {1970, 8}, 61, 5, {2031, 10}, {2032, 1}},
      {Group::male, {1970, 9}, {1970, 12}, 61, 6, {2032, 3}, {2032, 6}},
      {Group::male, {1971, 1}, {1971, 4}, 61, 7, {2032, 8}, {2032, 11}},
      {Group::male, {1971, 5}, {1971, 8}, 61, 8, {2033, 1}, {2033, 4}},
      {Group::male, {1971, 9}, {1971, 12}, 61, 9, {2033, 6}, {2033, 9}},
      {Group::male, {1972, 1}, {1972, 4}, 61, 10, {2033, 11}, {2034, 2}},
      {Group::male, {1972, 5}, {1972, 8}, 61, 11, {2034, 4}, {2034, 7}},
      {Group::male, {1972, 9}, {1972, 12}, 62, 0, {2034, 9}, {2034, 12}},
      {Group::male, {1973, 1}, {1973, 4}, 62, 1, {2035, 2}, {2035, 5}},
      {Group::male, {1973, 5}, {1973, 8}, 62, 2, {2035, 7}, {2035, 10}},
      {Group::male, {1973, 9}, {1973, 12}, 62, 3, {2035, 12}, {2036, 3}},
      {Group::male, {1974, 1}, {1974, 4}, 62, 4, {2036, 5}, {2036, 8}},
      {Group::male, {1974, 5}, {1974, 8}, 62, 5, {2036, 10}, {2037, 1}},
      {Group::male, {1974, 9}, {1974, 12}, 62, 6, {2037, 3}, {2037, 6}},
      {Group::male, {1975, 1}, {1975, 4}, 62, 7, {2037, 8}, {2037, 11}},
      {Group::male, {1975, 5}, {1975, 8}, 62, 8, {2038, 1}, {2038, 4}},
      {Group::male, {1975, 9}, {1975, 12}, 62, 9, {2038, 6}, {2038, 9}},
      {Group::male, {1976, 1}, {1976, 4}, 62, 10, {2038, 11}, {2039, 2}},
      {Group::male, {1976, 5}, {1976, 8}, 62, 11, {2039, 4}, {2039, 7}},
      {Group::male, {1976, 9}, {1976, 12}, 63, 0, {2039, 9}, {2039, 12}},
      // Women of the 55 group: 55 → 58 (annex table 2)
      {Group::female_55, {1970, 1}, {1970, 4}, 55, 1, {2025, 2}, {2025, 5}},
      {Group::female_55, {1970, 5}, {1970, 8}, 55, 2, {2025, 7}, {2025, 10}},
      {Group::female_55, {1970, 9}, {1970, 12}, 55, 3, {2025, 12}, {2026, 3}},
      {Group::female_55, {1971, 1}, {1971, 4}, 55, 4, {2026, 5}, {2026, 8}},
      {Group::female_55, {1971, 5}, {1971, 8}, 55, 5, {2026, 10}, {2027, 1}},
      {Group::female_55, {1971, 9}, {1971, 12}, 55, 6, {2027, 3}, {2027, 6}},
      {Group::female_55, {1972, 1}, {1972, 4}, 55, 7, {2027, 8}, {2027, 11}},
      {Group::female_55, {1972, 5}, {1972, 8}, 55, 8, {2028, 1}, {2028, 4}},
      {Group::female_55, {1972, 9}, {1972, 12}, 55, 9, {2028, 6}, {2028, 9}},
      {Group::female_55, {1973, 1}, {1973, 4}, 55, 10, {2028, 11}, {2029, 2}},
      {Group::female_55, {1973, 5}, {1973, 8}, 55, 11, {2029, 4}, {2029, 7}},
      {Group::female_55, {1973, 9}, {1973, 12}, 56, 0, {2029, 9}, {2029, 12}},
      {Group::female_55, {1974, 1}, {1974, 4}, 56, 1, {2030, 2}, {2030, 5}},
      {Group::female_55, {1974, 5}, {1974, 8}, 56, 2, {2030, 7}, {2030, 10}},
      {Group::female_55, {1974, 9}, {1974, 12}, 56, 3, {2030, 12}, {2031, 3}},
      {Group::female_55, {1975, 1}, {1975, 4}, 56, 4, {2031, 5}, {2031, 8}},
      {Group::female_55, {1975, 5}, {1975, 8}, 56, 5, {2031, 10}, {2032, 1}},
      {Group::female_55, {1975, 9}, {1975, 12}, 56, 6, {2032, 3}, {2032, 6}},
      {Group::female_55, {1976, 1}, {1976, 4}, 56, 7, {2032, 8}, {2032, 11}},
      {Group::female_55, {1976, 5}, {1976, 8}, 56, 8, {2033, 1}, {2033, 4}},
      {Group::female_55, {1976, 9}, {1976, 12}, 56, 9, {2033, 6}, {2033, 9}},
      {Group::female_55, {1977, 1}, {1977, 4}, 56, 10, {2033, 11}, {2034, 2}},
      {Group::female_55, {1977, 5}, {1977, 8}, 56, 11, {2034, 4}, {2034, 7}},
      {Group::female_55, {1977, 9}, {1977, 12}, 57, 0, {2034, 9}, {2034, 12}},
      {Group::female_55, {1978, 1}, {1978, 4}, 57, 1, {2035, 2}, {2035, 5}},
      {Group::female_55, {1978, 5}, {1978, 8}, 57, 2, {2035, 7}, {2035, 10}},
      {Group::female_55, {1978, 9}, {1978, 12}, 57, 3, {2035, 12}, {2036, 3}},
      {Group::female_55, {1979, 1}, {1979, 4}, 57, 4, {2036, 5}, {2036, 8}},
      {Group::female_55, {1979, 5}, {1979, 8}, 57, 5, {2036, 10}, {2037, 1}},
      {Group::female_55, {1979, 9}, {1979, 12}, 57, 6, {2037, 3}, {2037, 6}},
      {Group::female_55, {1980, 1}, {1980, 4}, 57, 7, {2037, 8}, {2037, 11}},
      {Group::female_55, {1980, 5}, {1980, 8}, 57, 8, {2038, 1}, {2038, 4}},
      {Group::female_55, {1980, 9}, {1980, 12}, 57, 9, {2038, 6}, {2038, 9}},
      {Group::female_55, {1981, 1}, {1981, 4}, 57, 10, {2038, 11}, {2039, 2}},
      {Group::female_55, {1981, 5}, {1981, 8}, 57, 11, {2039, 4}, {2039, 7}},
      {Group::female_55, {1981, 9}, {1981, 12}, 58, 0, {2039, 9}, {2039, 12}},
      // Women of the 50 group: 50 → 55 (annex table 3)
      {Group::female_50, {1975, 1}, {1975, 2}, 50, 1, {2025, 2}, {2025, 3}},
      {Group::female_50, {1975, 3}, {1975, 4}, 50, 2, {2025, 5}, {2025, 6}},
      {Group::female_50, {1975, 5}, {1975, 6}, 50, 3, {2025, 8}, {2025, 9}},
      {Group::female_50, {1975, 7}, {1975, 8}, 50, 4, {2025, 11}, {2025, 12}},
      {Group::female_50, {1975, 9}, {1975, 10}, 50, 5, {2026, 2}, {2026, 3}},
      {Group::female_50, {1975, 11}, {1975, 12}, 50, 6, {2026, 5}, {2026, 6}},
      {Group::female_50, {1976, 1}, {1976, 2}, 50, 7, {2026, 8}, {2026, 9}},
      {Group::female_50, {1976, 3}, {1976, 4}, 50, 8, {2026, 11}, {2026, 12}},
      {Group::female_50, {1976, 5}, {1976, 6}, 50, 9, {2027, 2}, {2027, 3}},
      {Group::female_50, {1976, 7}, {1976, 8}, 50, 10, {2027, 5}, {2027, 6}},
      {Group::female_50, {1976, 9}, {1976, 10}, 50, 11, {2027, 8}, {2027, 9}},
      {Group::female_50, {1976, 11}, {1976, 12}, 51, 0, {2027, 11}, {2027, 12}},
      {Group::female_50, {1977, 1}, {1977, 2}, 51, 1, {2028, 2}, {2028, 3}},
      {Group::female_50, {1977, 3}, {1977, 4}, 51, 2, {2028, 5}, {2028, 6}},
      {Group::female_50, {1977, 5}, {1977, 6}, 51, 3, {2028, 8}, {2028, 9}},
      {Group::female_50, {1977, 7}, {1977, 8}, 51, 4, {2028, 11}, {2028, 12}},
      {Group::female_50, {1977, 9}, {1977, 10}, 51, 5, {2029, 2}, {2029, 3}},
      {Group::female_50, {1977, 11}, {1977, 12}, 51, 6, {2029, 5}, {2029, 6}},
      {Group::female_50, {1978, 1}, {1978, 2}, 51, 7, {2029, 8}, {2029, 9}},
      {Group::female_50, {1978, 3}, {1978, 4}, 51, 8, {2029, 11}, {2029, 12}},
      {Group::female_50, {1978, 5}, {1978, 6}, 51, 9, {2030, 2}, {2030, 3}},
      {Group::female_50, {1978, 7}, {1978, 8}, 51, 10, {2030, 5}, {2030, 6}},
      {Group::female_50, {1978, 9}, {1978, 10}, 51, 11, {2030, 8}, {2030, 9}},
      {Group::female_50, {1978, 11}, {1978, 12}, 52, 0, {2030, 11}, {2030, 12}},
      {Group::female_50, {1979, 1}, {1979, 2}, 52, 1, {2031, 2}, {2031, 3}},
      {Group::female_50, {1979, 3}, {1979, 4}, 52, 2, {2031, 5}, {2031, 6}},
      {Group::female_50, {1979, 5}, {1979, 6}, 52, 3, {2031, 8}, {2031, 9}},
      {Group::female_50, {1979, 7}, {1979, 8}, 52, 4, {2031, 11}, {2031, 12}},
      {Group::female_50, {1979, 9}, {1979, 10}, 52, 5, {2032, 2}, {2032, 3}},
      {Group::female_50, {1979, 11}, {1979, 12}, 52, 6, {2032, 5}, {2032, 6}},
      {Group::female_50, {1980, 1}, {1980, 2}, 52, 7, {2032, 8}, {2032, 9}},
      {Group::female_50, {1980, 3}, {1980, 4}, 52, 8, {2032, 11}, {2032, 12}},
      {Group::female_50, {1980, 5}, {1980, 6}, 52, 9, {2033, 2}, {2033, 3}},
      {Group::female_50, {1980, 7}, {1980, 8}, 52, 10, {2033, 5}, {2033, 6}},
      {Group::female_50, {1980, 9}, {1980, 10}, 52, 11, {2033, 8}, {2033, 9}},
      {Group::female_50, {1980, 11}, {1980, 12}, 53, 0, {2033, 11}, {2033, 12}},
      {Group::female_50, {1981, 1}, {1981, 2}, 53, 1, {2034, 2}, {2034, 3}},
      {Group::female_50, {1981, 3}, {1981, 4}, 53, 2, {2034, 5}, {2034, 6}},
      {Group::female_50, {1981, 5}, {1981, 6}, 53, 3, {2034, 8}, {2034, 9}},
      {Group::female_50, {1981, 7}, {1981, 8}, 53, 4, {2034, 11}, {2034, 12}},
      {Group::female_50, {1981, 9}, {1981, 10}, 53, 5, {2035, 2}, {2035, 3}},
      {Group::female_50, {1981, 11}, {1981, 12}, 53, 6, {2035, 5}, {2035, 6}},
      {Group::female_50, {1982, 1}, {1982, 2}, 53, 7, {2035, 8}, {2035, 9}},
      {Group::female_50, {1982, 3}, {1982, 4}, 53, 8, {2035, 11}, {2035, 12}},
      {Group::female_50, {1982, 5}, {1982, 6}, 53, 9, {2036, 2}, {2036, 3}},
      {Group::female_50, {1982, 7}, {1982, 8}, 53, 10, {2036, 5}, {2036, 6}},
      {Group::female_50, {1982, 9}, {1982, 10}, 53, 11, {2036, 8}, {2036, 9}},
      {Group::female_50, {1982, 11}, {1982, 12}, 54, 0, {2036, 11}, {2036, 12}},
      {Group::female_50, {1983, 1}, {1983, 2}, 54, 1, {2037, 2}, {2037, 3}},
      {Group::female_50, {1983, 3}, {1983, 4}, 54, 2, {2037, 5}, {2037, 6}},
      {Group::female_50, {1983, 5}, {1983, 6}, 54, 3, {2037, 8}, {2037, 9}},
      {Group::female_50, {1983, 7}, {1983, 8}, 54, 4, {2037, 11}, {2037, 12}},
      {Group::female_50, {1983, 9}, {1983, 10}, 54, 5, {2038, 2}, {2038, 3}},
      {Group::female_50, {1983, 11}, {1983, 12}, 54, 6, {2038, 5}, {2038, 6}},
      {Group::female_50, {1984, 1}, {1984, 2}, 54, 7, {2038, 8}, {2038, 9}},
      {Group::female_50, {1984, 3}, {1984, 4}, 54, 8, {2038, 11}, {2038, 12}},
      {Group::female_50, {1984, 5}, {1984, 6}, 54, 9, {2039, 2}, {2039, 3}},
      {Group::female_50, {1984, 7}, {1984, 8}, 54, 10, {2039, 5}, {2039, 6}},
      {Group::female_50, {1984, 9}, {1984, 10}, 54, 11, {2039, 8}, {2039, 9}},
      {Group::female_50, {1984, 11}, {1984, 12}, 55, 0, {2039, 11}, {2039, 12}},
};

}  // namespace

// The first and last birth months of every step of the three tables: the age, and the month of retirement.
TEST(Retirement, EveryStepOfTheAnnexTables) {
  int rows_per_group[3] = {0, 0, 0};
  for (const auto& r : kAnnexRows) {
    ++rows_per_group[static_cast<int>(r.group)];
    for (const auto& [born, retires] : {std::pair{r.first, r.retires_first}, std::pair{r.last, r.retires_last}}) {
      SCOPED_TRACE(testing::Message() << name(r.group) << " born " << born.year << "-" << born.month);
      EXPECT_EQ(zp::retirement::statutory_age(r.group, born.year, born.month), (Age{r.years, r.months}));
      const auto birth = year{born.year} / month{born.month} / 1;
      EXPECT_EQ(zp::retirement::retirement_date(r.group, birth), year{retires.year} / month{retires.month} / 1);
    }
  }
  EXPECT_EQ(rows_per_group[static_cast<int>(Group::male)], 36);
  EXPECT_EQ(rows_per_group[static_cast<int>(Group::female_55)], 36);
  EXPECT_EQ(rows_per_group[static_cast<int>(Group::female_50)], 60);
}
