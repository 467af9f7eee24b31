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
