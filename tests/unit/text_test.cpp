// Text lengths in characters, as the forms count them.
#include <gtest/gtest.h>

#include <string>

#include "core/text.hpp"

using zp::text::chars;

TEST(TextChars, CountsCharactersNotBytes) {
  EXPECT_EQ(chars(""), 0u);
  EXPECT_EQ(chars("abc"), 3u);
  EXPECT_EQ(chars("职称评审"), 4u);                  // 12 bytes
  EXPECT_EQ(chars("政工师 A1"), 6u);                  // mixed
  EXPECT_EQ(chars("\xF0\xA0\x80\x80"), 1u);           // 𠀀, four bytes (CJK extension B)
  EXPECT_EQ(chars(std::string(200 * 3, 'x')), 600u);
}

TEST(TextChars, TwoHundredChineseCharactersAreTwoHundred) {
  std::string s;
  for (int i = 0; i < 200; ++i) s += "政";
  EXPECT_EQ(s.size(), 600u);
  EXPECT_EQ(chars(s), 200u);
}
