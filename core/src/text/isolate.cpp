// Extraction in a child process: poppler cannot be interrupted, and some crafted PDFs (thousands
// of strings drawn on one spot) make it run for minutes and grow without bound. A child can be
// killed when the time budget runs out, its memory is capped, and a crash in it is a refused
// file, not a dead server. The parent gets the lines back through a pipe.
#include "text/internal.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <mutex>
#include <string>

#ifdef __unix__
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

namespace aligncv::text::detail {

namespace {

// The result, flattened: lines (text and hint), links, pages; or an error's code and detail.
void put_u32(std::string& out, uint32_t value) { out.append(reinterpret_cast<char*>(&value), 4); }
void put_text(std::string& out, const std::string& text) {
  put_u32(out, static_cast<uint32_t>(text.size()));
  out += text;
}

std::string encode(const Extracted& extracted) {
  std::string out(1, 'R');
  put_u32(out, static_cast<uint32_t>(extracted.pages));
  put_u32(out, static_cast<uint32_t>(extracted.lines.size()));
  for (const Line& line : extracted.lines) {
    put_text(out, line.text);
    put_u32(out, static_cast<uint32_t>(line.hint.heading_level));
    put_u32(out, static_cast<uint32_t>(line.hint.page));
    out.push_back(static_cast<char>((line.hint.list_item ? 1 : 0) | (line.hint.table_cell ? 2 : 0) |
                                    (line.hint.sidebar ? 4 : 0)));
  }
  put_u32(out, static_cast<uint32_t>(extracted.links.size()));
  for (const std::string& link : extracted.links) put_text(out, link);
  return out;
}

std::string encode(const Error& error) {
  std::string out(1, 'E');
  put_u32(out, static_cast<uint32_t>(error.code()));
  put_text(out, error.detail());
  return out;
}

class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}
  uint32_t u32() {
    uint32_t value = 0;
    if (data_.size() - at_ < 4) throw std::out_of_range("short");
    std::memcpy(&value, data_.data() + at_, 4);
    at_ += 4;
    return value;
  }
  std::string text() {
    const uint32_t size = u32();
    if (data_.size() - at_ < size) throw std::out_of_range("short");
    std::string out(data_.substr(at_, size));
    at_ += size;
    return out;
  }
  char byte() {
    if (at_ >= data_.size()) throw std::out_of_range("short");
    return data_[at_++];
  }
  bool done() const { return at_ == data_.size(); }

 private:
  std::string_view data_;
  std::size_t at_ = 0;
};

// What the child sent; throws what it threw. Anything else (a crash, a cut message) is
// `failure`.
Extracted decode(std::string_view data, const char* failure) {
  try {
    Reader in(data);
    const char kind = in.byte();
    if (kind == 'E') {
      const auto code = static_cast<ErrorCode>(in.u32());
      std::string detail = in.text();
      if (!in.done()) fail(failure);
      throw Error(code, std::move(detail));
    }
    if (kind != 'R') fail(failure);
    Extracted out;
    out.pages = static_cast<int>(in.u32());
    const uint32_t lines = in.u32();
    for (uint32_t i = 0; i < lines; ++i) {
      Line line;
      line.text = in.text();
      line.hint.heading_level = static_cast<int>(in.u32());
      line.hint.page = static_cast<int>(in.u32());
      const char flags = in.byte();
      line.hint.list_item = flags & 1;
      line.hint.table_cell = flags & 2;
      line.hint.sidebar = flags & 4;
      out.lines.push_back(std::move(line));
    }
    const uint32_t links = in.u32();
    for (uint32_t i = 0; i < links; ++i) out.links.push_back(in.text());
    if (!in.done()) fail(failure);
    return out;
  } catch (const std::out_of_range&) {
    fail(failure);
  }
}

#ifdef __unix__
// The child's virtual memory now (it shares the parent's mappings, thread stacks included).
rlim_t address_space_bytes() {
  std::ifstream statm("/proc/self/statm");
  unsigned long long pages = 0;
  statm >> pages;
  return static_cast<rlim_t>(pages) * static_cast<rlim_t>(sysconf(_SC_PAGESIZE));
}

[[noreturn]] void run_child(int out, const std::function<Extracted()>& work,
                            const Deadline& deadline, std::size_t memory_bytes,
                            const char* failure) {
  // The parent's sockets and files are not the child's to keep open (a closed connection would
  // stay half-open until the child ends).
  if (out > 3) close_range(3, static_cast<unsigned>(out) - 1, 0);
  close_range(static_cast<unsigned>(out) + 1, ~0u, 0);
  rlimit memory{};
  memory.rlim_cur = memory.rlim_max = address_space_bytes() + memory_bytes;
  setrlimit(RLIMIT_AS, &memory);
  rlimit none{};  // a crash is a refused file, not a core dump
  setrlimit(RLIMIT_CORE, &none);
  rlimit cpu{};  // a backstop: the parent kills the child when the budget runs out
  cpu.rlim_cur = cpu.rlim_max = static_cast<rlim_t>(deadline.remaining_ms() / 1000 + 2);
  setrlimit(RLIMIT_CPU, &cpu);
  std::string message;
  try {
    message = encode(work());
  } catch (const Error& e) {
    message = encode(e);
  } catch (...) {
    message = encode(Error(ErrorCode::InvalidArgument, failure));
  }
  for (std::size_t sent = 0; sent < message.size();) {
    const ssize_t n = write(out, message.data() + sent, message.size() - sent);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) _exit(1);
    sent += static_cast<std::size_t>(n);
  }
  _exit(0);  // no exit handlers, no flushing of the parent's buffers
}

void reap(pid_t child) {
  while (waitpid(child, nullptr, 0) < 0 && errno == EINTR) {
  }
}
#endif

}  // namespace

Extracted extract_in_child(const std::function<Extracted()>& work, const Deadline& deadline,
                           std::size_t memory_bytes, const char* failure,
                           std::shared_mutex& fork_lock) {
#ifdef __unix__
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return work();
  pid_t child;
  {
    std::unique_lock<std::shared_mutex> alone(fork_lock);
    child = fork();
  }
  if (child < 0) {
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    return work();
  }
  if (child == 0) {
    close(pipe_fds[0]);
    run_child(pipe_fds[1], work, deadline, memory_bytes, failure);
  }
  close(pipe_fds[1]);
  const int in = pipe_fds[0];
  std::string data;
  char buffer[65536];
  bool timed_out = false;
  while (true) {
    pollfd ready{in, POLLIN, 0};
    const int waited = poll(&ready, 1, std::max(deadline.remaining_ms(), 0));
    if (waited < 0 && errno == EINTR) continue;
    if (waited <= 0) {
      timed_out = true;
      break;
    }
    const ssize_t n = read(in, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    data.append(buffer, static_cast<std::size_t>(n));
  }
  close(in);
  if (timed_out) kill(child, SIGKILL);
  reap(child);
  if (timed_out) fail(kTooLong);
  return decode(data, failure);
#else
  (void)deadline;
  (void)memory_bytes;
  (void)failure;
  (void)fork_lock;
  return work();
#endif
}

}  // namespace aligncv::text::detail
