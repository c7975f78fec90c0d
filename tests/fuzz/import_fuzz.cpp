// libFuzzer target: arbitrary bytes as a job import in the format named by the first byte (JSON,
// JSON Lines, CSV) through match::parse_import. It may only throw aligncv::Error (a payload-level
// problem); every record it accepts must serialise to valid JSON and index without failing.
#include <aligncv/error.hpp>
#include <aligncv/match.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  static const aligncv::taxonomy::Taxonomy& taxonomy = aligncv::taxonomy::Taxonomy::builtin();
  if (size == 0) return 0;
  const auto format = static_cast<aligncv::match::ImportFormat>(data[0] % 3);
  const std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
  try {
    const aligncv::match::ImportBatch batch = aligncv::match::parse_import(body, format, taxonomy);
    aligncv::match::Index index(taxonomy);
    for (const auto& record : batch.records) {
      (void)aligncv::match::to_json(record.job).dump(-1, ' ', false, aligncv::Json::error_handler_t::strict);
      index.upsert(record.job);
    }
    aligncv::match::Filters filters;
    filters.query = "engineer python";
    (void)index.search(nullptr, filters, 5);
  } catch (const aligncv::Error&) {
  }
  return 0;
}
