// Email addresses: what is accepted, how it is stored and masked, and the bilingual validation error.
#include <gtest/gtest.h>

#include "accounts/validation.hpp"
#include "core/email.hpp"

using namespace zp;

TEST(EmailAddress, AcceptsOrdinaryAddresses) {
  for (const char* ok : {"zhangsan@example.com", "zhang.san+jobs@mail.example.gov.cn", "a_b-c@example.xn--fiqs8s", "x@a-b.cn", "O'Neil@Example.COM"})
    EXPECT_TRUE(is_email_address(ok)) << ok;
}

TEST(EmailAddress, RefusesWhatCouldHarmOrBounce) {
  for (const char* bad : {"", "zhangsan", "zhangsan@", "@example.com", "zhang san@example.com", "zhang..san@example.com",
                          ".zhang@example.com", "zhang.@example.com", "zhang@example", "zhang@-example.com", "zhang@example-.com",
                          "zhang@example.c0m", "zhang@exa_mple.com", "张三@example.com", "zhang@例子.中国", "a@b@example.com",
                          "a@example.com\r\nBcc: x@example.com", "a@example.com>", "<a@example.com>", "\"a b\"@example.com",
                          "a@[127.0.0.1]"})
    EXPECT_FALSE(is_email_address(bad)) << bad;
  EXPECT_FALSE(is_email_address(std::string(65, 'a') + "@example.com")) << "local part over 64";
  EXPECT_FALSE(is_email_address("a@" + std::string(250, 'b') + ".com")) << "over 254";
}

TEST(EmailAddress, NormalisesTheDomainAndMasks) {
  EXPECT_EQ(normalize_email("Zhang.San@Example.COM"), "Zhang.San@example.com");
  EXPECT_EQ(mask_email("zhangsan@example.com"), "z***@example.com");
  EXPECT_EQ(mask_email("z@example.com"), "z***@example.com");
}

TEST(EmailAddress, ValidationSpeaksChineseAndEnglish) {
  std::vector<ErrorDetail> problems;
  accounts::check_email("zhangsan@example.com", problems);
  EXPECT_TRUE(problems.empty());
  accounts::check_email("zhangsan@", problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].code, "email_format");
  EXPECT_EQ(problems[0].field, "email");
  EXPECT_NE(problems[0].message.find("电子邮箱"), std::string::npos);
  EXPECT_NE(problems[0].message_en.find("email address"), std::string::npos);
}
