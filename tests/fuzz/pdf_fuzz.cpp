// libFuzzer target: arbitrary bytes uploaded as a .pdf. Only aligncv::Error may come out, and
// whatever comes back keeps the Document contract (valid UTF-8, one hint per line, pages).
#include <aligncv/document.hpp>
#include <aligncv/error.hpp>

#include "common/text.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  aligncv::text::ExtractLimits limits;
  limits.time_budget_ms = 2000;
  limits.max_pdf_pages = 5;
  limits.pdf_in_child = false;  // the same reading, where the fuzzer sees its coverage
  try {
    auto doc =
        aligncv::text::extract("fuzz.pdf", {reinterpret_cast<const char*>(data), size}, limits);
    auto newlines = static_cast<std::size_t>(std::count(doc.text.begin(), doc.text.end(), '\n'));
    if (doc.lines.size() != newlines + 1 || !aligncv::is_valid_utf8(doc.text)) __builtin_trap();
    for (const auto& hint : doc.lines) {
      if (hint.page < 0 || hint.page > doc.pages) __builtin_trap();
    }
  } catch (const aligncv::Error&) {
  }
  return 0;
}
