// Contact block: name, headline, e-mail, phone, web and social profiles, location.
#include "common/text.hpp"
#include "resume/dates.hpp"
#include "resume/entries.hpp"
#include "resume/fields.hpp"
#include "resume/lexicon.hpp"
#include "resume/scan.hpp"
#include "resume/util.hpp"

#include <algorithm>

namespace aligncv::resume::detail {

namespace {

bool name_particle(std::string_view w) {
  for (std::string_view p :
       {"van", "von", "der",   "den",  "de", "da",  "di",  "du",  "del", "della", "la",
        "le",  "bin", "binti", "bint", "al", "el",  "y",   "e",   "dos", "das",   "do",
        "ten", "ter", "zu",    "af",   "av", "st.", "mac", "ibn", "ben"}) {
    if (w == p) return true;
  }
  return false;
}

// Credentials after a name: "Jane Doe, PhD", "John Smith, MBA, PMP".
std::string_view strip_credentials(std::string_view t) {
  std::size_t comma = t.find(',');
  if (comma == std::string_view::npos) return t;
  std::string_view rest = t.substr(comma + 1);
  for (auto w : words(rest)) {
    std::string_view c = trim_punct(w, ",.");
    // Credentials are short and mostly capitals: PhD, MBA, P.Eng, CPA, MSc.
    int upper = 0;
    std::size_t i = 0;
    while (i < c.size()) upper += is_upper_cp(next_cp(c, i)) ? 1 : 0;
    if (c.size() > 6 || upper == 0) return t;
  }
  return trim_view(t.substr(0, comma));
}

bool looks_like_name(std::string_view text, Context& ctx) {
  std::string_view t = strip_credentials(trim_view(text));
  if (t.size() < 2 || t.size() > 60 || has_digit(t)) return false;
  for (char c : t) {
    if (c == '@' || c == '/' || c == ':' || c == '|' || c == '(' || c == ')' || c == ',' ||
        c == ';' || c == '!' || c == '?' || c == '&' || c == '+' || c == '#' || c == '=' ||
        c == '_' || c == '"' || c == '*' || c == '<' || c == '>' || c == '[' || c == ']' ||
        c == '%' || c == '$') {
      return false;
    }
  }
  auto ws = words(t);
  if (ws.empty() || ws.size() > 6) return false;
  int real_words = 0;
  for (auto w : ws) {
    if (!has_letter(w)) return false;
    if (name_particle(w)) continue;
    if (!starts_upper(w)) return false;
    if (utf8_length(w) >= 2) ++real_words;
  }
  if (real_words == 0) return false;
  if (classify_heading(t)) return false;
  std::string l = lower_ascii(t);
  for (std::string_view stop : {"curriculum", "vitae", "resume", "résumé", "cv", "lebenslauf",
                                "currículum", "page", "contact", "confidential", "references"}) {
    if (ifind_word(l, stop) != std::string_view::npos) return false;
  }
  if (title_score_with(ctx, t) >= 3) return false;
  if (country_code(t)) return false;
  return true;
}

bool is_date_line(std::string_view t) {
  auto m = find_date_range(t);
  return m && m->range;
}

bool headline_like(std::string_view t) {
  if (t.empty() || !has_letter(t) || word_count(t) > 12 || utf8_length(t) > 100) return false;
  if (digit_count(t) >= 4) return false;  // an address or a postal code, not a headline
  if (looks_like_contact_line(t) || (classify_heading(t) && !is_weak_heading(t)) || is_date_line(t))
    return false;
  if (looks_like_prose(t) || t.back() == '.') return false;
  return true;
}

// A place as printed in a contact block: "Berlin", "Austin, TX", "10115 Berlin, Germany".
bool place_like(std::string_view t, Context& ctx) {
  t = trim_view(t);
  if (t.empty() || !has_letter(t) || word_count(t) > 6 || utf8_length(t) > 60) return false;
  if (digit_count(t) > 12) return false;  // a street number and a postal code at most
  if (looks_like_contact_line(t) || classify_heading(t) || is_date_line(t)) return false;
  for (char c : t) {
    if (c == '@' || c == '|' || c == ':' || c == '/' || c == '#' || c == '*') return false;
  }
  if (!(starts_upper(t) || is_digit(t.front()))) return false;
  if (title_score_with(ctx, t) >= 3) return false;
  for (std::string_view title :
       {"curriculum vitae", "lebenslauf", "resume", "résumé", "cv", "currículum"}) {
    if (iequals(trim_punct(t, ".:"), title)) return false;
  }
  return true;
}

Location parse_location(std::string_view text) {
  Location loc;
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t comma = text.find(',', start);
    std::string_view p =
        trim_view(text.substr(start, comma == std::string_view::npos ? text.npos : comma - start));
    if (!p.empty()) parts.emplace_back(p);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (parts.empty()) return loc;
  if (parts.size() >= 2 || looks_like_place(parts.back())) {
    if (auto cc = country_code(parts.back())) {
      loc.countryCode = *cc;
      parts.pop_back();
    }
  }
  if (parts.size() >= 2) {
    auto ws = words(parts.back());
    if (!ws.empty() && is_region_code(ws[0])) {
      loc.region = std::string(trim_punct(ws[0], "."));
      parts.pop_back();
    } else if (word_count(parts.back()) <= 3 && !has_digit(parts.back())) {
      loc.region = parts.back();
      parts.pop_back();
    }
  }
  // A street line in front of the city: keep the last remaining part.
  while (parts.size() >= 2 && has_digit(parts.front())) parts.erase(parts.begin());
  if (!parts.empty()) {
    std::string city;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (i) city += ", ";
      city += parts[i];
    }
    // Postal codes around the city name ("10115 Berlin", "London SW1A 1AA" stays as is).
    auto ws = words(city);
    while (ws.size() >= 2 && digit_count(ws.front()) == ws.front().size()) ws.erase(ws.begin());
    while (ws.size() >= 2 && digit_count(ws.back()) == ws.back().size()) ws.pop_back();
    std::string cleaned;
    for (auto w : ws) {
      if (!cleaned.empty()) cleaned += ' ';
      cleaned += w;
    }
    if (!cleaned.empty() && has_letter(cleaned)) loc.city = cleaned;
  }
  return loc;
}

// An address line: a street with its number, then a postal code and a city.
bool split_place_of(std::string_view t) {
  std::size_t comma = t.find(',');
  if (comma == std::string_view::npos) return false;
  std::string_view tail = trim_view(t.substr(comma + 1));
  auto ws = words(tail);
  return has_digit(t.substr(0, comma)) && ws.size() >= 2 && digit_count(ws[0]) >= 4 &&
         has_letter(ws[1]);
}

struct ProfileSite {
  const char* host;
  const char* network;
};
constexpr ProfileSite kSites[] = {{"linkedin.com", "LinkedIn"},
                                  {"github.com", "GitHub"},
                                  {"gitlab.com", "GitLab"},
                                  {"bitbucket.org", "Bitbucket"},
                                  {"twitter.com", "Twitter"},
                                  {"x.com", "X"},
                                  {"stackoverflow.com", "StackOverflow"},
                                  {"medium.com", "Medium"},
                                  {"behance.net", "Behance"},
                                  {"dribbble.com", "Dribbble"},
                                  {"kaggle.com", "Kaggle"},
                                  {"xing.com", "XING"},
                                  {"facebook.com", "Facebook"},
                                  {"instagram.com", "Instagram"}};

std::string with_scheme(std::string_view url) {
  if (istarts_with(url, "http://") || istarts_with(url, "https://")) return std::string(url);
  return "https://" + std::string(url);
}

// A social profile from a URL, or nullopt for an ordinary web address.
std::optional<SocialProfile> profile_of(std::string_view url) {
  std::string_view u = url;
  for (std::string_view scheme : {"https://", "http://"}) {
    if (istarts_with(u, scheme)) u.remove_prefix(scheme.size());
  }
  if (istarts_with(u, "www.")) u.remove_prefix(4);
  std::size_t slash = u.find('/');
  std::string host = lower_ascii(u.substr(0, slash));
  std::string_view path =
      slash == std::string_view::npos ? std::string_view() : u.substr(slash + 1);
  for (const auto& site : kSites) {
    std::string_view h(site.host);
    bool match = host == h || (host.size() > h.size() && iends_with(host, h) &&
                               host[host.size() - h.size() - 1] == '.');
    if (!match) continue;
    // Path segments; the user name is the first meaningful one.
    std::vector<std::string_view> segs;
    std::size_t p = 0;
    while (p < path.size()) {
      std::size_t q = path.find_first_of("/?#", p);
      std::string_view seg = path.substr(p, q == std::string_view::npos ? path.npos : q - p);
      if (!seg.empty()) segs.push_back(seg);
      if (q == std::string_view::npos || path[q] != '/') break;
      p = q + 1;
    }
    std::string username;
    for (std::size_t i = 0; i < segs.size(); ++i) {
      std::string_view s = segs[i];
      if (iequals(s, "in") || iequals(s, "pub") || iequals(s, "u") || iequals(s, "users") ||
          iequals(s, "company") || iequals(s, "profile")) {
        continue;
      }
      if (std::string_view(site.network) == "StackOverflow" && !segs.empty() &&
          i + 1 < segs.size() && digit_count(s) == s.size()) {
        continue;  // stackoverflow.com/users/123/name
      }
      username = std::string(s);
      if (!username.empty() && username.front() == '@') username.erase(0, 1);
      break;
    }
    SocialProfile sp;
    sp.network = site.network;
    sp.username = username;
    sp.url = with_scheme(url);
    return sp;
  }
  return std::nullopt;
}

}  // namespace

