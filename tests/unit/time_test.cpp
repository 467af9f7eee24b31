#include <gtest/gtest.h>

#include "core/time.hpp"

using namespace zp::timeutil;

TEST(Time, FormatsInShanghai) {
  // 2026-09-30T16:00:00Z is midnight in Beijing: "9月30日24时".
  const auto ms = parse_iso("2026-09-30T16:00:00Z");
  ASSERT_TRUE(ms);
  EXPECT_EQ(format_shanghai(*ms), "2026-10-01T00:00:00+08:00");
}

TEST(Time, ParsesOffsetsAndFractions) {
  EXPECT_EQ(*parse_iso("2026-09-30T23:59:59+08:00"), *parse_iso("2026-09-30T15:59:59Z"));
  EXPECT_EQ(*parse_iso("2026-01-01T00:00:00.250Z") - *parse_iso("2026-01-01T00:00:00Z"), 250);
}

TEST(Time, RefusesMalformed) {
  EXPECT_FALSE(parse_iso("2026-02-30T00:00:00Z"));
  EXPECT_FALSE(parse_iso("2026-09-30 23:59:59"));
  EXPECT_FALSE(parse_iso("2026-09-30T24:00:00+08:00"));
  EXPECT_FALSE(parse_iso("2026-09-30T23:59:59+0800"));
  EXPECT_FALSE(parse_iso("2026-09-30T23:59:59Zjunk"));
}
