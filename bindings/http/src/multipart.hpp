// multipart/form-data request bodies (RFC 7578, RFC 2046 §5.1) and the Content-Disposition
// headers of downloads (RFC 6266, RFC 8187). Protocol translation only: which parts a route needs
// and what their content must be is decided by the route and the engine.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aligncv::http {

// True when the media type (parameters aside, case-insensitive) is multipart/form-data.
bool is_multipart_form_data(std::string_view content_type);
// The `boundary` parameter of a Content-Type, unquoted; "" when it is absent or not a valid
// boundary (1..70 characters, not ending in a space).
std::string multipart_boundary(std::string_view content_type);

struct MultipartPart {
  std::string name;                     // the form field name ("" when the part has none)
  std::optional<std::string> filename;  // filename* (decoded) when given, else filename
  std::string content_type;             // as sent; "" when absent
  std::string_view data;                // the content, pointing into the parsed body
};

struct MultipartForm {
  std::vector<MultipartPart> parts;
  // The first part named `name`, or null.
  const MultipartPart* find(std::string_view name) const;
};

// Parts beyond this make the body unparsable: a bound on work for a hostile body.
inline constexpr std::size_t kMaxMultipartParts = 1000;

// Parses a whole multipart body. The parts' data point into `body`, which must outlive the form.
// Returns nullopt for a broken stream: no opening delimiter, a delimiter line not followed by
// CRLF, a part without the blank line ending its headers, a missing closing delimiter
// ("--boundary--"), or more than kMaxMultipartParts parts. A preamble before the first delimiter
// and an epilogue after the last are ignored, as RFC 2046 requires.
std::optional<MultipartForm> parse_multipart(std::string_view body, std::string_view boundary);

// The parameters of a header value such as `form-data; name="file"; filename="a.pdf"`:
// names lower-cased, quoted strings unquoted (\" and \\ unescaped; other backslashes kept, as
// browsers send Windows paths unescaped). The first item (the disposition type) is left out.
std::vector<std::pair<std::string, std::string>> header_parameters(std::string_view value);
// Decodes an RFC 8187 ext-value (`UTF-8''na%C3%AFve.pdf`) to UTF-8; ISO-8859-1 is converted.
// nullopt for another charset or a malformed value.
std::optional<std::string> decode_ext_value(std::string_view value);

// `attachment; filename="<ascii fallback>"; filename*=UTF-8''<percent-encoded name>`. The
// fallback replaces quotes, backslashes, '%', control and non-ASCII characters with '_'.
std::string attachment_disposition(std::string_view file_name);
// `attachment; filename="<ascii fallback of name>"` only.
std::string ascii_attachment_disposition(std::string_view file_name);
// The ASCII fallback on its own ("download" when nothing printable is left).
std::string ascii_file_name(std::string_view file_name);

}  // namespace aligncv::http
