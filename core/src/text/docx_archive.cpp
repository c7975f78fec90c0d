#include "text/docx_archive.hpp"

#include "common/text.hpp"

#include <zip.h>

#include <algorithm>
#include <array>
#include <memory>
#include <utility>

#ifdef __linux__
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace aligncv::text::detail {

namespace {

// Small entries may compress better than the ratio limit (a run of spaces, an empty table)
// without being any danger; the ratio is checked above this size.
constexpr uint64_t kRatioFloor = uint64_t{8} << 10;

struct FileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};
using ZipFile = std::unique_ptr<zip_file_t, FileCloser>;

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool archive_name(const std::string& name) {
  static constexpr std::array<std::string_view, 18> kSuffixes = {
      ".zip", ".docx", ".docm", ".dotx", ".xlsx", ".xlsm", ".pptx", ".jar", ".odt",
      ".ods", ".odp",  ".epub", ".7z",   ".rar",  ".gz",   ".tgz",  ".bz2", ".xz"};
  std::string lower = to_lower_ascii(name);
  for (auto suffix : kSuffixes) {
    if (ends_with(lower, suffix)) return true;
  }
  return false;
}

bool archive_magic(std::string_view head) {
  return head.substr(0, 2) == "PK" || head.substr(0, 3) == "\x1F\x8B\x08" ||
         head.substr(0, 4) == "7z\xBC\xAF";
}

bool over_ratio(uint64_t inflated, uint64_t compressed, int ratio) {
  if (inflated <= kRatioFloor) return false;
  uint64_t allowed = static_cast<uint64_t>(std::max(ratio, 1)) * std::max<uint64_t>(compressed, 1);
  return inflated > allowed;
}

}  // namespace

DocxArchive::DocxArchive(std::string_view bytes, const ExtractLimits& limits,
                         const Deadline& deadline)
    : limits_(limits), deadline_(deadline) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source) {
    archive_ = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (!archive_) zip_source_free(source);
  }
  zip_error_fini(&error);
  if (!archive_) fail(kDocxCorrupt);

  try {
    zip_int64_t count = zip_get_num_entries(archive_, 0);
    if (count < 0) fail(kDocxCorrupt);
    if (count > limits.max_docx_entries) fail(kDocxLimits);
    // Everything the central directory declares is judged before a byte is inflated.
    uint64_t declared = 0;
    for (zip_int64_t i = 0; i < count; ++i) {
      Entry e = entry(static_cast<uint64_t>(i));
      declared += e.size;
      if (declared > limits.max_docx_inflated_bytes) fail(kDocxLimits);
      if (over_ratio(e.size, e.compressed, limits.max_docx_ratio)) fail(kDocxLimits);
      const char* name = zip_get_name(archive_, static_cast<uint64_t>(i), 0);
      if (!name) fail(kDocxCorrupt);
      if (archive_name(name)) fail(kDocxLimits);
    }
    for (zip_int64_t i = 0; i < count; ++i) check_not_nested(static_cast<uint64_t>(i));
  } catch (...) {
    zip_discard(archive_);
    archive_ = nullptr;
    throw;
  }
}

DocxArchive::~DocxArchive() {
  if (archive_) zip_discard(archive_);
}

DocxArchive::Entry DocxArchive::entry(uint64_t index) const {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(archive_, index, 0, &st) != 0) fail(kDocxCorrupt);
  if (!(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_COMP_SIZE)) fail(kDocxCorrupt);
  // Password-protected entries cannot be read without a password we will never have.
  if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
    fail(kDocxCorrupt);
  }
  return Entry{st.size, st.comp_size};
}

