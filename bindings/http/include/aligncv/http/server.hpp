// The HTTP face: the /v2 REST surface of api-v2.md over cpp-httplib. It only translates between
// HTTP and Engine calls; every rule lives in core/.
#pragma once

#include <aligncv/engine.hpp>
#include <aligncv/options.hpp>

#include <memory>
#include <string>

namespace aligncv::http {

class Server {
 public:
  // Routes and middleware over `engine`, which must outlive the server.
  explicit Server(Engine& engine);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds host:port (port 0 picks a free port) and returns the bound port.
  // Throws Error(Unavailable) when the address cannot be bound.
  int bind(const std::string& host, int port);
  // Serves on the bound socket until stop(); blocks. In-flight requests finish before it returns.
  void listen();
  // Thread- and signal-context-safe request to stop listen().
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Opens an Engine from `options`, serves until SIGINT/SIGTERM and prints the URL to stdout.
// Returns a process exit code. Used by `aligncv serve` and `aligncv.serve()`.
int serve(const Options& options);

}  // namespace aligncv::http
