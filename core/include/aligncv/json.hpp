// Values cross every boundary (HTTP, Python, files) as JSON with one set of field names.
#pragma once

#include <nlohmann/json.hpp>

namespace aligncv {
using Json = nlohmann::json;
}  // namespace aligncv
