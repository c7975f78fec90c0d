// The HTTP face's route table: path matching, slash forms, literal-over-parameter, 405 Allow
// lists and HEAD (api-v2.md §1.1).
// The face's private headers are not on the test target's include path; include them by path.
#include "../bindings/http/src/context.hpp"
#include "../bindings/http/src/router.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace aligncv::http {
namespace {

Handler noop() {
  return [](RequestContext&) { return Reply{}; };
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    add(Method::Get, "/v2");
    add(Method::Get, "/v2/health");
    add(Method::Get, "/v2/jobs");
    add(Method::Get, "/v2/jobs/stats");
    add(Method::Get, "/v2/jobs/{job_id}");
    add(Method::Delete, "/v2/jobs/bookmarks/{id}");
    add(Method::Get, "/v2/jobs/bookmarks");
    add(Method::Post, "/v2/jobs/bookmarks");
    add(Method::Put, "/v2/auth/preferences");
    add(Method::Patch, "/v2/auth/preferences");
    add(Method::Get, "/v2/auth/preferences");
    add(Method::Get, "/v2/documents/{doc_id}/file");
    add(Method::Get, "/");
  }
  void add(Method method, const std::string& pattern) {
    router.add(method, pattern, AuthKind::None, BodyKind::None, doc("s", "t"), noop());
  }
  std::string matched(Method method, std::string_view path) {
    auto m = router.match(method, path);
    return m.route ? m.route->pattern : (m.node ? "405" : "404");
  }
  Router router;
};

TEST_F(RouterTest, MatchesLiteralPaths) {
  EXPECT_EQ(matched(Method::Get, "/v2/health"), "/v2/health");
  EXPECT_EQ(matched(Method::Get, "/v2"), "/v2");
  EXPECT_EQ(matched(Method::Get, "/"), "/");
}

TEST_F(RouterTest, ServesBothSlashForms) {
  EXPECT_EQ(matched(Method::Get, "/v2/"), "/v2");
  EXPECT_EQ(matched(Method::Get, "/v2/health/"), "/v2/health");
  EXPECT_EQ(matched(Method::Get, "/v2/jobs/"), "/v2/jobs");
  EXPECT_EQ(matched(Method::Get, "/v2/jobs/abc/"), "/v2/jobs/{job_id}");
}

TEST_F(RouterTest, UnknownPathsAreNotFound) {
  EXPECT_EQ(matched(Method::Get, "/v2/nope"), "404");
  EXPECT_EQ(matched(Method::Get, "/v2/health/extra"), "404");
  EXPECT_EQ(matched(Method::Get, "/v2//health"), "404");
  EXPECT_EQ(matched(Method::Get, "/v2/health//"), "404");
  EXPECT_EQ(matched(Method::Get, "/V2/health"), "404");  // case-sensitive
  EXPECT_EQ(matched(Method::Get, ""), "/");
}

TEST_F(RouterTest, LiteralBeatsParameter) {
  EXPECT_EQ(matched(Method::Get, "/v2/jobs/stats"), "/v2/jobs/stats");
  EXPECT_EQ(matched(Method::Get, "/v2/jobs/bookmarks"), "/v2/jobs/bookmarks");
  EXPECT_EQ(matched(Method::Get, "/v2/jobs/statsx"), "/v2/jobs/{job_id}");
  // The literal resource exists, so a method it lacks is 405, not the parameter route.
  EXPECT_EQ(matched(Method::Delete, "/v2/jobs/stats"), "405");
}

TEST_F(RouterTest, FallsBackToParameterWhenLiteralBranchDeadEnds) {
  Router r;
  r.add(Method::Get, "/a/{x}/c", AuthKind::None, BodyKind::None, doc("s", "t"), noop());
  r.add(Method::Get, "/a/b", AuthKind::None, BodyKind::None, doc("s", "t"), noop());
  auto m = r.match(Method::Get, "/a/b/c");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/a/{x}/c");
  ASSERT_EQ(m.params.size(), 1u);
  EXPECT_EQ(m.params[0].second, "b");
}

TEST_F(RouterTest, CapturesAndDecodesParameters) {
  auto m = router.match(Method::Get, "/v2/documents/a%20b%2Fc/file");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/v2/documents/{doc_id}/file");
  ASSERT_EQ(m.params.size(), 1u);
  EXPECT_EQ(m.params[0].first, "doc_id");
  EXPECT_EQ(m.params[0].second, "a b/c");  // an encoded slash stays inside the parameter
  EXPECT_EQ(matched(Method::Get, "/v2/documents//file"), "404");  // empty id
}

TEST_F(RouterTest, WrongMethodListsAllowedMethods) {
  auto m = router.match(Method::Delete, "/v2/auth/preferences");
  ASSERT_NE(m.node, nullptr);
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(Router::allow_header(*m.node), "GET, HEAD, PUT, PATCH, OPTIONS");
  auto bookmarks = router.match(Method::Put, "/v2/jobs/bookmarks/");
  ASSERT_NE(bookmarks.node, nullptr);
  EXPECT_EQ(Router::allow_header(*bookmarks.node), "GET, HEAD, POST, OPTIONS");
  auto del = router.match(Method::Get, "/v2/jobs/bookmarks/x1");
  ASSERT_NE(del.node, nullptr);
  EXPECT_EQ(del.route, nullptr);
  EXPECT_EQ(Router::allow_header(*del.node), "DELETE, OPTIONS");
}

TEST_F(RouterTest, HeadUsesTheGetRoute) {
  EXPECT_EQ(matched(Method::Head, "/v2/health"), "/v2/health");
  EXPECT_EQ(matched(Method::Head, "/v2/jobs/bookmarks/x"), "405");  // DELETE only
}

TEST_F(RouterTest, OptionsFindsThePathButNoRoute) {
  auto m = router.match(Method::Options, "/v2/health");
  EXPECT_NE(m.node, nullptr);
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(router.match(Method::Options, "/v2/unknown").node, nullptr);
}

TEST_F(RouterTest, RejectsDuplicateAndMalformedRoutes) {
  EXPECT_THROW(add(Method::Get, "/v2/health/"), std::logic_error);
  EXPECT_THROW(add(Method::Get, "v2/x"), std::logic_error);
  EXPECT_THROW(add(Method::Head, "/v2/y"), std::logic_error);
  EXPECT_THROW(add(Method::Get, "/v2/jobs/{other}/z"), std::logic_error);  // conflicting name
}

TEST(RouterHelpers, SplitsAndDecodesPaths) {
  EXPECT_TRUE(split_path("/").empty());
  EXPECT_TRUE(split_path("").empty());
  EXPECT_EQ(split_path("/a/b/").size(), 2u);
  EXPECT_EQ(split_path("//a").size(), 2u);
  EXPECT_EQ(percent_decode("%41%zz%4"), "A%zz%4");
  EXPECT_EQ(percent_decode("a+b"), "a+b");
  EXPECT_EQ(parse_method("PATCH"), Method::Patch);
  EXPECT_FALSE(parse_method("patch").has_value());
  EXPECT_STREQ(method_name(Method::Delete), "DELETE");
}

}  // namespace
}  // namespace aligncv::http
