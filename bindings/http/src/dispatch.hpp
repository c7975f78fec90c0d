// The request pipeline of api-v2.md §1, wired into httplib's hooks by server.cpp:
//   routing (404/405/OPTIONS) -> body size (413) -> authentication (401) -> admin (403)
//   -> content type (415) -> JSON (422) or multipart (400) -> the operation -> error mapping,
// then the headers every response carries (request id, nosniff, no-store, CORS), metrics and
// one access-log line.
#pragma once

#include "metrics.hpp"
#include "middleware.hpp"
#include "router.hpp"
#include "routes.hpp"

#include <aligncv/engine.hpp>

#include <httplib.h>

#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <string>

namespace aligncv::http {

// Bounds how many requests run route handlers at once (HTTP_THREADS), independently of how many
// connections are open. See server.cpp for why the two differ.
class WorkerGate {
 public:
  explicit WorkerGate(int permits) : available_(permits) {}
  void acquire() {
    std::unique_lock<std::mutex> lock(mutex_);
    cv_.wait(lock, [this] { return available_ > 0; });
    --available_;
  }
  void release() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ++available_;
    }
    cv_.notify_one();
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  int available_;
};

class Dispatcher {
 public:
  // `engine` must outlive the dispatcher. `worker_permits` <= 0 disables the gate.
  Dispatcher(Engine& engine, int worker_permits);
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  // httplib's pre-routing hook: runs before the body is read. Answers everything that needs no
  // body (and every early error) itself; leaves requests whose JSON body must be read to
  // handle_with_body().
  httplib::Server::HandlerResponse pre_route(const httplib::Request& req, httplib::Response& res);
  // httplib's Expect: 100-continue hook: answers early outcomes (413, 404, ...) before the client
  // sends the body; 100 otherwise.
  int expect_continue(const httplib::Request& req, httplib::Response& res);
  // The catch-all content-reader handler: reads the body up to the route's limit (also for
  // chunked bodies, which httplib 0.11 does not limit), then runs the pipeline.
  void handle_with_body(const httplib::Request& req, httplib::Response& res,
                        const httplib::ContentReader& reader);
  // Gives httplib's own error responses (bad request line, ...) our JSON shape and headers.
  httplib::Server::HandlerResponse on_error(const httplib::Request& req, httplib::Response& res);
  // Last resort: an exception escaped the pipeline.
  void on_exception(const httplib::Request& req, httplib::Response& res,
                    const std::exception_ptr& ep);

  const Router& router() const { return router_; }
  // The largest body any route accepts (httplib's payload cap).
  std::size_t max_body_limit() const;

 private:
  struct BodyInput {
    const std::string* body = nullptr;  // the body, when it was read
    bool too_large = false;             // reading stopped at the route's limit
  };
  struct Outcome;

  // True when the request carries a body that a route will read (so httplib must read it).
  bool wants_body(const httplib::Request& req) const;
  void handle(const httplib::Request& req, httplib::Response& res, const BodyInput& input);
  void run(const httplib::Request& req, const BodyInput& input, Outcome& out);
  std::optional<Principal> authenticate(const Route& route, const httplib::Request& req) const;
  void finish(const httplib::Request& req, httplib::Response& res, Outcome& out);

  Engine& engine_;
  Services services_;
  Router router_;
  std::unique_ptr<Metrics> metrics_;
  CorsPolicy cors_;
  ClientIpResolver client_ip_;
  std::unique_ptr<WorkerGate> gate_;
};

}  // namespace aligncv::http
