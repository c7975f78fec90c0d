// The HTTP face from Python: serve() blocks like `aligncv serve`; BackgroundServer runs the same
// server on a thread of this process (tests, notebooks) until stop().
#include <pybind11/pybind11.h>
#include <aligncv/engine.hpp>
#include <aligncv/http/server.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <exception>
#include <memory>
#include <string>
#include <thread>
#include <utility>

namespace py = pybind11;

namespace aligncv::python {
namespace {

using release_gil = py::call_guard<py::gil_scoped_release>;

// http::serve() installs its own SIGINT/SIGTERM handlers; put Python's back afterwards so Ctrl-C
// keeps working in the interpreter once the server has stopped.
class SavedSignalHandlers {
 public:
  SavedSignalHandlers() {
    sigaction(SIGINT, nullptr, &int_);
    sigaction(SIGTERM, nullptr, &term_);
  }
  ~SavedSignalHandlers() {
    sigaction(SIGINT, &int_, nullptr);
    sigaction(SIGTERM, &term_, nullptr);
  }
  SavedSignalHandlers(const SavedSignalHandlers&) = delete;
  SavedSignalHandlers& operator=(const SavedSignalHandlers&) = delete;

 private:
  struct sigaction int_ {};
  struct sigaction term_ {};
};

int serve_blocking(const Options& options) {
  SavedSignalHandlers saved;
  return http::serve(options);
}

// An http::Server listening on its own thread.
class BackgroundServer {
 public:
  explicit BackgroundServer(Engine& engine) : engine_(engine) {}
  ~BackgroundServer() {
    try {
      stop();
    } catch (...) {  // a destructor must not throw; stop() already ended the thread
    }
  }
  BackgroundServer(const BackgroundServer&) = delete;
  BackgroundServer& operator=(const BackgroundServer&) = delete;

  int start(const std::string& host, int port) {
    if (thread_.joinable()) throw py::value_error("the server is already running");
    server_ = std::make_unique<http::Server>(engine_);  // a stopped server does not restart
    host_ = host;
    port_ = server_->bind(host, port);
    finished_ = false;
    error_ = nullptr;
    thread_ = std::thread([this] {
      try {
        server_->listen();
      } catch (...) {
        error_ = std::current_exception();
      }
      finished_ = true;
    });
    return port_;
  }

  // Idempotent. stop() may race with listen() starting up, so it is repeated until listen()
  // has returned.
  void stop() {
    if (!thread_.joinable()) return;
    while (!finished_) {
      server_->stop();
      for (int i = 0; i < 20 && !finished_; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    }
    thread_.join();
    if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
  }

  bool running() const { return thread_.joinable() && !finished_; }
  const std::string& host() const { return host_; }
  int port() const { return port_; }

 private:
  Engine& engine_;
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
  std::atomic<bool> finished_{true};
  std::exception_ptr error_;
  std::string host_;
  int port_ = 0;
};

}  // namespace

void init_http(py::module_& m) {
  m.def("serve", &serve_blocking, py::arg("options"), release_gil(),
        "Opens an Engine and serves the /v2 API until SIGINT/SIGTERM, like `aligncv serve`. "
        "Returns the process exit code.");

  py::class_<BackgroundServer>(m, "BackgroundServer",
                               "The HTTP server on a background thread of this process.")
      // The engine must outlive the server: keep it alive as long as this object.
      .def(py::init<Engine&>(), py::arg("engine"), py::keep_alive<1, 2>())
      .def("start", &BackgroundServer::start, py::arg("host") = "127.0.0.1", py::arg("port") = 0,
           release_gil(), "Binds (port 0 = a free port), starts serving; returns the port.")
      .def("stop", &BackgroundServer::stop, release_gil(),
           "Stops serving after in-flight requests; idempotent.")
      .def_property_readonly("running", &BackgroundServer::running)
      .def_property_readonly("host", &BackgroundServer::host)
      .def_property_readonly("port", &BackgroundServer::port);
}

}  // namespace aligncv::python
