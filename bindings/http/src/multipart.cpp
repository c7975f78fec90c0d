#include "multipart.hpp"

#include <cstdint>
#include <utility>

namespace aligncv::http {

namespace {

constexpr std::size_t kMaxBoundaryLength = 70;  // RFC 2046 §5.1.1

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t extra = 0;
    uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if ((c & 0xE0) == 0xC0) {
      extra = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + extra >= s.size()) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values beyond Unicode.
    if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += extra + 1;
  }
  return true;
}

// Whether a boundary ending at `after` is a real delimiter: followed by "--" (the close
// delimiter) or by optional spaces and CRLF.
bool ends_delimiter(std::string_view body, std::size_t after) {
  if (body.compare(after, 2, "--") == 0) return true;
  while (after < body.size() && is_space(body[after])) ++after;
  return body.compare(after, 2, "\r\n") == 0;
}

// Where "\r\n--boundary" starts at or after `from`, counting only real delimiters: content that
// merely begins like the boundary does not end a part.
std::size_t find_delimiter(std::string_view body, std::size_t from, std::string_view needle) {
  while (true) {
    const std::size_t at = body.find(needle, from);
    if (at == std::string_view::npos || ends_delimiter(body, at + needle.size())) return at;
    from = at + 1;
  }
}

// Applies the headers of one part (already unfolded) to it.
void apply_header(MultipartPart& part, std::string_view line) {
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return;  // not a header; tolerated
  const std::string_view name = trim(line.substr(0, colon));
  const std::string_view value = trim(line.substr(colon + 1));
  if (iequals(name, "Content-Type")) {
    part.content_type = std::string(value);
    return;
  }
  if (!iequals(name, "Content-Disposition")) return;
  std::optional<std::string> plain, extended;
  for (auto& [key, text] : header_parameters(value)) {
    if (key == "name") {
      part.name = std::move(text);
    } else if (key == "filename") {
      plain = std::move(text);
    } else if (key == "filename*") {
      extended = decode_ext_value(text);
    }
  }
  if (extended) {
    part.filename = std::move(extended);
  } else if (plain) {
    part.filename = std::move(plain);
  }
}

std::string percent_encode_attr(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3);
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    // attr-char of RFC 8187 §3.2.1.
    if (alnum || std::string_view("!#$&+-.^_`|~").find(c) != std::string_view::npos) {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0x0F];
    }
  }
  return out;
}

}  // namespace

bool is_multipart_form_data(std::string_view content_type) {
  return iequals(trim(content_type.substr(0, content_type.find(';'))), "multipart/form-data");
}

std::string multipart_boundary(std::string_view content_type) {
  for (auto& [key, value] : header_parameters(content_type)) {
    if (key != "boundary") continue;
    if (value.empty() || value.size() > kMaxBoundaryLength || value.back() == ' ') return {};
    for (char c : value) {
      const auto u = static_cast<unsigned char>(c);
      if (u < 0x20 || u >= 0x7F) return {};
    }
    return std::move(value);
  }
  return {};
}

std::vector<std::pair<std::string, std::string>> header_parameters(std::string_view value) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t i = value.find(';');
  while (i != std::string_view::npos && i < value.size()) {
    while (i < value.size() && (value[i] == ';' || is_space(value[i]))) ++i;
    if (i >= value.size()) break;
    std::size_t name_end = i;
    while (name_end < value.size() && value[name_end] != '=' && value[name_end] != ';') ++name_end;
    std::string name(trim(value.substr(i, name_end - i)));
    for (char& c : name) c = lower(c);
    i = name_end;
    if (i >= value.size() || value[i] == ';') {
      if (!name.empty()) out.emplace_back(std::move(name), std::string());
      continue;
    }
    ++i;  // '='
    while (i < value.size() && is_space(value[i])) ++i;
    std::string text;
    if (i < value.size() && value[i] == '"') {
      ++i;
      while (i < value.size() && value[i] != '"') {
        if (value[i] == '\\' && i + 1 < value.size() &&
            (value[i + 1] == '"' || value[i + 1] == '\\')) {
          ++i;
        }
        text += value[i++];
      }
      if (i < value.size()) ++i;  // closing quote (an unterminated string runs to the end)
      while (i < value.size() && value[i] != ';') ++i;
    } else {
      const std::size_t end = value.find(';', i);
      text = std::string(trim(value.substr(i, end == std::string_view::npos ? end : end - i)));
      i = end;
    }
    if (!name.empty()) out.emplace_back(std::move(name), std::move(text));
  }
  return out;
}

