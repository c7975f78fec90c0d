// libFuzzer target: arbitrary bytes as résumé text (a Document without layout hints) through
// resume::parse with the built-in taxonomy. parse() must never throw, crash or hang, and text
// that is valid UTF-8 (all text::extract produces) must give a profile that is valid UTF-8 too.
#include <aligncv/resume.hpp>

#include "common/text.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  static const aligncv::taxonomy::Taxonomy& taxonomy = aligncv::taxonomy::Taxonomy::builtin();
  aligncv::text::Document document;
  document.text.assign(reinterpret_cast<const char*>(data), size);
  aligncv::resume::ParseOptions options;
  options.reference_month = "2024-06";  // results must not depend on the clock
  aligncv::resume::ParseResult result = aligncv::resume::parse(document, taxonomy, options);
  // Serialising touches every string the parser produced; the strict handler throws (and so
  // aborts the run) on a string cut inside a UTF-8 sequence.
  const auto handler = aligncv::is_valid_utf8(document.text)
                           ? aligncv::Json::error_handler_t::strict
                           : aligncv::Json::error_handler_t::replace;
  (void)aligncv::resume::to_json(result.profile).dump(-1, ' ', false, handler);
  (void)aligncv::resume::to_json_resume(result.profile).dump(-1, ' ', false, handler);
  return 0;
}
