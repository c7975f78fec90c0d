// The optional LLM path against a loopback stand-in speaking the OpenAI chat-completions protocol:
// success, tolerant JSON extraction, and every cause of a fallback to the local result.
#include <aligncv/json.hpp>
#include <aligncv/rewrite.hpp>

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <deque>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace aligncv::rewrite {
namespace {

const taxonomy::Taxonomy& tax() { return taxonomy::Taxonomy::builtin(); }

const char* kResume = R"(Jane Doe
jane.doe@example.com | +49 30 1234567

EXPERIENCE
Northwind Analytics, Berlin | Mar 2020 – Present
Senior Backend Engineer
- Responsible for the billing API used by 40 utilities
- Helped build the invoicing pipeline in Python

SKILLS
Python, PostgreSQL
)";

const char* kRewritten = R"(Jane Doe
jane.doe@example.com | +49 30 1234567

EXPERIENCE
Northwind Analytics, Berlin | Mar 2020 – Present
Senior Backend Engineer
- Owned the billing API used by 40 utilities
- Built the invoicing pipeline in Python

SKILLS
Python, PostgreSQL
)";

struct Reply {
  Reply() = default;
  Reply(int s, std::string b, std::string c = {}, std::chrono::milliseconds d = {})
      : status(s), body(std::move(b)), content(std::move(c)), delay(d) {}
  int status = 200;
  std::string body;  // the whole HTTP body; empty: a completion whose content is `content`
  std::string content;
  std::chrono::milliseconds delay{0};
};

std::string completion(const std::string& content) {
  return Json{{"id", "x"}, {"object", "chat.completion"},
              {"choices", Json::array({{{"index", 0}, {"message", {{"role", "assistant"}, {"content", content}}}}})}}
      .dump();
}

