#include <gtest/gtest.h>

#include "campaign/service.hpp"
#include "core/time.hpp"

using namespace zp;

namespace {
campaign::Campaign gansu_2023() {
  // Seed 003: "个人申报自8月30日24时起至9月30日24时止".
  campaign::Campaign c;
  c.status = "active";
  c.phases = {{"application", *timeutil::parse_iso("2023-08-31T00:00:00+08:00"), *timeutil::parse_iso("2023-10-01T00:00:00+08:00")}};
  return c;
}
std::string code_of(const campaign::Campaign& c, std::int64_t now) {
  try {
    campaign::Service::require_open(c, "application", now);
    return "open";
  } catch (const AppError& e) {
    EXPECT_EQ(e.status(), 409);
    return e.details().at(0).code;
  }
}
}  // namespace

TEST(CampaignWindow, OpensAndClosesToTheSecondInShanghai) {
  const auto c = gansu_2023();
  EXPECT_EQ(code_of(c, *timeutil::parse_iso("2023-08-30T23:59:59+08:00")), "window_not_open");
  EXPECT_EQ(code_of(c, *timeutil::parse_iso("2023-08-31T00:00:00+08:00")), "open");
  EXPECT_EQ(code_of(c, *timeutil::parse_iso("2023-09-30T23:59:59+08:00")), "open");
  EXPECT_EQ(code_of(c, *timeutil::parse_iso("2023-09-30T23:59:59.999+08:00")), "open");
  EXPECT_EQ(code_of(c, *timeutil::parse_iso("2023-10-01T00:00:00+08:00")), "window_closed");
  EXPECT_EQ(code_of(c, *timeutil::parse_iso("2023-09-30T16:00:00Z")), "window_closed");  // same instant in UTC
}

TEST(CampaignWindow, ClosedMessageNamesTheDeadline) {
  try {
    campaign::Service::require_open(gansu_2023(), "application", *timeutil::parse_iso("2023-10-02T08:00:00+08:00"));
    FAIL();
  } catch (const AppError& e) {
    EXPECT_EQ(e.code(), "window_closed");
    EXPECT_NE(e.message().find("2023-10-01T00:00:00+08:00"), std::string::npos);
    EXPECT_NE(e.message_en().find("closed"), std::string::npos);
  }
}

TEST(CampaignWindow, DraftOrMissingPhaseIsNotOpen) {
  auto c = gansu_2023();
  c.status = "draft";
  EXPECT_EQ(code_of(c, *timeutil::parse_iso("2023-09-10T00:00:00+08:00")), "window_closed");
  c.status = "active";
  EXPECT_THROW(campaign::Service::require_open(c, "unit_review", *timeutil::parse_iso("2023-09-10T00:00:00+08:00")), AppError);
}
