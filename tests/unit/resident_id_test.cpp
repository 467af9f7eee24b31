#include <gtest/gtest.h>

#include "core/resident_id.hpp"

using namespace zp;

TEST(ResidentId, AcceptsValidNumberAndDerivesBirthAndSex) {
  ResidentIdError e;
  auto id = parse_resident_id("11010519491231002X", &e);  // GB 11643 example: woman born 1949-12-31
  ASSERT_TRUE(id) << e.code;
  EXPECT_EQ(id->birth_year, 1949);
  EXPECT_EQ(id->birth_month, 12);
  EXPECT_EQ(id->birth_day, 31);
  EXPECT_EQ(id->sex, 'F');
}

TEST(ResidentId, AcceptsLowerCaseXAndNormalises) {
  auto id = parse_resident_id("11010519491231002x");
  ASSERT_TRUE(id);
  EXPECT_EQ(id->number, "11010519491231002X");
}

TEST(ResidentId, MaleFromOddSeventeenthDigit) {
  auto id = parse_resident_id("110105198001010016");
  ASSERT_TRUE(id);
  EXPECT_EQ(id->sex, 'M');
}

struct BadId {
  const char* number;
  const char* code;
};
class ResidentIdRefused : public ::testing::TestWithParam<BadId> {};
TEST_P(ResidentIdRefused, WithReason) {
  ResidentIdError e;
  EXPECT_FALSE(parse_resident_id(GetParam().number, &e));
  EXPECT_EQ(e.code, GetParam().code);
  EXPECT_FALSE(e.message.empty());
  EXPECT_FALSE(e.message_en.empty());
}
INSTANTIATE_TEST_SUITE_P(All, ResidentIdRefused,
                         ::testing::Values(BadId{"11010519491231002", "id_length"}, BadId{"", "id_length"},
                                           BadId{"1101051949123100XX", "id_characters"},
                                           BadId{"11010519491231002A", "id_characters"},
                                           BadId{"110105194902300023", "id_birth_date"},   // 30 Feb
                                           BadId{"110105299901010023", "id_birth_date"},   // future
                                           BadId{"110105194912310021", "id_checksum"}));

TEST(Masking, ResidentIdAndPhone) {
  EXPECT_EQ(mask_resident_id("11010519491231002X"), "110105********002X");
  EXPECT_EQ(mask_phone("13812345678"), "138****5678");
  EXPECT_EQ(mask_phone("123"), "***");
}
