// A fast JSON reader for well-formed input: the same Json tree as nlohmann's parser, without its
// byte-at-a-time string building (an import reads tens of MB of postings).
#pragma once

#include <aligncv/json.hpp>

#include <string_view>

namespace aligncv {

// Reads `text` into `out` exactly as Json::parse would, for the input it accepts. Returns false
// for anything else: malformed JSON, and the rare well-formed input it leaves to nlohmann (deep
// nesting, numbers out of 64-bit range or not exactly representable, a byte order mark). The
// caller then parses with nlohmann, which accepts it or words the error.
bool read_json(std::string_view text, Json& out);

}  // namespace aligncv
