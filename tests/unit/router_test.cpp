#include <gtest/gtest.h>

#include "http/router.hpp"

using namespace zp::http;

namespace {
Route route(const char* method, const char* pattern) {
  Route r;
  r.method = method;
  r.pattern = pattern;
  r.handler = [](Call&) { return Response{}; };
  return r;
}
}  // namespace

TEST(Router, MatchesLiteralsAndParameters) {
  Router r;
  r.add(route("GET", "/api/v1/orgs"));
  r.add(route("GET", "/api/v1/orgs/{id}"));
  r.add(route("POST", "/api/v1/orgs/{id}/approve"));
  auto m = r.match("GET", "/api/v1/orgs/42");
  ASSERT_TRUE(m.route);
  EXPECT_EQ(m.route->pattern, "/api/v1/orgs/{id}");
  EXPECT_EQ(m.params.at("id"), "42");
  m = r.match("GET", "/api/v1/orgs");
  ASSERT_TRUE(m.route);
  EXPECT_EQ(m.route->pattern, "/api/v1/orgs");
  EXPECT_TRUE(r.match("POST", "/api/v1/orgs/7/approve").route);
}

TEST(Router, WrongMethodListsAllowed) {
  Router r;
  r.add(route("GET", "/api/v1/users"));
  r.add(route("POST", "/api/v1/users"));
  auto m = r.match("DELETE", "/api/v1/users");
  EXPECT_FALSE(m.route);
  EXPECT_EQ(m.allowed, (std::vector<std::string>{"GET", "POST"}));
}

TEST(Router, HeadUsesGet) {
  Router r;
  r.add(route("GET", "/api/v1/me"));
  EXPECT_TRUE(r.match("HEAD", "/api/v1/me").route);
}

TEST(Router, UnknownPathHasNoAllowed) {
  Router r;
  r.add(route("GET", "/api/v1/me"));
  auto m = r.match("GET", "/api/v1/nope");
  EXPECT_FALSE(m.route);
  EXPECT_TRUE(m.allowed.empty());
  EXPECT_FALSE(r.match("GET", "/api/v1/me/extra").route);
}

TEST(Router, LiteralBeatsParameter) {
  Router r;
  r.add(route("GET", "/api/v1/orgs/{id}"));
  r.add(route("GET", "/api/v1/orgs/tree"));
  EXPECT_EQ(r.match("GET", "/api/v1/orgs/tree").route->pattern, "/api/v1/orgs/tree");
}

TEST(Router, DuplicateRegistrationIsAnError) {
  Router r;
  r.add(route("GET", "/a"));
  EXPECT_THROW(r.add(route("GET", "/a")), std::logic_error);
}
