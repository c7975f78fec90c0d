#include "text/docx_archive.hpp"

#include "common/text.hpp"

#include <zip.h>

#include <algorithm>
#include <array>
#include <memory>

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

// An archive inside the archive is refused by its first bytes, whatever its name.
void DocxArchive::check_not_nested(uint64_t index) {
  if (entry(index).size < 2) return;
  if (archive_magic(inflate(index, 4))) fail(kDocxLimits);
}

std::string DocxArchive::inflate(uint64_t index, uint64_t max_bytes) {
  const Entry declared = entry(index);
  ZipFile file(zip_fopen_index(archive_, index, 0));
  if (!file) fail(kDocxCorrupt);
  std::string out;
  // The declared size (within the limits, checked at open) spares the copies of growing; a
  // smaller real size leaves pages that are never touched.
  out.reserve(static_cast<std::size_t>(std::min(declared.size, max_bytes)));
  std::array<char, 65536> buffer;
  while (out.size() < max_bytes) {
    uint64_t want = std::min<uint64_t>(buffer.size(), max_bytes - out.size());
    zip_int64_t got = zip_fread(file.get(), buffer.data(), want);
    if (got < 0) fail(kDocxCorrupt);
    if (got == 0) break;
    out.append(buffer.data(), static_cast<std::size_t>(got));
    inflated_ += static_cast<uint64_t>(got);
    // Declared sizes can lie: the real bytes answer to the same limits.
    if (out.size() > declared.size || inflated_ > limits_.max_docx_inflated_bytes ||
        over_ratio(out.size(), declared.compressed, limits_.max_docx_ratio)) {
      fail(kDocxLimits);
    }
    deadline_.check();
  }
  return out;
}

std::optional<std::string> DocxArchive::read(const std::string& name) {
  zip_int64_t index = zip_name_locate(archive_, name.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return std::nullopt;
  return inflate(static_cast<uint64_t>(index), UINT64_MAX);
}

}  // namespace aligncv::text::detail
