// The review chain's table and the spot-check draw: pure functions, checked without a database.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "review/office_service.hpp"
#include "review/transitions.hpp"

using namespace zp::review;

TEST(Transitions, RecommendationGoesToTheDepartmentOnlyWhenTheUnitHasOne) {
  const auto* with = find("unit_publicity", "unit_recommend", {true});
  const auto* without = find("unit_publicity", "unit_recommend", {false});
  ASSERT_NE(with, nullptr);
  ASSERT_NE(without, nullptr);
  EXPECT_EQ(with->to, "dept_review");
  EXPECT_EQ(without->to, "office_review");
}

TEST(Transitions, ResubmitReturnsToWhoeverReturned) {
  EXPECT_EQ(find("returned_to_applicant", "resubmit")->to, "unit_review");
  EXPECT_EQ(find("returned_to_applicant", "resubmit")->phase, "unit_review");
  EXPECT_EQ(find("returned_once", "resubmit")->to, "office_review");
  EXPECT_EQ(find("returned_once", "resubmit")->phase, "office_review");
}

TEST(Transitions, FinalStatesGoNowhere) {
  for (const char* s : {"rejected", "not_recommended", "not_sent", "withdrawn", "void"})
    for (const auto& t : transitions()) EXPECT_NE(t.from, s) << s << " has a way out: " << t.action;
  EXPECT_EQ(find("office_review", "unit_approve"), nullptr);
  EXPECT_EQ(find("accepted", "office_accept"), nullptr);
}

TEST(Transitions, EveryActionHasOneRoleAndEveryRowAPhase) {
  for (const auto& t : transitions()) {
    EXPECT_EQ(role_of(t.action), t.role) << t.action;
    EXPECT_FALSE(t.phase.empty()) << t.action;
  }
  EXPECT_EQ(role_of("no_such_action"), "");
}

TEST(Transitions, VoidableOnceSubmitted) {
  EXPECT_FALSE(voidable("draft"));
  EXPECT_FALSE(voidable("withdrawn"));
  EXPECT_FALSE(voidable("void"));
  for (const char* s : {"submitted", "office_review", "sent_to_committee", "rejected"}) EXPECT_TRUE(voidable(s)) << s;
}

TEST(SpotCheckDraw, SameSeedSameDrawAndShareRoundsUp) {
  const std::vector<std::int64_t> pool = {3, 8, 15, 16, 23, 42, 77};
  const auto a = draw("seed-1", pool, 300), b = draw("seed-1", pool, 300);
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.size(), 3u);  // ceil(7 × 0.3) = 3
  for (auto id : a) EXPECT_TRUE(std::count(pool.begin(), pool.end(), id));
  EXPECT_EQ(std::set<std::int64_t>(a.begin(), a.end()).size(), a.size());
  EXPECT_EQ(draw("seed-1", pool, 1000).size(), pool.size());
  EXPECT_EQ(draw("seed-1", pool, 1).size(), 1u);
  EXPECT_TRUE(draw("seed-1", {}, 500).empty());
}

TEST(SpotCheckDraw, TheSeedDecidesAndTheCandidateOrderDoesNot) {
  const std::vector<std::int64_t> pool = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
  std::vector<std::int64_t> reversed(pool.rbegin(), pool.rend());
  EXPECT_EQ(draw("s", pool, 250), draw("s", reversed, 250));
  bool differs = false;
  for (int i = 0; i < 8 && !differs; ++i) differs = draw("seed-" + std::to_string(i), pool, 250) != draw("other-" + std::to_string(i), pool, 250);
  EXPECT_TRUE(differs);
}
