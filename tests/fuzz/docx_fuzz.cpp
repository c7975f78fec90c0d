// libFuzzer target: arbitrary bytes uploaded as a .docx. Only aligncv::Error may come out, and
// whatever comes back keeps the Document contract (valid UTF-8, one hint per line).
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
  limits.max_docx_inflated_bytes = 8u << 20;  // keeps each run fast; the logic is the same
  try {
    auto doc =
        aligncv::text::extract("fuzz.docx", {reinterpret_cast<const char*>(data), size}, limits);
    auto newlines = static_cast<std::size_t>(std::count(doc.text.begin(), doc.text.end(), '\n'));
    if (doc.lines.size() != newlines + 1 || !aligncv::is_valid_utf8(doc.text)) __builtin_trap();
  } catch (const aligncv::Error&) {
  }
  return 0;
}
