#include <aligncv/auth.hpp>

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace aligncv::auth {
namespace {

TEST(AuthEmailTest, AcceptsOrdinaryAndUnusualButValidAddresses) {
  const std::vector<std::string> valid = {
      "user@example.com",
      "jane.doe@example.com",
      "first.last+tag@sub.example.co.uk",
      "a!#$%&'*+-/=?^_`{|}~@example.com",
      "x@a-b.example",
      "User.Name@EXAMPLE.COM",
      "1234@example.org",
      "user@123.example.com",
      "user@xn--bcher-kva.example",
      std::string(64, 'a') + "@example.com",
  };
  for (const std::string& email : valid) EXPECT_EQ(email_problem(email), "") << email;
}

TEST(AuthEmailTest, ExplainsWhatIsWrongLikeEmailValidator) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"userexample.com", "An email address must have an @-sign."},
      {"", "An email address must have an @-sign."},
      {"@example.com", "There must be something before the @-sign."},
      {"user@", "There must be something after the @-sign."},
      {"user@localhost", "The part after the @-sign is not valid. It should have a period."},
      {".user@example.com", "An email address cannot start with a period."},
      {"user.@example.com", "An email address cannot have a period immediately before the @-sign."},
      {"us..er@example.com", "An email address cannot have two periods in a row."},
      {"a@b@example.com", "The email address contains invalid characters before the @-sign: '@'."},
      {"us er@example.com",
       "The email address contains invalid characters before the @-sign: SPACE."},
      {"user(comment)@example.com",
       "The email address contains invalid characters before the @-sign: '(', ')'."},
      {"\"quoted\"@example.com",
       "The email address contains invalid characters before the @-sign: '\"'."},
      {"j\xC3\xB6hn@example.com",
       "The email address contains invalid characters before the @-sign: '\xC3\xB6'."},
      {"user@exa_mple.com", "The part after the @-sign contains invalid characters: '_'."},
      {"user@exa mple.com", "The part after the @-sign contains invalid characters: SPACE."},
      {"user@.example.com", "An email address cannot have a period immediately after the @-sign."},
      {"user@example.com.", "An email address cannot end with a period."},
      {"user@example..com", "An email address cannot have two periods in a row."},
      {"user@-example.com", "An email address cannot have a hyphen immediately after the @-sign."},
      {"user@example.com-", "An email address cannot end with a hyphen."},
      {"user@example-.com",
       "An email address cannot have a period and a hyphen next to each other."},
      {"user@sub.-example.com",
       "An email address cannot have a period and a hyphen next to each other."},
      {"user@example.123",
       "The part after the @-sign is not valid. It is not within a valid top-level domain."},
  };
  for (const auto& [email, reason] : cases) EXPECT_EQ(email_problem(email), reason) << email;
}

TEST(AuthEmailTest, EnforcesTheLengthLimits) {
  EXPECT_EQ(email_problem(std::string(65, 'a') + "@example.com"),
            "The email address is too long before the @-sign (1 character too many).");
  EXPECT_EQ(email_problem(std::string(67, 'a') + "@example.com"),
            "The email address is too long before the @-sign (3 characters too many).");

  EXPECT_EQ(email_problem("user@" + std::string(63, 'a') + ".com"), "");
  EXPECT_EQ(email_problem("user@" + std::string(64, 'a') + ".com"),
            "After the @-sign, periods cannot be separated by so many characters "
            "(1 character too many).");

  // 64 + 1 + 189 = 254 characters is the longest allowed address.
  std::string local(64, 'l');
  std::string domain189 =
      std::string(63, 'a') + "." + std::string(63, 'b') + "." + std::string(61, 'c');
  ASSERT_EQ((local + "@" + domain189).size(), 254u);
  EXPECT_EQ(email_problem(local + "@" + domain189), "");
  EXPECT_EQ(email_problem(local + "@" + domain189 + "c"),
            "The email address is too long (1 character too many).");
  EXPECT_EQ(email_problem(local + "@" + domain189 + ".cc"),
            "The email address is too long (3 characters too many).");

  std::string domain254 = std::string(63, 'a') + "." + std::string(63, 'b') + "." +
                          std::string(63, 'c') + "." + std::string(62, 'd');
  ASSERT_EQ(domain254.size(), 254u);
  EXPECT_EQ(email_problem("u@" + domain254), "The email address is too long after the @-sign.");
}

TEST(AuthEmailTest, RejectsInvalidUtf8) {
  EXPECT_NE(email_problem("us\xFF"
                          "er@example.com"),
            "");
}

TEST(AuthEmailTest, NormalizeTrimsAndLowerCasesOnlyTheDomain) {
  EXPECT_EQ(normalize_email("  Jane.Doe@Example.COM \n"), "Jane.Doe@example.com");
  EXPECT_EQ(normalize_email("user@example.com"), "user@example.com");
  EXPECT_EQ(normalize_email("\tNoAtSign "), "NoAtSign");
}

TEST(AuthEmailTest, KeyLowerCasesTheWholeAddress) {
  EXPECT_EQ(email_key("  Jane.Doe@Example.COM \n"), "jane.doe@example.com");
  EXPECT_EQ(email_key("JANE.DOE@example.com"), email_key("jane.doe@EXAMPLE.com"));
}

}  // namespace
}  // namespace aligncv::auth
