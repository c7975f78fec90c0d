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
struct zip_file;

namespace aligncv::text::detail {

class DocxArchive;

// One entry inflated front to back, only as far as its reader has asked, into a buffer of the
// entry's declared size (so its bytes never move). The reader gives back the memory of what it
// has read, so a large part is never whole in memory, and can start again from the front (a
// part is checked in one pass and read in the next).
class EntryStream {
 public:
  ~EntryStream();
  EntryStream(EntryStream&& other) noexcept;
  EntryStream& operator=(EntryStream&&) = delete;
  EntryStream(const EntryStream&) = delete;

  // The bytes inflated so far; those before the last release() read as zeros (on Linux).
  std::string_view bytes() const { return buffer_; }
  char* data() { return buffer_.data(); }
  // Inflates until `size` bytes are there; false when the entry ends before (then all of it
  // is there). Throws kDocxLimits or kDocxCorrupt as DocxArchive::read does.
  bool reach(std::size_t size);
  bool finished() const { return finished_; }
  // Gives the memory of the bytes before `offset` back to the system, whole pages of it.
  void release(std::size_t offset);
  std::size_t released() const { return released_; }  // the bytes before have gone back
  // Back to the front of the entry, for another pass.
  void restart();
  // The bytes inflated so far, as a string of their own (no copy); the stream is spent.
  std::string take();

 private:
  friend class DocxArchive;
  EntryStream(DocxArchive& archive, uint64_t index, std::size_t chunk_bytes);
  void open();

  DocxArchive* archive_;
  uint64_t index_;
  std::size_t chunk_bytes_;
  uint64_t declared_size_ = 0, declared_compressed_ = 0;
  zip_file* file_ = nullptr;
  std::string buffer_;
  std::size_t released_ = 0;
  std::size_t counted_ = 0;  // bytes counted against the archive's total (the first pass's)
  bool finished_ = false;
};

class DocxArchive {
 public:
  // Throws Error with kDocxCorrupt for what libzip cannot open and kDocxLimits for what breaks
  // `limits`. `bytes` must outlive the archive.
  DocxArchive(std::string_view bytes, const ExtractLimits& limits, const Deadline& deadline);
  ~DocxArchive();
  DocxArchive(const DocxArchive&) = delete;
  DocxArchive& operator=(const DocxArchive&) = delete;

  // The inflated entry (name compared case-insensitively, as OPC part names are), or nothing
  // when the archive has no such entry. One declared larger than `max_bytes` is refused
  // (kDocxLimits) before it is inflated.
  std::optional<std::string> read(const std::string& name, uint64_t max_bytes = UINT64_MAX);
  // The entry's declared size, or nothing when there is no such entry.
  std::optional<uint64_t> size(const std::string& name);
  // The entry to be inflated `chunk_bytes` at a time as its reader goes (see EntryStream).
  std::optional<EntryStream> stream(const std::string& name, std::size_t chunk_bytes);

 private:
  friend class EntryStream;
  struct Entry {
    uint64_t size = 0;
    uint64_t compressed = 0;
  };
  Entry entry(uint64_t index) const;
  std::optional<uint64_t> locate(const std::string& name) const;
  void check_not_nested(uint64_t index);

  zip* archive_ = nullptr;
  const ExtractLimits& limits_;
  const Deadline& deadline_;
  uint64_t inflated_ = 0;  // bytes actually inflated so far, over all entries
};

}  // namespace aligncv::text::detail
