// Scanners for contact tokens inside a line: e-mail addresses, phone numbers (any national
// format, kept as written), web addresses, and the labels résumés put in front of them.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace aligncv::resume::detail {

struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string_view of(std::string_view s) const { return s.substr(begin, end - begin); }
};

std::optional<Span> find_email(std::string_view s, std::size_t from = 0);
// A phone number: 7–15 digits in groups with blanks, dots, dashes, slashes or brackets, an
// optional leading '+'; date ranges and years are never phones.
std::optional<Span> find_phone(std::string_view s, std::size_t from = 0);
// http(s)://…, www.…, or a bare domain with a path or a common top-level domain.
std::optional<Span> find_url(std::string_view s, std::size_t from = 0);
std::vector<Span> find_urls(std::string_view s);

enum class ContactLabel { None, Email, Phone, Location, Url, Profile, Name };
// "Email:", "Tel.", "Mobile:", "Location:", "Address:", "LinkedIn:", ... at the start of s;
// `value_from` is set to where the value begins (after the colon, may be the end of s).
ContactLabel contact_label(std::string_view s, std::size_t& value_from);

}  // namespace aligncv::resume::detail
