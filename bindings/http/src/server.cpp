#include <aligncv/http/server.hpp>

#include "dispatch.hpp"

#include <aligncv/error.hpp>

#include <httplib.h>

#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

namespace aligncv::http {

namespace {

// ---- Threads and keep-alive ----------------------------------------------------------------
// httplib 0.11 gives every connection to one pool thread for its whole keep-alive life: a
// thread serving an idle keep-alive connection blocks in poll() until the client speaks or the
// keep-alive timeout passes. With a pool of only HTTP_THREADS (4 on a 2-core machine), 32
// keep-alive clients would leave 28 connections queued and unserved (seconds of latency), and a
// few idle browser tabs could stall the server. So the two limits are separate:
//  - connection threads (this pool): many, cheap while they wait in poll();
//  - worker permits (HTTP_THREADS, the WorkerGate in Dispatcher): how many requests run
//    authentication and Engine operations at once, which bounds CPU, Argon2 memory
//    (19 MiB per hash by default) and database concurrency exactly as HTTP_THREADS promises.
// Keep-alive connections are reused for many requests (a reconnect costs more than the request
// on loopback) but released after kKeepAliveTimeoutSeconds of silence; that timeout also bounds
// how long stop() waits for idle connections (httplib checks for shutdown between requests).
// Connections beyond the pool wait in its queue until a connection ends or idles out.
// Measured on 2 cores, wrk -t2 -c32 (tests/bench/http_wrk.sh): this layout gives ~36k req/s on
// /v2/health and ~22k req/s (p99 6 ms) on an authenticated GET; a pool of 4 with httplib's
// default of 5 requests per connection gave ~22k and ~15k req/s with p99 10 ms.
constexpr int kConnectionThreadsPerWorker = 16;
constexpr int kMinConnectionThreads = 64;
constexpr std::size_t kKeepAliveMaxRequests = 10000;
constexpr time_t kKeepAliveTimeoutSeconds = 3;
constexpr time_t kReadTimeoutSeconds = 10;  // a slow client gets this long per read
constexpr time_t kWriteTimeoutSeconds = 10;
// httplib 0.11 listens with a backlog of 5; bursts of new connections (a load balancer, a
// benchmark, a page with many requests) would see dropped SYNs and 1 s retransmits.
constexpr int kListenBacklog = 1024;

}  // namespace

struct Server::Impl {
  Engine& engine;
  Dispatcher dispatcher;
  httplib::Server server;
  std::atomic<int> listen_socket{-1};
  std::atomic<bool> stop_requested{false};
  std::atomic<bool> listening{false};
  std::atomic<bool> listened{false};
  int connection_threads = 0;

  explicit Impl(Engine& e) : engine(e), dispatcher(e, e.options().effective_http_threads()) {
    const int workers = std::max(1, e.options().effective_http_threads());
    connection_threads = std::max(kMinConnectionThreads, workers * kConnectionThreadsPerWorker);
    configure();
  }

  void configure() {
    const int threads = connection_threads;
    server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server.set_keep_alive_max_count(kKeepAliveMaxRequests);
    server.set_keep_alive_timeout(kKeepAliveTimeoutSeconds);
    server.set_read_timeout(kReadTimeoutSeconds, 0);
    server.set_write_timeout(kWriteTimeoutSeconds, 0);
    // Headers and body are written separately; without TCP_NODELAY the body can wait for a
    // delayed ACK (40 ms).
    server.set_tcp_nodelay(true);
    // SO_REUSEADDR (quick restarts) but not httplib's default SO_REUSEPORT, which would let a
    // second server bind the same port silently instead of failing.
    server.set_socket_options([this](socket_t sock) {
      int yes = 1;
      ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
      listen_socket.store(sock);
    });
    // A backstop only: the dispatcher refuses oversized bodies from Content-Length before
    // reading and stops reading chunked bodies at the route's limit.
    server.set_payload_max_length(dispatcher.max_body_limit());

    Dispatcher* d = &dispatcher;
    server.set_pre_routing_handler(httplib::Server::HandlerWithResponse(
        [d](const httplib::Request& req, httplib::Response& res) {
          return d->pre_route(req, res);
        }));
    server.set_expect_100_continue_handler(
        [d](const httplib::Request& req, httplib::Response& res) {
          return d->expect_continue(req, res);
        });
    auto with_body = [d](const httplib::Request& req, httplib::Response& res,
                         const httplib::ContentReader& reader) {
      d->handle_with_body(req, res, reader);
    };
    server.Post(".*", httplib::Server::HandlerWithContentReader(with_body));
    server.Put(".*", httplib::Server::HandlerWithContentReader(with_body));
    server.Patch(".*", httplib::Server::HandlerWithContentReader(with_body));
    server.Delete(".*", httplib::Server::HandlerWithContentReader(with_body));
    server.set_error_handler(httplib::Server::HandlerWithResponse(
        [d](const httplib::Request& req, httplib::Response& res) {
          return d->on_error(req, res);
        }));
    server.set_exception_handler([d](const httplib::Request& req, httplib::Response& res,
                                     std::exception_ptr ep) { d->on_exception(req, res, ep); });
  }
};

Server::Server(Engine& engine) : impl_(std::make_unique<Impl>(engine)) {}

Server::~Server() {
  stop();
  // Bound but never served: httplib only closes the socket from its accept loop.
  const int sock = impl_->listen_socket.load();
  if (!impl_->listened.load() && sock >= 0) ::close(sock);
}

int Server::bind(const std::string& host, int port) {
  int bound = -1;
  if (port == 0) {
    bound = impl_->server.bind_to_any_port(host);
  } else if (impl_->server.bind_to_port(host, port)) {
    bound = port;
  }
  if (bound < 0) {
    throw Error(ErrorCode::Unavailable, "cannot listen on " + host + ":" + std::to_string(port) +
                                            " (address in use, not local, or not permitted)");
  }
  const int sock = impl_->listen_socket.load();
  if (sock >= 0) ::listen(sock, kListenBacklog);  // raises httplib's backlog (see above)
  return bound;
}

void Server::listen() {
  impl_->listening.store(true);
  if (!impl_->stop_requested.load()) {
    impl_->listened.store(true);
    impl_->server.listen_after_bind();
  }
  impl_->listening.store(false);
}

void Server::stop() {
  impl_->stop_requested.store(true);
  // listen() may be between its flag check and httplib's accept loop; wait for the loop to
  // start (bounded), so a stop is never lost.
  for (int i = 0; i < 2000 && impl_->listening.load() && !impl_->server.is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  impl_->server.stop();
}

}  // namespace aligncv::http
