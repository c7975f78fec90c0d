// Private pieces shared by the text extractors: the messages of api-v2.md §3, the time budget
// and the per-format entry points that extract.cpp dispatches to.
#pragma once

#include <aligncv/document.hpp>
#include <aligncv/error.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

namespace aligncv::text::detail {

// Upload errors, word for word as the HTTP contract shows them.
inline constexpr const char* kLegacyDoc = "Legacy .doc is not supported; save as .docx or PDF";
inline constexpr const char* kUnsupportedType = "Only PDF, DOCX and TXT files are supported";
inline constexpr const char* kEmptyFile = "Uploaded file is empty";
inline constexpr const char* kTypeMismatch = "File content does not match its extension";
inline constexpr const char* kPdfEncrypted = "PDF is encrypted; upload an unprotected copy";
inline constexpr const char* kPdfCorrupt =
    "PDF could not be read; the file is corrupt or not a PDF";
inline constexpr const char* kDocxCorrupt =
    "DOCX could not be read; the file is corrupt or not a DOCX document";
inline constexpr const char* kDocxLimits = "DOCX exceeds safe decompression limits";
inline constexpr const char* kDocxForbiddenXml = "DOCX contains a forbidden XML construct";
inline constexpr const char* kTextNotUtf8 = "Text file is not valid UTF-8";
inline constexpr const char* kTooLong = "Document took too long to process";

std::string pdf_too_many_pages(int max_pages);  // "PDF has more than 50 pages"

[[noreturn]] void fail(const char* message);  // throws Error(InvalidArgument, message)

// The wall-clock budget of one extraction. A budget of 0 or less is spent from the start, so
// the first check fails (tests rely on that to reach the error deterministically).
class Deadline {
 public:
  explicit Deadline(int budget_ms)
      : start_(std::chrono::steady_clock::now()), budget_(std::chrono::milliseconds(budget_ms)) {}
  bool expired() const { return std::chrono::steady_clock::now() - start_ >= budget_; }
  void check() const {
    if (expired()) fail(kTooLong);
  }
  int remaining_ms() const {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        budget_ - (std::chrono::steady_clock::now() - start_));
    return static_cast<int>(std::clamp<long long>(left.count(), 0, INT32_MAX));
  }

 private:
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::duration budget_;
};

// One line of extracted text before the shared clean-up in extract.cpp. `text` may still hold
// '\n' (it is split there, each part keeping the hint).
struct Line {
  std::string text;
  LineHint hint;
};

struct Extracted {
  std::vector<Line> lines;
  std::vector<std::string> links;
  int pages = 0;
};

// Builds a Document from raw lines, one at a time: cleans the characters, splits on '\n' (each
// part keeping the hint), strips trailing space, keeps at most one blank line in a row and none
// at either end. Lines go straight into the document's text, so a large input is never held a
// second time as per-line strings.
class TextBuilder {
 public:
  // Capacity hints (bytes of text, number of lines); exceeding them is fine.
  void reserve(std::size_t text_bytes, std::size_t lines);
  void add(std::string_view text, const LineHint& hint);
  Document finish(FileType type, int pages, std::vector<std::string> links);

 private:
  Document doc_;
  bool blank_pending_ = false;  // a blank line after the last one kept, written before the next
  int blank_page_ = 0;
};

Extracted extract_pdf(std::string_view bytes, const ExtractLimits& limits,
                      const Deadline& deadline);
// A one-page PDF drawing `content` (a content stream; font /F1 is Helvetica): poppler's warm-up
// and the tests' crafted pages.
std::string one_page_pdf(std::string_view content);
// `work` run in a child process (POSIX) that is killed when the deadline passes (kTooLong), may
// use `memory_bytes` more than it starts with, and whose crash or unexpected exception is
// `failure`; an aligncv::Error it throws is thrown here. Where there is no fork, `work` runs here.
// `fork_lock` is held exclusively while forking, so that no thread of this process is inside a
// library the child uses (and holds its locks) at that moment: other users hold it shared.
Extracted extract_in_child(const std::function<Extracted()>& work, const Deadline& deadline,
                           std::size_t memory_bytes, const char* failure,
                           std::shared_mutex& fork_lock);
// DOCX text straight into `out` (headers, the body, footers); returns the hyperlink targets.
// Parts and elements larger than `piece_bytes` are read in pieces, so that pugixml's tree (larger
// than the XML it holds) is never one of a whole large part. Tests and the fuzz target compare
// small pieces with whole parts (SIZE_MAX): the output is the same.
inline constexpr std::size_t kDocxPieceBytes = std::size_t{1} << 20;
std::vector<std::string> extract_docx(std::string_view bytes, const ExtractLimits& limits,
                                      const Deadline& deadline, TextBuilder& out,
                                      std::size_t piece_bytes = kDocxPieceBytes);
// TXT and Markdown, straight into `out` (a text file is one line per line of input, up to the
// upload limit: no intermediate copy). `markdown` turns '#' headings into hints.
void extract_plain(std::string_view bytes, bool markdown, TextBuilder& out);

// True when the trimmed line starts with a bullet glyph ("•", "▪", "- ", "* ", ...).
bool starts_with_bullet(std::string_view line);

}  // namespace aligncv::text::detail
