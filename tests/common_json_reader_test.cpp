// read_json must build exactly nlohmann's tree (types included) for what it accepts, and accept
// nothing that nlohmann rejects.
#include <gtest/gtest.h>
#include <aligncv/json.hpp>

#include <random>
#include <string>
#include <vector>

#include "common/json_reader.hpp"

namespace aligncv {
namespace {

bool same_tree(const Json& a, const Json& b) {
  if (a.type() != b.type()) return false;
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto it = a.begin(), jt = b.begin(); it != a.end(); ++it, ++jt) {
      if (it.key() != jt.key() || !same_tree(*it, *jt)) return false;
    }
    return true;
  }
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!same_tree(a[i], b[i])) return false;
    }
    return true;
  }
  return a == b;
}

// Either both accept with the same tree, or read_json declines (nlohmann then decides).
void check(const std::string& text) {
  Json fast;
  const bool accepted = read_json(text, fast);
  Json reference;
  bool parsed = true;
  try {
    reference = Json::parse(text);
  } catch (const Json::exception&) {
    parsed = false;
  }
  if (accepted) {
    ASSERT_TRUE(parsed) << "accepted what nlohmann rejects: " << text;
    ASSERT_TRUE(same_tree(fast, reference)) << text;
  }
}

const std::vector<std::string> kValid = {
    R"({"title":"Data Engineer","company":"Acme","remote":true,"salary_min":55000,"skills":["Python","SQL"]})",
    R"(  {"a" : [ 1 , -2 , 3.5 , -0 , 0 , 1e3 , 2E-2 , -1.25e+2 ] , "b" : { } , "c" : [ ] }  )",
    R"({"t":true,"f":false,"n":null,"s":"","nested":{"x":{"y":[{"z":"deep"}]}}})",
    R"({"esc":"q\" b\\ s\/ \b\f\n\r\t end","u":"\u00e9\u20AC\ud83d\ude00\u0000\u001f"})",
    "{\"utf8\":\"\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xEF\xBF\xBF \xF4\x8F\xBF\xBF \x7F\"}",
    R"({"dup":1,"dup":"second"})",
    R"({"big":18446744073709551615,"neg":-9223372036854775808,"pos":9223372036854775807})",
    R"([1,2,[3,[4,[5]]]])", R"("just a string")", "42", "-7", "3.14159", "true", "null",
    R"({"x":0.1,"y":123456789.123456789,"z":5e-324,"w":1.7976931348623157e308})",
    "\t\r\n {\"ws\":\"ok\"}\r\n",
};

const std::vector<std::string> kInvalid = {
    "", "   ", "{", "}", "{\"a\":}", "{\"a\" 1}", "{\"a\":1,}", "[1,]", "[1 2]", "{'a':1}",
    "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":-}", "{\"a\":1e}", "{\"a\":+1}",
    "{\"a\":tru}", "{\"a\":nul}", "{\"a\":True}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}",
    "{\"a\":\"\\ud800\"}", "{\"a\":\"\\udc00\"}", "{\"a\":\"\\ud800\\u0041\"}", "{\"a\":\"raw\ttab\"}",
    "{\"a\":\"nl\n\"}", "{\"a\":\"\xC3\x28\"}", "{\"a\":\"\xC0\xAF\"}", "{\"a\":\"\xED\xA0\x80\"}",
    "{\"a\":\"\xF5\x80\x80\x80\"}", "{\"a\":\"\xE2\x82\"}", "{\"a\":\"unterminated}", "{} {}", "{}x",
    "{\"a\":1e400}", "{\"a\":18446744073709551616}", "{\"a\":-9223372036854775809}", "{\"a\":1e-400}",
    "\xEF\xBB\xBF{\"bom\":1}", "/* c */ {}", "{\"a\":NaN}", "{\"a\":Infinity}",
};

TEST(JsonReader, AgreesWithNlohmannOnValidInput) {
  for (const auto& text : kValid) {
    Json fast;
    EXPECT_TRUE(read_json(text, fast)) << text;
    check(text);
  }
}

TEST(JsonReader, DeclinesMalformedOrUnusualInput) {
  for (const auto& text : kInvalid) {
    Json fast;
    check(text);
    if (!Json::accept(text)) {
      EXPECT_FALSE(read_json(text, fast)) << text;
    }
  }
}

TEST(JsonReader, RandomMutationsNeverDisagree) {
  std::mt19937 rng(20251126);
  const std::string alphabet = "{}[]\":,.-+eE0123456789 \t\r\ntrufalsn\\/bu\x01\x7f\xC3\xA9\xE2\x82\xAC\xF0\x9F\xED\xA0";
  for (int round = 0; round < 20000; ++round) {
    std::string text = kValid[rng() % kValid.size()];
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits && !text.empty(); ++e) {
      const std::size_t at = rng() % text.size();
      switch (rng() % 3) {
        case 0: text.erase(at, 1); break;
        case 1: text.insert(at, 1, alphabet[rng() % alphabet.size()]); break;
        default: text[at] = alphabet[rng() % alphabet.size()]; break;
      }
    }
    check(text);
  }
}

TEST(JsonReader, LeavesDeepNestingToNlohmann) {
  std::string deep(100, '[');
  deep += std::string(100, ']');
  Json fast;
  EXPECT_FALSE(read_json(deep, fast));
  std::string shallow(60, '[');
  shallow += std::string(60, ']');
  EXPECT_TRUE(read_json(shallow, fast));
  check(shallow);
}

}  // namespace
}  // namespace aligncv
