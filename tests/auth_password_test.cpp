#include <aligncv/auth.hpp>
#include <aligncv/error.hpp>

#include <gtest/gtest.h>

#include <string>

#include "common/text.hpp"

namespace aligncv::auth {
namespace {

// Cheap parameters keep the suite fast; one test checks the production defaults.
Argon2Params cheap(uint32_t memory_kib = 256, uint32_t iterations = 1, uint32_t parallelism = 1) {
  Argon2Params p;
  p.memory_kib = memory_kib;
  p.iterations = iterations;
  p.parallelism = parallelism;
  return p;
}

// `count` code points: ASCII letters with a two-byte character every tenth position.
std::string long_password(int count, char at_100 = 'x') {
  std::string out;
  for (int i = 0; i < count; ++i) {
    if (i == 99)
      out += at_100;
    else if (i % 10 == 0)
      out += "\xC3\xA9";  // é
    else
      out += static_cast<char>('a' + i % 26);
  }
  return out;
}

TEST(AuthPasswordTest, HashIsAnArgon2idPhcStringWithTheConfiguredCost) {
  PasswordHasher hasher{Argon2Params{}};
  std::string phc = hasher.hash("correct horse battery staple");
  EXPECT_EQ(phc.rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << phc;
  EXPECT_TRUE(hasher.verify(phc, "correct horse battery staple"));
  EXPECT_FALSE(hasher.needs_rehash(phc));
}

TEST(AuthPasswordTest, VerifiesTheRightPasswordAndRejectsAWrongOne) {
  PasswordHasher hasher(cheap());
  std::string phc = hasher.hash("s3cret-password");
  EXPECT_TRUE(hasher.verify(phc, "s3cret-password"));
  EXPECT_FALSE(hasher.verify(phc, "s3cret-passwore"));
  EXPECT_FALSE(hasher.verify(phc, "S3cret-password"));
  EXPECT_FALSE(hasher.verify(phc, ""));
}

TEST(AuthPasswordTest, TwoHashesOfOnePasswordDifferBecauseOfTheSalt) {
  PasswordHasher hasher(cheap());
  std::string a = hasher.hash("same password");
  std::string b = hasher.hash("same password");
  EXPECT_NE(a, b);
  EXPECT_TRUE(hasher.verify(a, "same password"));
  EXPECT_TRUE(hasher.verify(b, "same password"));
}

TEST(AuthPasswordTest, MalformedHashesVerifyAsFalseWithoutThrowing) {
  PasswordHasher hasher(cheap());
  std::string good = hasher.hash("password123");
  const std::string malformed[] = {
      "",
      "password123",
      "$argon2id$",
      "$argon2id$v=19$m=256,t=1,p=1$",
      good.substr(0, good.size() - 5),
      good + "$extra",
      std::string("$argon2i") + good.substr(9),  // argon2i, not argon2id
      "$argon2id$v=19$m=abc,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNo",
      "$argon2id$v=19$m=256,t=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNo",
      "$argon2id$v=19$m=256,t=1,p=1$!!!not-base64!!!$aGFzaGhhc2hoYXNo",
      "$2b$12$abcdefghijklmnopqrstuuJ8QjG6vZ0c2w8m0y8ZgU4R6tX3aB1Qe",  // bcrypt
      std::string(good).insert(20, 1, '\0'),
  };
  for (const std::string& phc : malformed) {
    EXPECT_NO_THROW(EXPECT_FALSE(hasher.verify(phc, "password123")) << phc);
    EXPECT_TRUE(hasher.needs_rehash(phc)) << phc;
  }
}

TEST(AuthPasswordTest, NeedsRehashWhenAnyParameterChanges) {
  PasswordHasher current(cheap(256, 1, 1));
  std::string phc = current.hash("password123");
  EXPECT_FALSE(current.needs_rehash(phc));
  EXPECT_TRUE(PasswordHasher(cheap(512, 1, 1)).needs_rehash(phc));
  EXPECT_TRUE(PasswordHasher(cheap(256, 2, 1)).needs_rehash(phc));
  EXPECT_TRUE(PasswordHasher(cheap(256, 1, 2)).needs_rehash(phc));
  // A hash made at another cost still verifies: the cost is read from the PHC string.
  EXPECT_TRUE(PasswordHasher(cheap(512, 2, 2)).verify(phc, "password123"));
}

TEST(AuthPasswordTest, UnicodePasswordsAreComparedAsSent) {
  PasswordHasher hasher(cheap());
  std::string password =
      "p\xC3\xA4sswort-\xE6\x97\xA5\xE6\x9C\xAC-\xF0\x9F\x94\x90";  // pässwort-日本-🔐
  std::string phc = hasher.hash(password);
  EXPECT_TRUE(hasher.verify(phc, password));
  // The decomposed spelling of ä (a + U+0308) is a different password: no normalisation.
  EXPECT_FALSE(hasher.verify(phc, "pa\xCC\x88sswort-\xE6\x97\xA5\xE6\x9C\xAC-\xF0\x9F\x94\x90"));
}

TEST(AuthPasswordTest, A128CharacterPasswordIsNotTruncated) {
  PasswordHasher hasher(cheap());
  std::string password = long_password(kPasswordMaxLength, 'x');
  std::string differs_at_100 = long_password(kPasswordMaxLength, 'y');
  ASSERT_EQ(utf8_length(password), 128u);
  ASSERT_EQ(password.size(), differs_at_100.size());
  int differing_bytes = 0;
  for (std::size_t i = 0; i < password.size(); ++i)
    differing_bytes += password[i] != differs_at_100[i];
  ASSERT_EQ(differing_bytes, 1);
  std::string phc = hasher.hash(password);
  EXPECT_TRUE(hasher.verify(phc, password));
  EXPECT_FALSE(hasher.verify(phc, differs_at_100));
  EXPECT_FALSE(hasher.verify(phc, password.substr(0, password.size() - 1)));
}

TEST(AuthPasswordTest, VerifyDummyRunsWithoutThrowing) {
  PasswordHasher hasher(cheap());
  EXPECT_NO_THROW(hasher.verify_dummy("whatever password"));
  EXPECT_NO_THROW(hasher.verify_dummy(""));
}

TEST(AuthPasswordTest, AMovedHasherKeepsWorking) {
  PasswordHasher first(cheap());
  std::string phc = first.hash("password123");
  PasswordHasher second(std::move(first));
  EXPECT_TRUE(second.verify(phc, "password123"));
  EXPECT_FALSE(second.needs_rehash(phc));
}

TEST(AuthPasswordTest, ParametersArgon2RefusesAreRejectedAtConstruction) {
  try {
    PasswordHasher hasher(cheap(256, 0, 1));  // zero iterations
    FAIL() << "expected an Error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::InvalidArgument);
  }
  EXPECT_THROW(PasswordHasher(cheap(4, 1, 1)), Error);  // below 8 KiB per lane
}

}  // namespace
}  // namespace aligncv::auth
