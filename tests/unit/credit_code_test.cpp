#include <gtest/gtest.h>

#include "core/credit_code.hpp"

using namespace zp;

TEST(CreditCode, AcceptsValidCodes) {
  EXPECT_TRUE(validate_credit_code("91350100M000100Y43"));  // published example
  EXPECT_TRUE(validate_credit_code(std::string("12450100MB0000002") + credit_code_check_char("12450100MB0000002")));
}

TEST(CreditCode, CheckCharacterZeroCase) {
  // When the weighted sum is a multiple of 31 the check character is '0', not 31.
  for (int i = 0; i < 1000; ++i) {
    std::string first = "9135010000" + std::to_string(1000000 + i);
    const char c = credit_code_check_char(first);
    EXPECT_NE(c, '\0');
    EXPECT_TRUE(validate_credit_code(first + c)) << first << c;
  }
}

TEST(CreditCode, RefusesWithReasons) {
  CreditCodeError e;
  EXPECT_FALSE(validate_credit_code("91350100M000100Y4", &e));
  EXPECT_EQ(e.code, "credit_code_length");
  EXPECT_FALSE(validate_credit_code("91350100M000100Y4I", &e));  // I is not in the alphabet
  EXPECT_EQ(e.code, "credit_code_characters");
  EXPECT_FALSE(validate_credit_code("91350100m000100Y43", &e));  // lower case
  EXPECT_EQ(e.code, "credit_code_characters");
  EXPECT_FALSE(validate_credit_code("91350100M000100Y44", &e));
  EXPECT_EQ(e.code, "credit_code_checksum");
}
