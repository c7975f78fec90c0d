#include "resume/scan.hpp"

#include "resume/dates.hpp"
#include "resume/util.hpp"

#include <string>

namespace aligncv::resume::detail {

namespace {

bool email_local_char(char c) {
  return is_ascii_alpha(c) || is_digit(c) || c == '.' || c == '_' || c == '%' || c == '+' ||
         c == '-' || c == '\'';
}
bool domain_char(char c) { return is_ascii_alpha(c) || is_digit(c) || c == '.' || c == '-'; }

bool url_char(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return u > 0x20 && c != '"' && c != '<' && c != '>' && c != '|' && c != '`' && u != 0x7F;
}

// Top-level domains accepted for bare domains (without http:// or www.).
constexpr const char* kTlds[] = {"com",   "org",     "net",    "io",    "dev",     "me",   "co",
                                 "ai",    "app",     "info",   "tech",  "xyz",     "site", "page",
                                 "eu",    "de",      "uk",     "fr",    "nl",      "es",   "it",
                                 "ca",    "au",      "in",     "ch",    "se",      "pl",   "us",
                                 "edu",   "design",  "studio", "blog",  "online",  "art",  "works",
                                 "space", "website", "codes",  "cloud", "digital", "jp",   "br"};

// Hosts whose presence makes a bare domain a link even without a path.
constexpr const char* kKnownHosts[] = {"linkedin.com",  "github.com",        "gitlab.com",
                                       "bitbucket.org", "stackoverflow.com", "twitter.com",
                                       "x.com",         "medium.com",        "behance.net",
                                       "dribbble.com",  "kaggle.com"};

}  // namespace

std::optional<Span> find_email(std::string_view s, std::size_t from) {
  std::size_t at = s.find('@', from);
  while (at != std::string_view::npos) {
    std::size_t b = at;
    while (b > from && email_local_char(s[b - 1])) --b;
    while (b < at && (s[b] == '.' || s[b] == '\'')) ++b;
    std::size_t e = at + 1;
    while (e < s.size() && domain_char(s[e])) ++e;
    while (e > at + 1 && (s[e - 1] == '.' || s[e - 1] == '-')) --e;
    std::string_view domain = s.substr(at + 1, e - at - 1);
    std::size_t dot = domain.rfind('.');
    if (b < at && dot != std::string_view::npos && dot > 0 && domain.size() - dot - 1 >= 2) {
      bool tld_alpha = true;
      for (char c : domain.substr(dot + 1)) tld_alpha = tld_alpha && is_ascii_alpha(c);
      if (tld_alpha) return Span{b, e};
    }
    at = s.find('@', at + 1);
  }
  return std::nullopt;
}

std::optional<Span> find_phone(std::string_view s, std::size_t from) {
  std::vector<DateMatch> dates;
  bool dates_done = false;
  std::size_t i = from;
  while (i < s.size()) {
    char c = s[i];
    bool start = (c == '+' && i + 1 < s.size() && (is_digit(s[i + 1]) || s[i + 1] == '(')) ||
                 (c == '(' && i + 1 < s.size() && (is_digit(s[i + 1]) || s[i + 1] == '+')) ||
                 is_digit(c);
    if (!start || (i > 0 && (is_digit(s[i - 1]) || is_ascii_alpha(s[i - 1]) || s[i - 1] == '.' ||
                             s[i - 1] == '/' || s[i - 1] == '-' || s[i - 1] == '+'))) {
      ++i;
      continue;
    }
    std::size_t j = i;
    int digits = 0, groups = 0, seps_in_row = 0, max_group = 0, cur_group = 0;
    std::size_t last_digit_end = i;
    bool bad = false;
    while (j < s.size()) {
      char d = s[j];
      if (is_digit(d)) {
        if (cur_group == 0) ++groups;
        ++digits;
        ++cur_group;
        max_group = cur_group > max_group ? cur_group : max_group;
        seps_in_row = 0;
        last_digit_end = j + 1;
      } else if (d == ' ' || d == '.' || d == '-' || d == '(' || d == ')' || d == '/' ||
                 (d == '+' && j == i)) {
        cur_group = 0;
        if (d != ')' && d != '(') ++seps_in_row;
        if (seps_in_row > 2 || (d == ' ' && j + 1 < s.size() && s[j + 1] == ' ')) break;
      } else if (static_cast<unsigned char>(d) == 0xE2 && j + 2 < s.size() &&
                 static_cast<unsigned char>(s[j + 1]) == 0x80 &&
                 (static_cast<unsigned char>(s[j + 2]) == 0x91 ||
                  static_cast<unsigned char>(s[j + 2]) == 0x93)) {
        // non-breaking hyphen or en dash between groups
        cur_group = 0;
        ++seps_in_row;
        j += 2;
      } else {
        if (is_ascii_alpha(d)) bad = last_digit_end == j;  // "123abc" is not a phone
        break;
      }
      ++j;
    }
    std::size_t end = last_digit_end;
    if (end < s.size() && s[end] == ')') ++end;
    // Balance brackets: drop a trailing "(" group that never closed.
    int open = 0;
    for (std::size_t k = i; k < end; ++k) open += s[k] == '(' ? 1 : s[k] == ')' ? -1 : 0;
    bool contiguous = groups == 1;
    bool plus = s[i] == '+';
    bool ok = !bad && digits >= 7 && digits <= 15 && open == 0 &&
              (!contiguous || plus || digits >= 10) && max_group <= (plus ? 15 : 12);
    if (ok) {
      if (!dates_done) {
        dates = find_dates(s);
        dates_done = true;
      }
      for (const auto& d : dates) {
        bool overlaps = d.begin < end && i < d.end;
        if (overlaps && (d.range || d.start.month != 0)) ok = false;
      }
    }
    if (ok) return Span{i, end};
    i = j > i ? j : i + 1;
  }
  return std::nullopt;
}

std::optional<Span> find_url(std::string_view s, std::size_t from) {
  std::size_t i = from;
  while (i < s.size()) {
    // Token boundaries: whitespace and brackets.
    while (i < s.size() && !url_char(s[i])) ++i;
    if (i >= s.size()) break;
    std::size_t b = i;
    while (b < s.size() && (s[b] == '(' || s[b] == '[' || s[b] == '\'')) ++b;
    std::size_t e = b;
    while (e < s.size() && url_char(s[e])) ++e;
    std::string_view token = s.substr(b, e - b);
    // Trailing punctuation belongs to the sentence.
    while (!token.empty() && (token.back() == '.' || token.back() == ',' || token.back() == ';' ||
                              token.back() == ')' || token.back() == ']' || token.back() == ':' ||
                              token.back() == '\'')) {
      token.remove_suffix(1);
    }
    bool is_url = false;
    if (istarts_with(token, "http://") || istarts_with(token, "https://")) {
      is_url = token.size() > 8;
    } else if (istarts_with(token, "www.") && token.size() > 6) {
      is_url = true;
    } else if (token.find('@') == std::string_view::npos &&
               token.find("..") == std::string_view::npos && token.size() >= 4) {
      std::size_t slash = token.find('/');
      std::string_view host = token.substr(0, slash);
      std::size_t dot = host.rfind('.');
      if (dot != std::string_view::npos && dot > 0 && dot + 1 < host.size()) {
        std::string tld = lower_ascii(host.substr(dot + 1));
        bool known_tld = false;
        for (const char* t : kTlds) known_tld = known_tld || tld == t;
        bool lower_host = true;
        for (char c : host) lower_host = lower_host && !(c >= 'A' && c <= 'Z');
        bool known_host = false;
        std::string lh = lower_ascii(host);
        for (const char* h : kKnownHosts) {
          std::string_view hv(h);
          known_host =
              known_host || lh == hv ||
              (lh.size() > hv.size() && iends_with(lh, hv) && lh[lh.size() - hv.size() - 1] == '.');
        }
        bool host_chars = true;
        for (char c : host)
          host_chars = host_chars && (is_ascii_alpha(c) || is_digit(c) || c == '.' || c == '-');
        is_url = host_chars && known_tld &&
                 (known_host || (slash != std::string_view::npos && slash + 1 < token.size()) ||
                  (lower_host && dot >= 2));
      }
    }
    if (is_url) return Span{b, b + token.size()};
    i = e;
  }
  return std::nullopt;
}

std::vector<Span> find_urls(std::string_view s) {
  std::vector<Span> out;
  std::size_t from = 0;
  while (auto u = find_url(s, from)) {
    out.push_back(*u);
    from = u->end;
  }
  return out;
}

ContactLabel contact_label(std::string_view s, std::size_t& value_from) {
  struct Entry {
    const char* word;
    ContactLabel label;
  };
  static constexpr Entry kLabels[] = {
      {"e-mail", ContactLabel::Email},       {"email", ContactLabel::Email},
      {"mail", ContactLabel::Email},         {"courriel", ContactLabel::Email},
      {"phone", ContactLabel::Phone},        {"telephone", ContactLabel::Phone},
      {"téléphone", ContactLabel::Phone},    {"telefon", ContactLabel::Phone},
      {"teléfono", ContactLabel::Phone},     {"telefone", ContactLabel::Phone},
      {"tel", ContactLabel::Phone},          {"mobile", ContactLabel::Phone},
      {"mob", ContactLabel::Phone},          {"cell", ContactLabel::Phone},
      {"handy", ContactLabel::Phone},        {"contact number", ContactLabel::Phone},
      {"phone number", ContactLabel::Phone}, {"location", ContactLabel::Location},
      {"address", ContactLabel::Location},   {"adresse", ContactLabel::Location},
      {"city", ContactLabel::Location},      {"based in", ContactLabel::Location},
      {"residence", ContactLabel::Location}, {"wohnort", ContactLabel::Location},
      {"ort", ContactLabel::Location},       {"ville", ContactLabel::Location},
      {"website", ContactLabel::Url},        {"web", ContactLabel::Url},
      {"homepage", ContactLabel::Url},       {"portfolio", ContactLabel::Url},
      {"blog", ContactLabel::Url},           {"url", ContactLabel::Url},
      {"site", ContactLabel::Url},           {"linkedin", ContactLabel::Profile},
      {"github", ContactLabel::Profile},     {"gitlab", ContactLabel::Profile},
      {"twitter", ContactLabel::Profile},    {"name", ContactLabel::Name},
      {"full name", ContactLabel::Name},
  };
  std::string_view t = s;
  std::size_t lead = 0;
  while (lead < t.size() && (t[lead] == ' ' || t[lead] == '\t')) ++lead;
  for (const auto& e : kLabels) {
    std::string_view w(e.word);
    if (!istarts_with(t.substr(lead), w)) continue;
    std::size_t k = lead + w.size();
    if (k < t.size() && (is_ascii_alpha(t[k]) || is_digit(t[k]))) continue;
    if (k < t.size() && t[k] == '.') ++k;  // "Tel."
    std::size_t c = k;
    while (c < t.size() && (t[c] == ' ' || t[c] == '\t')) ++c;
    bool colon = c < t.size() && (t[c] == ':' || t[c] == '=');
    std::string_view word(e.word);
    bool bare_ok = word == "email" || word == "e-mail" || word == "phone" || word == "telephone" ||
                   word == "tel" || word == "mobile" || word == "cell" || word == "location" ||
                   word == "address" || word == "linkedin" || word == "github" || word == "website";
    if (!colon && c >= t.size() && bare_ok) {
      // A label alone ("Email" in a table cell): its value is on the next line.
      value_from = t.size();
      return e.label;
    }
    if (!colon) {
      // "Tel +44 …" / "Phone 555…": a label without colon only in front of a phone number.
      if (e.label == ContactLabel::Phone && c > k && c < t.size() &&
          (is_digit(t[c]) || t[c] == '+' || t[c] == '(')) {
        value_from = c;
        return e.label;
      }
      continue;
    }
    ++c;
    while (c < t.size() && (t[c] == ' ' || t[c] == '\t')) ++c;
    value_from = c;
    return e.label;
  }
  value_from = 0;
  return ContactLabel::None;
}

}  // namespace aligncv::resume::detail
