// Helpers shared by the GoogleTest files: temporary folders and a cheap engine.
#pragma once

#include <aligncv/aligncv.hpp>

#include <filesystem>
#include <random>
#include <string>

namespace aligncv::testing {

// A fresh folder under the system temp dir, removed with the object.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("aligncv-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string str() const { return path_.string(); }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// Options for a test engine: a temp data dir, a manual clock, cheap Argon2, no console.
inline Options test_options(const TempDir& dir, std::shared_ptr<ManualClock> clock) {
  Options o;
  o.data_dir = dir.str();
  o.clock = std::move(clock);
  o.argon2 = {1024, 1, 1};
  o.log_to_console = false;
  o.jwt_secret_key = std::string(48, 'k');
  o.demo_jobs = false;  // tests that want the catalogue turn it on
  return o;
}

}  // namespace aligncv::testing
