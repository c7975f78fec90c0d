// The OpenAI-compatible embeddings client against a loopback stand-in speaking that protocol.
#include <aligncv/error.hpp>
#include <aligncv/json.hpp>
#include <aligncv/match.hpp>

#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <deque>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace aligncv::match {
namespace {

// The stand-in's embedding of a text: unnormalised, distinct for the texts used here.
std::vector<double> raw_vector(const std::string& text) {
  return {static_cast<double>(text.size()), 2.0, text.empty() ? 0.0 : 1.0 * text[0]};
}

std::vector<float> normalised(const std::string& text) {
  std::vector<double> raw = raw_vector(text);
  double norm = 0;
  for (double x : raw) norm += x * x;
  std::vector<float> out;
  for (double x : raw) out.push_back(static_cast<float>(x / std::sqrt(norm)));
  return out;
}

// What the stand-in answers to one request; by default it embeds the inputs.
struct Reply {
  int status = 200;
  std::string body;  // empty: {"data": [...]} for the request's inputs
  bool reversed = false;
  std::chrono::milliseconds delay{0};
};

// POST /v1/embeddings on 127.0.0.1 with a random port. Records every request it receives and
// answers from a script of replies, then with the default reply.
class EmbeddingsServer {
 public:
  struct Received {
    Json body;
    std::string authorization;  // empty when the header is absent
  };

