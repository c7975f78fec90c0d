// The files of bindings/http/web/, embedded into the library at build time (see
// bindings/http/cmake/embed_web.cmake), so `aligncv serve` needs no files next to the binary.
#pragma once

#include <string_view>

namespace aligncv::http {

// The bytes of web/<name> ("index.html", "app.js", "docs.html"); empty if there is no such file.
std::string_view web_asset(std::string_view name);

}  // namespace aligncv::http
