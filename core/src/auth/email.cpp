// E-mail syntax (api-v2.md §2.1). Reasons read like python email-validator's, which the existing
// clients display after "value is not a valid email address: ".
#include <aligncv/auth.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/text.hpp"

namespace aligncv::auth {

namespace {

constexpr std::size_t kLocalMax = 64;
constexpr std::size_t kDomainMax = 253;
constexpr std::size_t kLabelMax = 63;
constexpr std::size_t kEmailMax = 254;

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// RFC 5322 atext.
bool is_atext(char c) {
  return is_alpha(c) || is_digit(c) ||
         std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

bool is_domain_char(char c) { return is_alpha(c) || is_digit(c) || c == '-' || c == '.'; }

std::string too_many(std::size_t length, std::size_t limit) {
  std::size_t diff = length - limit;
  return "(" + std::to_string(diff) + " character" + (diff == 1 ? "" : "s") + " too many)";
}

// How email-validator shows a character: quoted if printable, else its name or code point.
std::string display_char(std::string_view cp) {
  if (cp.size() == 1) {
    auto c = static_cast<unsigned char>(cp[0]);
    if (c == ' ') return "SPACE";
    if (c == '\\') return "\"\\\"";
    if (c < 0x20 || c == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "U+%04X", c);
      return buf;
    }
  }
  return "'" + std::string(cp) + "'";
}

// Sorted, distinct display forms of the code points in `part` that `allowed` rejects.
template <typename Allowed>
std::string bad_chars(std::string_view part, Allowed allowed) {
  std::set<std::string> bad;
  for (std::size_t i = 0; i < part.size();) {
    std::size_t len = 1;
    auto lead = static_cast<unsigned char>(part[i]);
    if (lead >= 0xF0)
      len = 4;
    else if (lead >= 0xE0)
      len = 3;
    else if (lead >= 0xC0)
      len = 2;
    len = std::min(len, part.size() - i);
    std::string_view cp = part.substr(i, len);
    if (len > 1 || !allowed(cp[0])) bad.insert(display_char(cp));
    i += len;
  }
  std::string out;
  for (const std::string& b : bad) {
    if (!out.empty()) out += ", ";
    out += b;
  }
  return out;
}

// RFC 5322 dot-atom rules (and RFC 952 hyphen rules for host names), in email-validator's order.
std::string dot_atom_problem(std::string_view label, const std::string& start_descr,
                             const std::string& end_descr, bool is_hostname) {
  auto fill = [](const std::string& descr, const char* what) {
    std::string out = descr;
    out.replace(out.find("{}"), 2, what);
    return out;
  };
  if (label.back() == '.') return fill(end_descr, "period");
  if (label.front() == '.') return fill(start_descr, "period");
  if (label.find("..") != std::string_view::npos) {
    return "An email address cannot have two periods in a row.";
  }
  if (is_hostname) {
    if (label.back() == '-') return fill(end_descr, "hyphen");
    if (label.front() == '-') return fill(start_descr, "hyphen");
    if (label.find(".-") != std::string_view::npos || label.find("-.") != std::string_view::npos) {
      return "An email address cannot have a period and a hyphen next to each other.";
    }
  }
  return {};
}

std::string local_part_problem(std::string_view local) {
  if (local.empty()) return "There must be something before the @-sign.";
  std::size_t length = utf8_length(local);
  if (length > kLocalMax) {
    return "The email address is too long before the @-sign " + too_many(length, kLocalMax) + ".";
  }
  std::string bad = bad_chars(local, [](char c) { return is_atext(c) || c == '.'; });
  if (!bad.empty()) {
    return "The email address contains invalid characters before the @-sign: " + bad + ".";
  }
  return dot_atom_problem(local, "An email address cannot start with a {}.",
                          "An email address cannot have a {} immediately before the @-sign.",
                          false);
}

std::string domain_problem(std::string_view domain) {
  if (domain.empty()) return "There must be something after the @-sign.";
  std::string bad = bad_chars(domain, is_domain_char);
  if (!bad.empty()) return "The part after the @-sign contains invalid characters: " + bad + ".";
  std::string dots =
      dot_atom_problem(domain, "An email address cannot have a {} immediately after the @-sign.",
                       "An email address cannot end with a {}.", true);
  if (!dots.empty()) return dots;
  if (domain.size() > kDomainMax) return "The email address is too long after the @-sign.";
  std::vector<std::string> labels = split(domain, '.');
  for (const std::string& label : labels) {
    if (label.size() > kLabelMax) {
      return "After the @-sign, periods cannot be separated by so many characters " +
             too_many(label.size(), kLabelMax) + ".";
    }
  }
  if (labels.size() < 2) return "The part after the @-sign is not valid. It should have a period.";
  const std::string& tld = labels.back();
  if (tld.find_first_not_of("0123456789") == std::string::npos) {
    return "The part after the @-sign is not valid. It is not within a valid top-level domain.";
  }
  return {};
}

}  // namespace

std::string email_problem(std::string_view email) {
  if (!is_valid_utf8(email)) return "The email address contains invalid characters.";
  std::size_t at = email.rfind('@');
  if (at == std::string_view::npos) return "An email address must have an @-sign.";
  // Splitting at the last '@' makes any other '@' an invalid character of the local part.
  std::string problem = local_part_problem(email.substr(0, at));
  if (problem.empty()) problem = domain_problem(email.substr(at + 1));
  if (problem.empty() && email.size() > kEmailMax) {
    problem = "The email address is too long " + too_many(email.size(), kEmailMax) + ".";
  }
  return problem;
}

std::string normalize_email(std::string_view email) {
  std::string out = trim(email);
  std::size_t at = out.rfind('@');
  if (at == std::string::npos) return out;
  return out.substr(0, at + 1) + to_lower_ascii(std::string_view(out).substr(at + 1));
}

std::string email_key(std::string_view email) { return to_lower_ascii(trim(email)); }

}  // namespace aligncv::auth
