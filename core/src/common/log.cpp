// Logger: JSON lines to a file sink and human-readable lines to the console, via spdlog.
#include <aligncv/error.hpp>
#include <aligncv/log.hpp>

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cmath>
#include <filesystem>

namespace aligncv {

namespace {

spdlog::level::level_enum to_spdlog(LogLevel level) {
  switch (level) {
    case LogLevel::Trace: return spdlog::level::trace;
    case LogLevel::Debug: return spdlog::level::debug;
    case LogLevel::Info: return spdlog::level::info;
    case LogLevel::Warning: return spdlog::level::warn;
    case LogLevel::Error: return spdlog::level::err;
    case LogLevel::Critical: return spdlog::level::critical;
  }
  return spdlog::level::info;
}

const char* level_name(LogLevel level) {
  switch (level) {
    case LogLevel::Trace: return "trace";
    case LogLevel::Debug: return "debug";
    case LogLevel::Info: return "info";
    case LogLevel::Warning: return "warning";
    case LogLevel::Error: return "error";
    case LogLevel::Critical: return "critical";
  }
  return "info";
}

spdlog::level::level_enum parse_level(const std::string& name) {
  if (name == "warning") return spdlog::level::warn;
  return spdlog::level::from_str(name);
}

}  // namespace

struct Logger::Impl {
  std::shared_ptr<Clock> clock;
  spdlog::level::level_enum level = spdlog::level::info;
  std::shared_ptr<spdlog::logger> file;     // JSON lines, pattern "%v"
  std::shared_ptr<spdlog::logger> console;  // human-readable
};

Logger::Logger(const Options& options) : impl_(std::make_unique<Impl>()) {
  impl_->clock = options.clock ? options.clock : system_clock();
  impl_->level = parse_level(options.log_level);
  std::string path = options.log_file.value_or(options.data_dir + "/logs/aligncv.jsonl");
  try {
    if (!path.empty()) {
      auto parent = std::filesystem::path(path).parent_path();
      if (!parent.empty()) std::filesystem::create_directories(parent);
      // Every request writes a line: rotate at 64 MiB and keep 5 old files (aligncv.1.jsonl ...).
      auto sink = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(path, 64 * 1024 * 1024, 5);
      impl_->file = std::make_shared<spdlog::logger>("aligncv-file", sink);
      impl_->file->set_pattern("%v");
      impl_->file->set_level(impl_->level);
      impl_->file->flush_on(spdlog::level::warn);
    }
    if (options.log_to_console) {
      auto sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
      impl_->console = std::make_shared<spdlog::logger>("aligncv-console", sink);
      impl_->console->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%-5l%$ %v");
      impl_->console->set_level(impl_->level);
    }
  } catch (const std::exception& e) {
    throw Error(ErrorCode::InvalidArgument, "Cannot open log file '" + path + "': " + e.what());
  }
}

Logger::~Logger() { flush(); }

bool Logger::enabled(LogLevel level) const { return to_spdlog(level) >= impl_->level; }

void Logger::log(LogLevel level, std::string_view module, std::string_view message,
                 const LogFields& fields) {
  if (!enabled(level)) return;
  auto lvl = to_spdlog(level);
  if (impl_->file) {
    Json line = {{"timestamp", format_timestamp(impl_->clock->now_ms())},
                 {"level", level_name(level)},
                 {"module", module},
                 {"message", message}};
    if (!fields.request_id.empty()) line["request_id"] = fields.request_id;
    if (!fields.user_id.empty()) line["user_id"] = fields.user_id;
    if (!fields.endpoint.empty()) line["endpoint"] = fields.endpoint;
    if (fields.status_code > 0) line["status_code"] = fields.status_code;
    if (fields.duration_ms >= 0) line["duration_ms"] = std::round(fields.duration_ms * 1000) / 1000;
    if (fields.extra.is_object()) {
      for (const auto& [k, v] : fields.extra.items()) line[k] = v;
    }
    impl_->file->log(lvl, line.dump(-1, ' ', false, Json::error_handler_t::replace));
  }
  if (impl_->console) {
    std::string text = "[" + std::string(module) + "] " + std::string(message);
    if (fields.status_code > 0) text += " " + std::to_string(fields.status_code);
    if (fields.duration_ms >= 0) text += fmt::format(" {:.1f}ms", fields.duration_ms);
    if (!fields.request_id.empty()) text += " rid=" + fields.request_id;
    if (!fields.user_id.empty()) text += " user=" + fields.user_id;
    impl_->console->log(lvl, text);
  }
}

void Logger::flush() {
  if (impl_->file) impl_->file->flush();
  if (impl_->console) impl_->console->flush();
}

}  // namespace aligncv
