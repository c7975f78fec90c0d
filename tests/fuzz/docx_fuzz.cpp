// libFuzzer target: arbitrary bytes uploaded as a .docx. Only aligncv::Error may come out, and
// whatever comes back keeps the Document contract (valid UTF-8, one hint per line). The reader
// also gives exactly the same lines, hints, links or error when it reads every part in pieces
// (the piece size made tiny, so that inputs of a few KiB take that path) as when it parses each
// part whole.
#include <aligncv/document.hpp>
#include <aligncv/error.hpp>

#include "common/text.hpp"
#include "text/internal.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace {

// Everything the reader gave, or its error; `timed_out` when the time budget ran out (the only
// outcome that may differ between two reads).
std::string read_docx(std::string_view bytes, const aligncv::text::ExtractLimits& limits,
                      std::size_t piece_bytes, bool& timed_out) {
  namespace detail = aligncv::text::detail;
  try {
    detail::Deadline deadline(limits.time_budget_ms);
    detail::TextBuilder builder;
    std::vector<std::string> links =
        detail::extract_docx(bytes, limits, deadline, builder, piece_bytes);
    auto doc = builder.finish(aligncv::text::FileType::Docx, 0, std::move(links));
    std::string out = doc.text + "\n";
    for (const auto& hint : doc.lines) {
      out += std::to_string(hint.heading_level) + (hint.list_item ? "L" : "-") +
             (hint.table_cell ? "T" : "-") + (hint.sidebar ? "S" : "-") +
             std::to_string(hint.page) + "\n";
    }
    for (const auto& link : doc.links) out += "link " + link + "\n";
    return out;
  } catch (const aligncv::Error& e) {
    timed_out = timed_out || e.detail() == detail::kTooLong;
    return "error " + e.detail();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  aligncv::text::ExtractLimits limits;
  limits.time_budget_ms = 2000;
  // Keeps each run fast, and keeps every part and element under the 4 MiB that reading in pieces
  // holds whole at most (whole parts have no such limit, so the two could not be compared).
  limits.max_docx_inflated_bytes = 4u << 20;
  limits.max_docx_text_bytes = 64u << 10;  // reached by inputs of a few KiB
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    auto doc = aligncv::text::extract("fuzz.docx", bytes, limits);
    auto newlines = static_cast<std::size_t>(std::count(doc.text.begin(), doc.text.end(), '\n'));
    if (doc.lines.size() != newlines + 1 || !aligncv::is_valid_utf8(doc.text)) __builtin_trap();
  } catch (const aligncv::Error&) {
  }

  bool timed_out = false;
  const std::string whole =
      read_docx(bytes, limits, std::numeric_limits<std::size_t>::max(), timed_out);
  for (std::size_t piece_bytes : {std::size_t{0}, std::size_t{200}}) {
    const std::string pieces = read_docx(bytes, limits, piece_bytes, timed_out);
    if (!timed_out && pieces != whole) __builtin_trap();
  }
  return 0;
}