// POST /v1/chat/completions on 127.0.0.1, answering from a script of replies.
class ChatServer {
 public:
  ChatServer() {
    server_.Post("/v1/chat/completions", [this](const httplib::Request& req, httplib::Response& res) {
      Reply reply;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        authorization_.push_back(req.get_header_value("Authorization"));
        requests_.push_back(Json::parse(req.body, nullptr, false));
        if (!script_.empty()) {
          reply = script_.front();
          script_.pop_front();
        }
      }
      auto until = std::chrono::steady_clock::now() + reply.delay;
      while (!stopping_ && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(10));
      res.status = reply.status;
      res.set_content(reply.body.empty() ? completion(reply.content) : reply.body, "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    if (port_ <= 0) throw std::runtime_error("could not bind a loopback port");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~ChatServer() {
    stopping_ = true;
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    server_.stop();
    thread_.join();
  }
  void script(std::vector<Reply> replies) {
    std::lock_guard<std::mutex> lock(mutex_);
    script_.assign(replies.begin(), replies.end());
  }
  std::size_t requests() {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_.size();
  }
  Json last_request() {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_.back();
  }
  std::string last_authorization() {
    std::lock_guard<std::mutex> lock(mutex_);
    return authorization_.back();
  }
  LlmConfig config(int timeout = 5) const {
    return {"http://127.0.0.1:" + std::to_string(port_) + "/v1/", "sk-test", "test-model", timeout};
  }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::deque<Reply> script_;
  std::vector<Json> requests_;
  std::vector<std::string> authorization_;
};

std::string answer(const std::string& text) {
  return Json{{"rewritten_text", text}, {"improvements", {"Stronger verbs"}}, {"suggestions", Json::array()}}.dump();
}

const Source& source() {
  static const Source s = make_source(kResume, tax());
  return s;
}

void expect_fallback(const RewriteResult& r, const std::string& cause) {
  EXPECT_EQ(r.status.api_status, "fallback");
  EXPECT_EQ(r.status.warning.value_or(""), "LLM API error (" + cause + ") - local result returned");
  ASSERT_FALSE(r.improvements.empty());
  EXPECT_EQ(r.improvements[0], "LLM API unavailable - local engine used");
  EXPECT_NE(r.rewritten_text.find("- Owned the billing API"), std::string::npos);  // the local result
}

TEST(RewriteLlm, UsesTheModelsAnswerWhenItPassesTheGuard) {
  ChatServer server;
  server.script({{200, "", answer(kRewritten)}});
  const RewriteResult r = Rewriter(tax(), server.config()).rewrite(source(), Style::Technical);
  EXPECT_EQ(r.status.api_status, "success");
  EXPECT_FALSE(r.status.warning.has_value());
  EXPECT_EQ(r.rewritten_text, kRewritten);
  EXPECT_EQ(r.improvements, std::vector<std::string>{"Stronger verbs"});
  EXPECT_NE(r.diff_html.find("<ins>Owned</ins>"), std::string::npos);
  EXPECT_EQ(server.last_authorization(), "Bearer sk-test");
  EXPECT_EQ(server.last_request()["model"], "test-model");
  EXPECT_EQ(server.last_request()["messages"].size(), 2u);
}

TEST(RewriteLlm, FindsTheObjectInCodeFencesAndProse) {
  ChatServer server;
  server.script({{200, "", "Here you go:\n```json\n" + answer(kRewritten) + "\n```\nHope it helps."},
                 {200, "", "Sure! " + answer(kRewritten) + " Let me know."}});
  Rewriter rw(tax(), server.config());
  EXPECT_EQ(rw.rewrite(source(), Style::Technical).status.api_status, "success");
  EXPECT_EQ(rw.rewrite(source(), Style::Technical).status.api_status, "success");
}

TEST(RewriteLlm, FallsBackOnContentThatIsNotJson) {
  ChatServer server;
  server.script({{200, "", "I rewrote your résumé, it looks great now."}});
  expect_fallback(Rewriter(tax(), server.config()).rewrite(source(), Style::Technical), "invalid response");
}

TEST(RewriteLlm, FallsBackOnAMalformedBody) {
  ChatServer server;
  server.script({{200, "{\"choices\": 42}"}});
  expect_fallback(Rewriter(tax(), server.config()).rewrite(source(), Style::Technical), "invalid response");
  server.script({{200, "<html>gateway</html>"}});
  expect_fallback(Rewriter(tax(), server.config()).rewrite(source(), Style::Technical), "invalid response");
}

TEST(RewriteLlm, FallsBackOnATimeout) {
  ChatServer server;
  server.script({{200, "", answer(kRewritten), std::chrono::milliseconds(2500)}});
  expect_fallback(Rewriter(tax(), server.config(1)).rewrite(source(), Style::Technical), "timeout");
}

TEST(RewriteLlm, FallsBackOn401WithoutRetrying) {
  ChatServer server;
  server.script({{401, "{\"error\": {\"message\": \"bad key\"}}"}});
  expect_fallback(Rewriter(tax(), server.config()).rewrite(source(), Style::Technical), "HTTP 401");
  EXPECT_EQ(server.requests(), 1u);
}

TEST(RewriteLlm, RetriesOnceAfter429) {
  ChatServer server;
  server.script({{429, "{\"error\": \"slow down\"}"}, {200, "", answer(kRewritten)}});
  const RewriteResult r = Rewriter(tax(), server.config()).rewrite(source(), Style::Technical);
  EXPECT_EQ(r.status.api_status, "success");
  EXPECT_EQ(server.requests(), 2u);
  server.script({{503, "busy"}, {503, "busy"}});
  expect_fallback(Rewriter(tax(), server.config()).rewrite(source(), Style::Technical), "HTTP 503");
  EXPECT_EQ(server.requests(), 4u);
}

TEST(RewriteLlm, RejectsAFabricatedEmployer) {
  ChatServer server;
  std::string invented = std::string(kRewritten) + "\nGlobex Corporation, Berlin | Jan 2015 – Dec 2016\nChief Technology Officer\n- Led 200 engineers\n";
  invented.replace(invented.find("\nSKILLS\nPython, PostgreSQL\n"), 26, "\n");
  server.script({{200, "", answer(invented)}});
  expect_fallback(Rewriter(tax(), server.config()).rewrite(source(), Style::Technical), "fabricated content");
}

TEST(RewriteLlm, FallsBackWhenNothingListens) {
  LlmConfig config{"http://127.0.0.1:1/v1", "", "m", 2};
  expect_fallback(Rewriter(tax(), config).rewrite(source(), Style::Technical), "connection failed");
}

TEST(RewriteLlm, OtherKindsFallBackTheSameWay) {
  ChatServer server;
  server.script({{500, "x"}, {500, "x"}, {200, "", "{\"text\": \"Too short.\"}"}, {200, "", "{\"headline\": \"Ok\"}"}});
  const char* job = "We need a backend engineer with Python and PostgreSQL for our billing platform in Berlin.";
  Rewriter rw(tax(), server.config());
  const TailorResult t = rw.tailor(source(), job, Level::Moderate);
  EXPECT_EQ(t.status.api_status, "fallback");
  EXPECT_EQ(t.changes_made.at(0), "LLM API unavailable - local engine used");
  const CoverLetter c = rw.cover_letter(source(), {job, std::nullopt}, Tone::Professional);
  EXPECT_EQ(c.status.warning.value_or(""), "LLM API error (invalid response) - local result returned");
  EXPECT_GE(c.word_count, 250);
  const LinkedInProfile l = rw.linkedin(source());
  EXPECT_EQ(l.status.api_status, "fallback");
  EXPECT_EQ(to_json(l)["api_status"], "fallback");
}

TEST(RewriteLlm, WithoutConfigurationEveryResultIsLocal) {
  const RewriteResult r = Rewriter(tax()).rewrite(source(), Style::Technical);
  EXPECT_EQ(r.status.api_status, "local");
  EXPECT_TRUE(to_json(r)["warning"].is_null());
  EXPECT_NE(r.improvements.at(0), "LLM API unavailable - local engine used");
}

}  // namespace
}  // namespace aligncv::rewrite
