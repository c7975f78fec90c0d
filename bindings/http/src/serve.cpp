// `aligncv serve`: open the engine, bind, print the URL, serve until SIGINT/SIGTERM.
#include <aligncv/http/server.hpp>

#include <aligncv/error.hpp>

#include <fcntl.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <iostream>
#include <mutex>
#include <thread>

namespace aligncv::http {

namespace {

// The signal handler may only do async-signal-safe things: it writes one byte to a pipe that a
// watcher thread reads. A second signal while stopping restores the default action and re-raises
// it, so a stuck shutdown can still be interrupted.
std::atomic<int> g_signal_pipe_write{-1};
std::atomic<bool> g_stopping{false};

extern "C" void on_stop_signal(int signo) {
  const int saved_errno = errno;
  if (g_stopping.exchange(true)) {
    std::signal(signo, SIG_DFL);
    std::raise(signo);
  } else {
    const int fd = g_signal_pipe_write.load();
    if (fd >= 0) {
      const char byte = 's';
      [[maybe_unused]] ssize_t ignored = ::write(fd, &byte, 1);
    }
  }
  errno = saved_errno;
}

// How often the notification worker queues due digests and drains the e-mail outbox. Retries
// are scheduled in minutes (api-v2.md §6.4), so 30 s adds little delay to an immediate e-mail.
constexpr std::chrono::seconds kNotifyInterval{30};

// The notification worker: run_due_notifications now and every kNotifyInterval until stop(),
// which wakes it at once (a run in progress finishes first; SMTP timeouts bound it).
class NotificationWorker {
 public:
  explicit NotificationWorker(Engine& engine) : engine_(engine), thread_([this] { run(); }) {}
  ~NotificationWorker() { stop(); }
  void stop() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  void run() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      try {
        engine_.run_due_notifications();
      } catch (const std::exception& e) {
        engine_.logger().error("notify", std::string("Notification run failed: ") + e.what());
      }
      lock.lock();
      wake_.wait_for(lock, kNotifyInterval, [this] { return stopping_; });
    }
  }

  Engine& engine_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;  // last: started once the members above exist
};

std::string display_url(const std::string& host, int port) {
  const bool ipv6 = host.find(':') != std::string::npos;
  return "http://" + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

// glibc raises its mmap threshold each time a large block is freed (up to 32 MiB), after which
// an upload's multi-MiB buffers (body, text, SQLite's row) come from the worker threads' arenas and
// stay resident once freed. A fixed threshold (glibc's default) keeps them in their own mappings,
// returned to the system on free: a 5 MiB upload raises RSS by ~30 MB instead of ~45 MB, and
// what start-up frees is returned too.
void tune_allocator() {
#ifdef __GLIBC__
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
}

int serve_until_signalled(const Options& options) {
  tune_allocator();
  std::unique_ptr<Engine> engine;
  try {
    engine = Engine::open(options);
  } catch (const Error& e) {
    std::cerr << "aligncv serve: cannot start: " << e.detail() << std::endl;
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "aligncv serve: cannot start: " << e.what() << std::endl;
    return 1;
  }

  Server server(*engine);
  int port = 0;
  try {
    port = server.bind(options.host, options.port);
  } catch (const Error& e) {
    std::cerr << "aligncv serve: " << e.detail() << std::endl;
    return 1;  // 2 is for usage errors
  }

  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    std::cerr << "aligncv serve: cannot create the signal pipe" << std::endl;
    return 1;
  }
  g_stopping.store(false);
  g_signal_pipe_write.store(fds[1]);
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  struct sigaction previous_int {
  }, previous_term{};
  ::sigaction(SIGINT, &action, &previous_int);
  ::sigaction(SIGTERM, &action, &previous_term);

  std::thread watcher([&server, read_fd = fds[0]] {
    char byte = 0;
    ssize_t n;
    do {
      n = ::read(read_fd, &byte, 1);
    } while (n < 0 && errno == EINTR);
    // 's' = a signal; 'q' = listen() ended by itself. Either way make sure the server stops.
    server.stop();
  });

  const std::string url = display_url(options.host, port);
  std::cout << "AlignCV is running at " << url << "  (open it in a browser; API docs: " << url
            << "/v2/docs)" << std::endl;
  engine->logger().info("http", "listening on " + url);

  NotificationWorker notifier(*engine);
  server.listen();  // returns after stop(); in-flight requests have finished
  notifier.stop();

  const char quit = 'q';
  [[maybe_unused]] ssize_t ignored = ::write(fds[1], &quit, 1);
  watcher.join();
  ::sigaction(SIGINT, &previous_int, nullptr);
  ::sigaction(SIGTERM, &previous_term, nullptr);
  g_signal_pipe_write.store(-1);
  ::close(fds[0]);
  ::close(fds[1]);
  engine->logger().info("http", "stopped");
  engine->logger().flush();
  return 0;
}

}  // namespace

int serve(const Options& options) {
  try {
    return serve_until_signalled(options);
  } catch (const std::exception& e) {
    std::cerr << "aligncv serve: fatal: " << e.what() << std::endl;
    return 1;
  }
}

}  // namespace aligncv::http
