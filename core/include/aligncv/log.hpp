// Structured logging: one JSON object per line to a file, human-readable lines to the console.
// Never pass passwords, tokens or résumé text in a message or field.
#pragma once

#include <aligncv/json.hpp>
#include <aligncv/options.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace aligncv {

enum class LogLevel { Trace, Debug, Info, Warning, Error, Critical };

// Context carried by a log line when known; empty / negative values are left out.
struct LogFields {
  std::string request_id;
  std::string user_id;
  std::string endpoint;     // "GET /v2/health"
  int status_code = 0;
  double duration_ms = -1;
  Json extra;               // further key/value pairs (an object), or null
};

// Thread-safe. Owned by the Engine; each Engine has its own sinks (no global logger state).
class Logger {
 public:
  explicit Logger(const Options& options);
  ~Logger();
  Logger(const Logger&) = delete;
  Logger& operator=(const Logger&) = delete;

  bool enabled(LogLevel level) const;
  void log(LogLevel level, std::string_view module, std::string_view message,
           const LogFields& fields = {});
  void info(std::string_view module, std::string_view message, const LogFields& fields = {}) {
    log(LogLevel::Info, module, message, fields);
  }
  void warn(std::string_view module, std::string_view message, const LogFields& fields = {}) {
    log(LogLevel::Warning, module, message, fields);
  }
  void error(std::string_view module, std::string_view message, const LogFields& fields = {}) {
    log(LogLevel::Error, module, message, fields);
  }
  void flush();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace aligncv