std::optional<std::string> decode_ext_value(std::string_view value) {
  const std::size_t first = value.find('\'');
  if (first == std::string_view::npos) return std::nullopt;
  const std::size_t second = value.find('\'', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  const std::string_view charset = trim(value.substr(0, first));
  const bool utf8 = iequals(charset, "UTF-8");
  if (!utf8 && !iequals(charset, "ISO-8859-1")) return std::nullopt;
  std::string bytes;
  for (std::size_t i = second + 1; i < value.size(); ++i) {
    if (value[i] != '%') {
      bytes += value[i];
      continue;
    }
    if (i + 2 >= value.size()) return std::nullopt;
    const int hi = hex_value(value[i + 1]);
    const int lo = hex_value(value[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    bytes += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  if (utf8) {
    if (!is_valid_utf8(bytes)) return std::nullopt;
    return bytes;
  }
  std::string out;  // ISO-8859-1: each byte is the code point of the same value
  for (char c : bytes) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x80) {
      out += c;
    } else {
      out += static_cast<char>(0xC0 | (u >> 6));
      out += static_cast<char>(0x80 | (u & 0x3F));
    }
  }
  return out;
}

const MultipartPart* MultipartForm::find(std::string_view name) const {
  for (const MultipartPart& part : parts) {
    if (part.name == name) return &part;
  }
  return nullptr;
}

std::optional<MultipartForm> parse_multipart(std::string_view body, std::string_view boundary) {
  if (boundary.empty()) return std::nullopt;
  std::string needle = "\r\n--";  // a delimiter: CRLF, "--", the boundary
  needle += boundary;
  const std::string_view dash_boundary = std::string_view(needle).substr(2);

  // The first delimiter opens the body, or ends a preamble (then it has its CRLF).
  std::size_t pos = 0;
  if (body.compare(0, dash_boundary.size(), dash_boundary) == 0 &&
      ends_delimiter(body, dash_boundary.size())) {
    pos = dash_boundary.size();
  } else {
    const std::size_t at = find_delimiter(body, 0, needle);
    if (at == std::string_view::npos) return std::nullopt;
    pos = at + needle.size();
  }

  MultipartForm form;
  while (true) {
    // Just after a boundary: "--" closes the body (the epilogue is ignored), else LWSP CRLF.
    if (body.compare(pos, 2, "--") == 0) return form;
    while (pos < body.size() && is_space(body[pos])) ++pos;
    if (body.compare(pos, 2, "\r\n") != 0) return std::nullopt;
    pos += 2;
    if (form.parts.size() >= kMaxMultipartParts) return std::nullopt;

    MultipartPart part;
    std::string header;  // the current header, with folded continuation lines joined
    while (true) {
      const std::size_t eol = body.find("\r\n", pos);
      if (eol == std::string_view::npos) return std::nullopt;
      const std::string_view line = body.substr(pos, eol - pos);
      pos = eol + 2;
      if (!line.empty() && is_space(line.front()) && !header.empty()) {
        header += ' ';
        header += trim(line);
        continue;
      }
      if (!header.empty()) apply_header(part, header);
      if (line.empty()) break;
      header.assign(line);
    }

    const std::size_t end = find_delimiter(body, pos, needle);
    if (end == std::string_view::npos) return std::nullopt;
    part.data = body.substr(pos, end - pos);
    pos = end + needle.size();
    form.parts.push_back(std::move(part));
  }
}

std::string ascii_file_name(std::string_view file_name) {
  std::string out;
  out.reserve(file_name.size());
  for (char c : file_name) {
    const auto u = static_cast<unsigned char>(c);
    if ((u & 0xC0) == 0x80) continue;  // a UTF-8 continuation byte: its lead byte gave one '_'
    const bool safe = u >= 0x20 && u < 0x7F && c != '"' && c != '\\' && c != '%';
    out += safe ? c : '_';
  }
  const std::string_view trimmed = trim(out);
  if (trimmed.empty()) return "download";
  return std::string(trimmed);
}

std::string ascii_attachment_disposition(std::string_view file_name) {
  return "attachment; filename=\"" + ascii_file_name(file_name) + "\"";
}

std::string attachment_disposition(std::string_view file_name) {
  return ascii_attachment_disposition(file_name) + "; filename*=UTF-8''" +
         percent_encode_attr(file_name);
}

}  // namespace aligncv::http