  EmbeddingsServer() {
    server_.Post("/v1/embeddings", [this](const httplib::Request& req, httplib::Response& res) {
      Reply reply;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        received_.push_back(
            {Json::parse(req.body, nullptr, false),
             req.has_header("Authorization") ? req.get_header_value("Authorization") : ""});
        if (!script_.empty()) {
          reply = script_.front();
          script_.pop_front();
        }
      }
      // Sleeps in steps so that stopping the server does not wait for a slow reply.
      auto until = std::chrono::steady_clock::now() + reply.delay;
      while (!stopping_ && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      res.status = reply.status;
      res.set_content(reply.body.empty() ? embed(req.body, reply.reversed) : reply.body,
                      "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    if (port_ <= 0) throw std::runtime_error("could not bind a loopback port");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~EmbeddingsServer() {
    stopping_ = true;
    // stop() is a no-op until the accept loop runs.
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    server_.stop();
    thread_.join();
  }

  void script(std::vector<Reply> replies) {
    std::lock_guard<std::mutex> lock(mutex_);
    script_.assign(replies.begin(), replies.end());
  }
  std::vector<Received> received() {
    std::lock_guard<std::mutex> lock(mutex_);
    return received_;
  }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1"; }

 private:
  static std::string embed(const std::string& request_body, bool reversed) {
    Json request = Json::parse(request_body);
    Json data = Json::array();
    for (std::size_t i = 0; i < request["input"].size(); ++i) {
      data.push_back({{"object", "embedding"},
                      {"index", i},
                      {"embedding", raw_vector(request["input"][i].get<std::string>())}});
    }
    if (reversed) std::reverse(data.begin(), data.end());
    return Json{{"object", "list"}, {"data", data}, {"model", request["model"]}}.dump();
  }

  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::deque<Reply> script_;
  std::vector<Received> received_;
};

class OpenAiEmbedderTest : public ::testing::Test {
 protected:
  EmbeddingsConfig config() const {
    EmbeddingsConfig config;
    config.base_url = server_.base_url();
    config.api_key = "sk-test-secret";
    config.model = "test-model";
    config.timeout_seconds = 5;
    return config;
  }
  std::shared_ptr<Embedder> embedder() const { return make_openai_embedder(config()); }

  // The Error that embed() throws; fails the test when it returns instead.
  Error embed_error(Embedder& embedder, const std::vector<std::string>& texts) {
    try {
      embedder.embed(texts);
    } catch (const Error& e) {
      return e;
    }
    ADD_FAILURE() << "embed() did not throw";
    return Error(ErrorCode::Internal, "");
  }

  EmbeddingsServer server_;
};

void expect_vectors(const std::vector<std::vector<float>>& got,
                    const std::vector<std::string>& texts) {
  ASSERT_EQ(got.size(), texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    std::vector<float> want = normalised(texts[i]);
    ASSERT_EQ(got[i].size(), want.size()) << texts[i];
    for (std::size_t d = 0; d < want.size(); ++d) EXPECT_NEAR(got[i][d], want[d], 1e-6) << texts[i];
  }
}

TEST_F(OpenAiEmbedderTest, EmbedsInBatchesWithTheModelAndBearerKey) {
  std::vector<std::string> texts = {"a", "bb", "ccc", "dddd", "eeeee"};
  EmbeddingsConfig c = config();
  c.batch_size = 2;
  auto vectors = make_openai_embedder(c)->embed(texts);
  expect_vectors(vectors, texts);

  auto received = server_.received();
  ASSERT_EQ(received.size(), 3u);
  std::vector<std::string> sent;
  for (const auto& r : received) {
    EXPECT_EQ(r.body["model"], "test-model");
    EXPECT_EQ(r.authorization, "Bearer sk-test-secret");
    for (const Json& text : r.body["input"]) sent.push_back(text.get<std::string>());
  }
  EXPECT_EQ(received[0].body["input"].size(), 2u);
  EXPECT_EQ(received[1].body["input"].size(), 2u);
  EXPECT_EQ(received[2].body["input"].size(), 1u);
  EXPECT_EQ(sent, texts);
}

TEST_F(OpenAiEmbedderTest, SendsNoAuthorizationWithoutAKey) {
  EmbeddingsConfig c;
  c.base_url = server_.base_url() + "/";  // a trailing slash is tolerated
  c.model = "local";
  expect_vectors(make_openai_embedder(c)->embed({"x"}), {"x"});
  ASSERT_EQ(server_.received().size(), 1u);
  EXPECT_EQ(server_.received()[0].authorization, "");
}

TEST_F(OpenAiEmbedderTest, CachedTextsAreNotSentAgain) {
  auto e = embedder();
  e->embed({"alpha", "beta"});
  ASSERT_EQ(server_.received().size(), 1u);

  expect_vectors(e->embed({"beta", "alpha"}), {"beta", "alpha"});
  EXPECT_EQ(server_.received().size(), 1u);  // all hits: nothing sent

  // Only the new text goes out, once however often it repeats.
  expect_vectors(e->embed({"alpha", "gamma!", "gamma!"}), {"alpha", "gamma!", "gamma!"});
  auto received = server_.received();
  ASSERT_EQ(received.size(), 2u);
  EXPECT_EQ(received[1].body["input"], Json::array({"gamma!"}));
}

TEST_F(OpenAiEmbedderTest, TheCacheDropsTheLeastRecentlyUsedBeyondItsCapacity) {
  EmbeddingsConfig c = config();
  c.cache_entries = 2;
  auto e = make_openai_embedder(c);
  e->embed({"a", "bb"});
  e->embed({"a"});    // a hit: "a" becomes the most recently used
  e->embed({"ccc"});  // evicts "bb"
  ASSERT_EQ(server_.received().size(), 2u);
  e->embed({"a", "ccc"});
  EXPECT_EQ(server_.received().size(), 2u);
  e->embed({"bb"});
  EXPECT_EQ(server_.received().size(), 3u);
}

TEST_F(OpenAiEmbedderTest, ConcurrentCallsGetTheirOwnVectors) {
  auto e = embedder();
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 20; ++round) {
        std::vector<std::string> texts = {std::string(1 + (t + round) % 7, 'x'), "shared"};
        auto got = e->embed(texts);
        for (std::size_t i = 0; i < texts.size(); ++i) {
          std::vector<float> want = normalised(texts[i]);
          for (std::size_t d = 0; d < want.size(); ++d) {
            if (std::fabs(got[i].at(d) - want[d]) > 1e-6) ++wrong;
          }
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_LT(server_.received().size(), 80u);  // later rounds are served from the cache
}

TEST_F(OpenAiEmbedderTest, OrdersVectorsByIndex) {
  server_.script({Reply{200, "", /*reversed=*/true}});
  std::vector<std::string> texts = {"one", "three", "fifteen"};
  expect_vectors(embedder()->embed(texts), texts);
}

TEST_F(OpenAiEmbedderTest, EmptyInputSendsNothing) {
  EXPECT_TRUE(embedder()->embed({}).empty());
  EXPECT_TRUE(server_.received().empty());
}

TEST_F(OpenAiEmbedderTest, UnauthorizedIsUnavailableWithoutTheKey) {
  server_.script(
      {Reply{401, R"({"error":{"message":"Incorrect API key provided: sk-test-secret"}})"}});
  auto e = embedder();
  Error error = embed_error(*e, {"a"});
  EXPECT_EQ(error.code(), ErrorCode::Unavailable);
  EXPECT_EQ(error.detail(), "Embeddings service failed: HTTP 401");
  EXPECT_EQ(std::string(error.what()).find("sk-test"), std::string::npos);
  EXPECT_EQ(server_.received().size(), 1u);  // a client error is not retried
}

TEST_F(OpenAiEmbedderTest, RetriesOnceAfterTooManyRequests) {
  server_.script({Reply{429, R"({"error":{"message":"slow down"}})"}});
  expect_vectors(embedder()->embed({"a", "b"}), {"a", "b"});
  EXPECT_EQ(server_.received().size(), 2u);
}

TEST_F(OpenAiEmbedderTest, GivesUpAfterTwoServerErrors) {
  server_.script({Reply{500, "oops"}, Reply{500, "oops"}});
  auto e = embedder();
  Error error = embed_error(*e, {"a"});
  EXPECT_EQ(error.code(), ErrorCode::Unavailable);
  EXPECT_EQ(error.detail(), "Embeddings service failed: HTTP 500");
  EXPECT_EQ(server_.received().size(), 2u);
}

TEST_F(OpenAiEmbedderTest, MalformedJsonIsUnavailable) {
  server_.script({Reply{200, "{\"data\": [ not json"}});
  auto e = embedder();
  Error error = embed_error(*e, {"a"});
  EXPECT_EQ(error.code(), ErrorCode::Unavailable);
  EXPECT_NE(error.detail().find("malformed response body"), std::string::npos) << error.detail();
}

TEST_F(OpenAiEmbedderTest, DisagreeingDimensionsAreUnavailable) {
  Json body = {{"data",
                {{{"index", 0}, {"embedding", {1.0, 0.0, 0.0}}},
                 {{"index", 1}, {"embedding", {1.0, 0.0}}}}}};
  server_.script({Reply{200, body.dump()}});
  auto e = embedder();
  Error error = embed_error(*e, {"a", "b"});
  EXPECT_EQ(error.code(), ErrorCode::Unavailable);
  EXPECT_EQ(error.detail(),
            "Embeddings service failed: malformed response body (embeddings of different "
            "dimensions)");
}

TEST_F(OpenAiEmbedderTest, MissingVectorsAreUnavailable) {
  Json body = {{"data", {{{"index", 0}, {"embedding", {1.0, 0.0}}}}}};
  server_.script({Reply{200, body.dump()}});
  auto e = embedder();
  EXPECT_EQ(embed_error(*e, {"a", "b"}).detail(),
            "Embeddings service failed: malformed response body (1 embeddings for 2 texts)");
}

TEST_F(OpenAiEmbedderTest, ASlowServiceTimesOut) {
  server_.script({Reply{200, "", false, std::chrono::milliseconds(3000)}});
  EmbeddingsConfig c = config();
  c.timeout_seconds = 1;
  auto e = make_openai_embedder(c);
  auto start = std::chrono::steady_clock::now();
  Error error = embed_error(*e, {"a"});
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(error.code(), ErrorCode::Unavailable);
  EXPECT_EQ(error.detail(), "Embeddings service failed: timed out after 1 s");
  EXPECT_LT(elapsed, std::chrono::milliseconds(2500));  // a timeout is not retried
}

TEST_F(OpenAiEmbedderTest, AServiceThatIsDownIsUnavailable) {
  EmbeddingsConfig c = config();
  {
    EmbeddingsServer gone;  // a port that was just free, closed again
    c.base_url = gone.base_url();
  }
  auto e = make_openai_embedder(c);
  Error error = embed_error(*e, {"a"});
  EXPECT_EQ(error.code(), ErrorCode::Unavailable);
  EXPECT_EQ(error.detail(), "Embeddings service failed: Couldn't connect to server");
}

TEST_F(OpenAiEmbedderTest, OnlyHttpUrlsAreAccepted) {
  for (const char* url :
       {"file:///etc/passwd", "ftp://example.com", "127.0.0.1:8080", "", "http://"}) {
    EmbeddingsConfig c;
    c.base_url = url;
    try {
      make_openai_embedder(c);
      ADD_FAILURE() << url;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::InvalidArgument) << url;
    }
  }
  EmbeddingsConfig c;
  c.base_url = "HTTPS://api.example.com/v1";
  EXPECT_NE(make_openai_embedder(c), nullptr);
}

}  // namespace
}  // namespace aligncv::match