void parse_contact(Context& ctx, const std::vector<Region>& regions) {
  const auto& lines = ctx.lines;
  Basics& b = ctx.profile.basics;
  std::vector<int> cl;  // contact lines, document order
  for (const auto& r : regions) {
    if (r.kind != SectionKind::Contact) continue;
    if (r.heading_line >= 0 && r.inline_from != std::string_view::npos)
      cl.push_back(r.heading_line);
    for (int i = r.begin; i < r.end; ++i) {
      if (!lines[i].blank && !lines[i].underline) cl.push_back(i);
    }
  }
  int first_content = -1;
  for (int i = 0; i < static_cast<int>(lines.size()); ++i) {
    if (!lines[i].blank) {
      first_content = i;
      break;
    }
  }
  if (cl.empty() && first_content >= 0) {
    // No contact block found: the first lines before any section heading.
    int stop = static_cast<int>(lines.size());
    for (const auto& r : regions) {
      if (r.heading_line >= 0) {
        stop = r.heading_line;
        break;
      }
    }
    for (int i = first_content; i < stop && cl.size() < 6; ++i) {
      if (!lines[i].blank) cl.push_back(i);
    }
  }
  std::sort(cl.begin(), cl.end());
  cl.erase(std::unique(cl.begin(), cl.end()), cl.end());

  // Name: a styled title line first, then the first name-like line of a contact block.
  int name_idx = -1;
  std::string name;
  std::string name_rest;  // "Jane Doe | Backend Engineer": the headline on the name's line
  auto try_name = [&](int i) {
    std::string_view t = lines[i].text;
    if (looks_like_name(t, ctx)) {
      name = collapse_ws(strip_credentials(t));
      name_idx = i;
      return true;
    }
    auto parts = split_parts(t);
    if (parts.size() >= 2 && looks_like_name(parts[0], ctx) && !looks_like_contact_line(parts[1])) {
      name = parts[0];
      name_rest = parts[1];
      name_idx = i;
      return true;
    }
    return false;
  };
  for (int i = 0; i < static_cast<int>(lines.size()) && i < 40 && name_idx < 0; ++i) {
    if (lines[i].hint.heading_level == 1 && !lines[i].blank) try_name(i);
  }
  if (name_idx < 0) {
    // Within each contact block, only its first few non-contact lines can hold the name.
    int seen = 0, prev = -2;
    for (int i : cl) {
      if (i != prev + 1 && i > prev + 3) seen = 0;
      prev = i;
      std::size_t vf = 0;
      if (contact_label(lines[i].text, vf) == ContactLabel::Name) {
        std::string_view v = trim_view(lines[i].text.substr(vf));
        if (!v.empty()) {
          name = collapse_ws(v);
          name_idx = i;
          break;
        }
      }
      if (looks_like_contact_line(lines[i].text)) continue;
      if (seen++ >= 3) continue;
      if (try_name(i)) break;
    }
  }
  if (name_idx >= 0) {
    b.name = name;
    ctx.evidence("/basics/name", lines[name_idx].number);
  }

  // Headline: the line under the name in the same column, or the rest of the name's line.
  if (!name_rest.empty() && headline_like(name_rest)) {
    b.label = name_rest;
    ctx.label_line = name_idx;
    ctx.evidence("/basics/label", lines[name_idx].number);
  } else if (name_idx >= 0) {
    for (int i = name_idx + 1; i < static_cast<int>(lines.size()) && i <= name_idx + 3; ++i) {
      const Line& l = lines[i];
      if (l.blank || l.underline) continue;
      if (l.hint.sidebar != lines[name_idx].hint.sidebar) break;
      std::string_view t = l.text;
      auto parts = split_parts(t);
      // "Backend Engineer | jane@x.com | Berlin": the part before the contact tokens.
      if (parts.size() >= 2 && !looks_like_contact_line(parts[0]) &&
          looks_like_contact_line(parts[1]) && headline_like(parts[0]) &&
          title_score_with(ctx, parts[0]) >= 3) {
        b.label = parts[0];
        ctx.label_line = i;
        ctx.evidence("/basics/label", l.number);
        break;
      }
      if (headline_like(t) && !(looks_like_place(t) && title_score_with(ctx, t) < 3)) {
        b.label = collapse_ws(t);
        ctx.label_line = i;
        ctx.evidence("/basics/label", l.number);
      }
      break;
    }
  }

  // E-mail, phone, web addresses and the location from the contact lines.
  std::optional<std::string> location;
  int location_line = 0, location_rank = 99;
  std::vector<std::pair<std::string, int>> urls;
  auto consider_location = [&](std::string_view v, int rank, int number) {
    v = trim_separators(v);
    if (rank < location_rank && place_like(v, ctx)) {
      location = collapse_ws(v);
      location_rank = rank;
      location_line = number;
    }
  };
  for (std::size_t c = 0; c < cl.size(); ++c) {
    int i = cl[c];
    const Line& l = lines[i];
    std::string_view t = l.text;
    std::size_t vf = 0;
    ContactLabel label = contact_label(t, vf);
    std::string_view value = t.substr(vf);
    int value_number = l.number;
    // "Email:" alone on its line: the value is on the next one (narrow sidebars).
    if (label != ContactLabel::None && trim_view(value).empty() && c + 1 < cl.size() &&
        cl[c + 1] == i + 1) {
      value = lines[i + 1].text;
      value_number = lines[i + 1].number;
    }
    if (!b.email) {
      if (auto e = find_email(value)) {
        b.email = std::string(e->of(value));
        ctx.evidence("/basics/email", value_number);
      }
    }
    if (!b.phone && label != ContactLabel::Location) {
      if (auto p = find_phone(value)) {
        b.phone = std::string(p->of(value));
        ctx.evidence("/basics/phone", value_number);
      }
    }
    auto email_span = find_email(value);
    for (const auto& u : find_urls(value)) {
      // The domain inside an e-mail address is not a web address.
      if (email_span && u.begin < email_span->end && email_span->begin < u.end) continue;
      urls.emplace_back(std::string(u.of(value)), value_number);
    }
    if (label == ContactLabel::Profile) {
      std::string_view v = trim_view(value);
      if (!v.empty() && !find_url(v) && v.find(' ') == std::string_view::npos) {
        std::string net = lower_ascii(t.substr(0, 6));
        std::string host = istarts_with(t, "linkedin") ? "linkedin.com/in/"
                           : istarts_with(t, "github") ? "github.com/"
                           : istarts_with(t, "gitlab") ? "gitlab.com/"
                                                       : "twitter.com/";
        urls.emplace_back(host + std::string(trim_punct(v, "@")), value_number);
      }
    }
    if (label == ContactLabel::Location) {
      if (!trim_view(value).empty()) {
        std::string_view v = trim_view(value);
        if (place_like(v, ctx) || word_count(v) <= 8) {
          location = collapse_ws(trim_separators(v));
          location_rank = 0;
          location_line = value_number;
        }
      }
      continue;
    }
    if (i == name_idx || i == ctx.label_line) continue;
    if (label != ContactLabel::None) continue;
    auto parts = split_parts(t);
    bool has_token = find_email(t) || find_phone(t) || find_url(t);
    if (has_token) {
      for (const auto& p : parts) {
        if (find_email(p) || find_phone(p) || find_url(p)) continue;
        if (b.name && p == *b.name) continue;
        if (b.label && p == *b.label) continue;
        consider_location(p, 1, l.number);
      }
    } else if (parts.size() == 1 && word_count(t) <= 6 &&
               (looks_like_place(t) || split_place_of(t))) {
      consider_location(t, 1, l.number);  // "Musterstraße 1, 10115 Berlin", "Austin, TX"
    } else if (parts.size() == 1 && word_count(t) <= 5 && !looks_like_name(t, ctx)) {
      consider_location(t, 2, l.number);
    } else if (parts.size() == 1 && word_count(t) <= 5) {
      consider_location(t, 3, l.number);
    }
  }
  if (location) {
    b.location = parse_location(*location);
    if (b.location.city) ctx.evidence("/basics/location/city", location_line);
    if (b.location.region) ctx.evidence("/basics/location/region", location_line);
    if (b.location.countryCode) ctx.evidence("/basics/location/countryCode", location_line);
  }

  // Fallbacks over the whole text: e-mail anywhere, phone outside dated sections, profile links.
  if (!b.email) {
    for (const auto& l : lines) {
      if (auto e = find_email(l.text)) {
        b.email = std::string(e->of(l.text));
        ctx.evidence("/basics/email", l.number);
        break;
      }
    }
  }
  if (!b.phone) {
    std::vector<char> excluded(lines.size(), 0);
    for (const auto& r : regions) {
      if (r.kind == SectionKind::Experience || r.kind == SectionKind::Education ||
          r.kind == SectionKind::Projects || r.kind == SectionKind::Skills) {
        for (int i = r.begin; i < r.end; ++i) excluded[i] = 1;
      }
    }
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (excluded[i] || lines[i].blank) continue;
      std::size_t vf = 0;
      ContactLabel label = contact_label(lines[i].text, vf);
      if (label != ContactLabel::Phone && !(i < 15 && label == ContactLabel::None)) continue;
      if (auto p = find_phone(lines[i].text, vf)) {
        b.phone = std::string(p->of(lines[i].text));
        ctx.evidence("/basics/phone", lines[i].number);
        break;
      }
    }
  }
  for (const auto& l : lines) {
    if (ifind(l.text, "linkedin.com") == std::string_view::npos &&
        ifind(l.text, "github.com") == std::string_view::npos) {
      continue;
    }
    for (const auto& u : find_urls(l.text)) urls.emplace_back(std::string(u.of(l.text)), l.number);
  }
  for (const auto& link : ctx.document.links) {
    if (istarts_with(link, "mailto:")) {
      if (!b.email) {
        std::string_view addr = std::string_view(link).substr(7);
        if (auto e = find_email(addr)) b.email = std::string(e->of(addr));
      }
      continue;
    }
    if (profile_of(link)) urls.emplace_back(link, 0);
  }
  for (const auto& [url, number] : urls) {
    if (auto sp = profile_of(url)) {
      bool dup = false;
      for (const auto& p : b.profiles) {
        dup = dup || (p.network == sp->network && iequals(p.username, sp->username));
      }
      if (dup || sp->username.empty()) continue;
      int line = number;
      if (line == 0) {
        for (const auto& l : lines) {
          if (ifind(l.text, sp->username) != std::string_view::npos) {
            line = l.number;
            break;
          }
        }
      }
      b.profiles.push_back(*sp);
      std::string base = "/basics/profiles/" + std::to_string(b.profiles.size() - 1);
      ctx.evidence(base + "/url", line);
      ctx.evidence(base + "/username", line);
      ctx.evidence(base + "/network", line);
    } else if (!b.url && number > 0) {
      b.url = with_scheme(url);
      ctx.evidence("/basics/url", number);
    }
  }
}

}  // namespace aligncv::resume::detail