std::optional<uint64_t> DocxArchive::locate(const std::string& name) const {
  zip_int64_t index = zip_name_locate(archive_, name.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return std::nullopt;
  return static_cast<uint64_t>(index);
}

// An archive inside the archive is refused by its first bytes, whatever its name.
void DocxArchive::check_not_nested(uint64_t index) {
  if (entry(index).size < 2) return;
  ZipFile file(zip_fopen_index(archive_, index, 0));
  if (!file) fail(kDocxCorrupt);
  std::array<char, 4> head{};
  zip_int64_t got = zip_fread(file.get(), head.data(), head.size());
  if (got < 0) fail(kDocxCorrupt);
  inflated_ += static_cast<uint64_t>(got);
  if (archive_magic(std::string_view(head.data(), static_cast<std::size_t>(got)))) {
    fail(kDocxLimits);
  }
}

std::optional<std::string> DocxArchive::read(const std::string& name, uint64_t max_bytes) {
  std::optional<EntryStream> entry = stream(name, 65536);
  if (!entry) return std::nullopt;
  if (entry->declared_size_ > max_bytes) fail(kDocxLimits);
  entry->reach(SIZE_MAX);
  return entry->take();
}

std::optional<uint64_t> DocxArchive::size(const std::string& name) {
  std::optional<uint64_t> index = locate(name);
  if (!index) return std::nullopt;
  return entry(*index).size;
}

std::optional<EntryStream> DocxArchive::stream(const std::string& name, std::size_t chunk_bytes) {
  std::optional<uint64_t> index = locate(name);
  if (!index) return std::nullopt;
  return EntryStream(*this, *index, chunk_bytes);
}

EntryStream::EntryStream(DocxArchive& archive, uint64_t index, std::size_t chunk_bytes)
    : archive_(&archive), index_(index), chunk_bytes_(std::max<std::size_t>(chunk_bytes, 1)) {
  const DocxArchive::Entry declared = archive.entry(index);
  declared_size_ = declared.size;
  declared_compressed_ = declared.compressed;
  // The declared size (within the limits, checked at open) is the buffer's for good: its
  // bytes never move, and a smaller real size leaves pages that are never touched.
  buffer_.reserve(static_cast<std::size_t>(declared_size_) + 1);
  open();
}

EntryStream::EntryStream(EntryStream&& other) noexcept
    : archive_(other.archive_),
      index_(other.index_),
      chunk_bytes_(other.chunk_bytes_),
      declared_size_(other.declared_size_),
      declared_compressed_(other.declared_compressed_),
      file_(std::exchange(other.file_, nullptr)),
      buffer_(std::move(other.buffer_)),
      released_(other.released_),
      counted_(other.counted_),
      finished_(other.finished_) {}

EntryStream::~EntryStream() {
  if (file_) zip_fclose(file_);
}

void EntryStream::open() {
  if (file_) zip_fclose(file_);
  file_ = zip_fopen_index(archive_->archive_, index_, 0);
  if (!file_) fail(kDocxCorrupt);
}

bool EntryStream::reach(std::size_t size) {
  const ExtractLimits& limits = archive_->limits_;
  while (buffer_.size() < size && !finished_) {
    const std::size_t at = buffer_.size();
    // A whole chunk, and up to one byte past the declared size to see a lie (the buffer has
    // room for it).
    const std::size_t room = static_cast<std::size_t>(declared_size_) + 1 - at;
    buffer_.resize(at + std::min(chunk_bytes_, room));
    zip_int64_t got = zip_fread(file_, buffer_.data() + at, buffer_.size() - at);
    if (got < 0) fail(kDocxCorrupt);
    buffer_.resize(at + static_cast<std::size_t>(got));
    if (got == 0) finished_ = true;
    if (buffer_.size() > counted_) {
      archive_->inflated_ += buffer_.size() - counted_;
      counted_ = buffer_.size();
    }
    // Declared sizes can lie: the real bytes answer to the same limits.
    if (buffer_.size() > declared_size_ || archive_->inflated_ > limits.max_docx_inflated_bytes ||
        over_ratio(buffer_.size(), declared_compressed_, limits.max_docx_ratio)) {
      fail(kDocxLimits);
    }
    archive_->deadline_.check();
  }
  return buffer_.size() >= size;
}

void EntryStream::release(std::size_t offset) {
#ifdef __linux__
  static const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
  const auto base = reinterpret_cast<std::uintptr_t>(buffer_.data());
  const std::uintptr_t from = std::max((base + page - 1) & ~(page - 1), base + released_);
  const std::uintptr_t to = (base + std::min(offset, buffer_.size())) & ~(page - 1);
  if (to <= from) return;
  madvise(reinterpret_cast<void*>(from), to - from, MADV_DONTNEED);
  released_ = to - base;
#else
  (void)offset;
#endif
}

std::string EntryStream::take() {
  released_ = 0;
  return std::move(buffer_);
}

void EntryStream::restart() {
  buffer_.clear();  // keeps the capacity, and so the bytes' place
  released_ = 0;
  finished_ = false;
  open();
}

}  // namespace aligncv::text::detail
