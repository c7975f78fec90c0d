#pragma once

namespace aligncv {
// Version of the library and its /v2 API.
inline constexpr const char* kVersion = "2.0.0";
}  // namespace aligncv
