// A zip archive in memory that refuses bombs: the entry count, declared sizes, ratios and
// nested archives are checked when it opens, before any entry is inflated, and the bytes
// actually inflated are counted against the same limits while reading.
#pragma once

#include "text/internal.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct zip;

namespace aligncv::text::detail {

class DocxArchive {
 public:
  // Throws Error with kDocxCorrupt for what libzip cannot open and kDocxLimits for what breaks
  // `limits`. `bytes` must outlive the archive.
  DocxArchive(std::string_view bytes, const ExtractLimits& limits, const Deadline& deadline);
  ~DocxArchive();
  DocxArchive(const DocxArchive&) = delete;
  DocxArchive& operator=(const DocxArchive&) = delete;

  // The inflated entry (name compared case-insensitively, as OPC part names are), or nothing
  // when the archive has no such entry.
  std::optional<std::string> read(const std::string& name);

 private:
  struct Entry {
    uint64_t size = 0;
    uint64_t compressed = 0;
  };
  Entry entry(uint64_t index) const;
  std::string inflate(uint64_t index, uint64_t max_bytes);
  void check_not_nested(uint64_t index);

  zip* archive_ = nullptr;
  const ExtractLimits& limits_;
  const Deadline& deadline_;
  uint64_t inflated_ = 0;  // bytes actually inflated so far, over all entries
};

}  // namespace aligncv::text::detail
