#include <aligncv/taxonomy.hpp>

#include <aligncv/error.hpp>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <unordered_map>
#include <utility>

#include "taxonomy/aho_corasick.hpp"
#include "taxonomy/embedded_data.hpp"
#include "taxonomy/text_scan.hpp"

namespace aligncv::taxonomy {
namespace {

using detail::AhoCorasick;
using detail::PreparedText;

// One spelling the matcher looks for.
struct Form {
  std::string spelling;  // normalized, original case
  std::uint32_t entry = 0;
  bool exact_case = false;  // "~c": only exactly this spelling
  bool context = false;     // "~x": only in a skills context, with strict boundaries
};

// Names (skills or titles), their spellings, and one automaton over all spellings.
class Vocabulary {
 public:
  std::uint32_t add_entry(std::string name) {
    names_.push_back(std::move(name));
    return static_cast<std::uint32_t>(names_.size() - 1);
  }

  void add_form(std::uint32_t entry, std::string_view spec) {
    Form form;
    form.entry = entry;
    std::string_view spelling = spec;
    // A rule suffix: "Go~cx". A '~' inside a name ("A~B") is kept when no rule letters follow.
    const std::size_t tilde = spec.rfind('~');
    if (tilde != std::string_view::npos && tilde > 0 && tilde + 1 < spec.size() &&
        spec.find_first_not_of("cx", tilde + 1) == std::string_view::npos) {
      spelling = spec.substr(0, tilde);
      form.exact_case = spec.find('c', tilde) != std::string_view::npos;
      form.context = spec.find('x', tilde) != std::string_view::npos;
    }
    form.spelling = detail::normalize_spelling(spelling);
    if (!form.spelling.empty()) forms_.push_back(std::move(form));
  }

  // Builds the automaton and the lookup tables; call once, after every add_*.
  void finish() {
    std::unordered_map<std::string, std::uint32_t> key_ids;
    for (std::uint32_t i = 0; i < forms_.size(); ++i) {
      std::string key = detail::fold_key(forms_[i].spelling);
      auto [it, inserted] = key_ids.emplace(key, static_cast<std::uint32_t>(keys_.size()));
      if (inserted) {
        keys_.push_back(std::move(key));
        key_forms_.emplace_back();
      }
      key_forms_[it->second].push_back(i);
    }
    // Exact-case spellings first: "iOS" (Apple) and "IOS" (Cisco) share the key "ios".
    for (auto& list : key_forms_) {
      std::stable_sort(list.begin(), list.end(), [&](std::uint32_t a, std::uint32_t b) {
        return forms_[a].exact_case && !forms_[b].exact_case;
      });
    }
    automaton_ = AhoCorasick(keys_);

    // Lookup: a canonical name wins over another entry's alias; exact spelling over case-folded.
    for (std::uint32_t i = 0; i < names_.size(); ++i) {
      by_spelling_.emplace(detail::normalize_spelling(names_[i]), i);
      by_key_.emplace(detail::fold_key(names_[i]), i);
    }
    for (const Form& form : forms_) {
      by_spelling_.emplace(form.spelling, form.entry);
      by_key_.emplace(detail::fold_key(form.spelling), form.entry);
    }
  }

  const std::string& name(std::uint32_t entry) const { return names_[entry]; }
  std::size_t size() const { return names_.size(); }

  std::optional<std::uint32_t> lookup(std::string_view written) const {
    const std::string spelling = detail::normalize_spelling(written);
    if (auto it = by_spelling_.find(spelling); it != by_spelling_.end()) return it->second;
    if (auto it = by_key_.find(detail::fold_key(spelling)); it != by_key_.end()) return it->second;
    return std::nullopt;
  }

  std::vector<Mention> find(std::string_view text, bool skills_context) const;

 private:
  struct Candidate {
    std::size_t begin;
    std::size_t end;
    std::uint32_t entry;
    bool context;
    bool keep = true;
  };

  std::vector<std::string> names_;
  std::vector<Form> forms_;
  std::vector<std::string> keys_;
  std::vector<std::vector<std::uint32_t>> key_forms_;
  AhoCorasick automaton_;
  std::unordered_map<std::string, std::uint32_t> by_spelling_;
  std::unordered_map<std::string, std::uint32_t> by_key_;
};

bool word_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || u == '_' || (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') ||
         (u >= 'A' && u <= 'Z');
}

std::vector<Mention> Vocabulary::find(std::string_view text, bool skills_context) const {
  const PreparedText prepared = detail::prepare(text);
  const std::string& cased = prepared.cased;
  std::vector<Candidate> candidates;
  automaton_.scan(prepared.folded, [&](std::uint32_t key_id, std::size_t end) {
    const std::string& key = keys_[key_id];
    const std::size_t begin = end - key.size();
    // Boundaries only where the name itself starts or ends with a letter or digit: "C++17" is
    // C++, but "Javascript" holds no Java.
    if (word_byte(key.front()) && detail::word_before(cased, begin)) return;
    if (word_byte(key.back()) && detail::word_at(cased, end)) return;
    for (std::uint32_t form_id : key_forms_[key_id]) {
      const Form& form = forms_[form_id];
      if (form.exact_case && cased.compare(begin, key.size(), form.spelling) != 0) continue;
      if (form.context && !detail::strict_boundaries(cased, begin, end)) continue;
      candidates.push_back({begin, end, form.entry, form.context});
      break;
    }
  });
  if (candidates.empty()) return {};

  // Names inside web and e-mail addresses are not mentions.
  const auto addresses = detail::address_spans(cased);
  for (Candidate& c : candidates) {
    auto it =
        std::upper_bound(addresses.begin(), addresses.end(), std::make_pair(c.begin, SIZE_MAX));
    if (it != addresses.begin() && std::prev(it)->second > c.begin) c.keep = false;
  }

  // Outside a skills section, an ambiguous name counts only as an item of a list that holds
  // another skill: "Python, Go, Rust" but not "Go to market". The list is the name's line or,
  // for an item alone on its line ("- Go"), also the items alone on the lines around it.
  if (!skills_context) {
    std::unordered_map<std::size_t, int> support;  // line -> candidates that can vouch for it
    std::unordered_map<std::size_t, int> alone;    // line -> such candidates alone on the line
    std::vector<std::size_t> lines(candidates.size());
    std::vector<bool> single(candidates.size());
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      Candidate& c = candidates[i];
      if (!c.keep) continue;
      lines[i] = prepared.line_of(c.begin);
      if (c.context && !detail::list_item(prepared, c.begin, c.end)) c.keep = false;
      if (!c.keep) continue;
      ++support[lines[i]];
      single[i] = detail::alone_on_line(prepared, c.begin, c.end);
      if (single[i]) ++alone[lines[i]];
    }
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      if (!candidates[i].keep || !candidates[i].context) continue;
      const std::size_t line = lines[i];
      int others = support[line] - 1;
      if (single[i]) others += alone[line + 1] + (line > 0 ? alone[line - 1] : 0);
      if (others < 1) candidates[i].keep = false;
    }
  }

  // Leftmost, then longest; no overlaps.
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  std::vector<Mention> mentions;
  std::size_t last_end = 0;
  for (const Candidate& c : candidates) {
    if (!c.keep || c.begin < last_end) continue;
    const auto [begin, end] = prepared.original(c.begin, c.end);
    mentions.push_back({names_[c.entry], begin, end});
    last_end = c.end;
  }
  return mentions;
}

// A TSV text in the format of core/data: '#' comments, a header row, then rows.
struct Table {
  std::vector<std::string_view> header;
  std::vector<std::vector<std::string_view>> rows;

  std::optional<std::size_t> column(std::string_view name) const {
    auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end()) return std::nullopt;
    return static_cast<std::size_t>(it - header.begin());
  }
};

std::vector<std::string_view> split_view(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t pos = 0;
  for (;;) {
    const std::size_t next = s.find(sep, pos);
    parts.push_back(s.substr(pos, next == std::string_view::npos ? next : next - pos));
    if (next == std::string_view::npos) return parts;
    pos = next + 1;
  }
}

Table parse_table(std::string_view text, std::string_view what) {
  Table table;
  for (std::string_view line : split_view(text, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);  // CRLF files
    if (line.empty() || line.front() == '#') continue;
    auto cells = split_view(line, '\t');
    if (table.header.empty()) {
      table.header = std::move(cells);
    } else {
      table.rows.push_back(std::move(cells));
    }
  }
  if (table.header.empty()) {
    throw Error(ErrorCode::InvalidArgument, std::string(what) + " TSV has no header row");
  }
  return table;
}

std::string_view cell(const std::vector<std::string_view>& row, std::optional<std::size_t> col) {
  return col && *col < row.size() ? row[*col] : std::string_view();
}

// Adds the rows of `table` to `vocabulary`; returns the entry of each row. Without a `forms`
// column, each name is its own (case-insensitive) spelling.
std::vector<std::uint32_t> load(Vocabulary& vocabulary, const Table& table,
                                std::optional<std::size_t> name_col, std::string_view what) {
  if (!name_col) {
    throw Error(ErrorCode::InvalidArgument, std::string(what) + " TSV needs a '" +
                                                std::string(what == "skills" ? "name" : "title") +
                                                "' column");
  }
  const auto forms_col = table.column("forms");
  std::vector<std::uint32_t> entries;
  entries.reserve(table.rows.size());
  for (const auto& row : table.rows) {
    const std::string name = detail::normalize_spelling(cell(row, name_col));
    if (name.empty()) {
      throw Error(ErrorCode::InvalidArgument, std::string(what) + " TSV has a row without a name");
    }
    const std::uint32_t entry = vocabulary.add_entry(name);
    entries.push_back(entry);
    if (!forms_col) {
      vocabulary.add_form(entry, name);
      continue;
    }
    const std::string_view forms = cell(row, forms_col);
    if (forms.empty()) continue;  // descriptive O*NET names: known, never matched
    for (std::string_view spec : split_view(forms, '|')) vocabulary.add_form(entry, spec);
  }
  return entries;
}

}  // namespace

struct Taxonomy::Impl {
  std::string skills_text;  // owns the text `related` points into
  Vocabulary skills;
  Vocabulary titles;
  std::vector<std::string_view> related;  // per skill: '|'-separated canonical names
  std::vector<std::vector<std::string>> occupations;  // per title: O*NET-SOC codes
};

Taxonomy::Taxonomy(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Taxonomy::~Taxonomy() = default;
Taxonomy::Taxonomy(Taxonomy&&) noexcept = default;
Taxonomy& Taxonomy::operator=(Taxonomy&&) noexcept = default;

Taxonomy Taxonomy::from_tsv(std::string_view skills_tsv, std::string_view titles_tsv) {
  auto impl = std::make_unique<Impl>();
  impl->skills_text.assign(skills_tsv);

  const Table skills = parse_table(impl->skills_text, "skills");
  const auto entries = load(impl->skills, skills, skills.column("name"), "skills");
  impl->related.resize(entries.size());
  if (const auto related_col = skills.column("related")) {
    for (std::size_t i = 0; i < entries.size(); ++i) {
      impl->related[entries[i]] = cell(skills.rows[i], related_col);
    }
  }
  impl->skills.finish();

  const Table titles = parse_table(titles_tsv, "titles");
  auto title_col = titles.column("title");
  if (!title_col) title_col = titles.column("name");
  const auto title_entries = load(impl->titles, titles, title_col, "titles");
  impl->occupations.resize(title_entries.size());
  if (const auto onet_col = titles.column("onet")) {
    for (std::size_t i = 0; i < title_entries.size(); ++i) {
      for (std::string_view code : split_view(cell(titles.rows[i], onet_col), '|')) {
        if (code.size() >= 2) impl->occupations[title_entries[i]].emplace_back(code);
      }
    }
  }
  impl->titles.finish();
  return Taxonomy(std::move(impl));
}

const Taxonomy& Taxonomy::builtin() {
  // Built once, on first use; C++11 guarantees the initialisation is thread-safe.
  static const Taxonomy instance = [] {
    const std::string skills = detail::embedded_file("skills.tsv");
    const std::string titles = detail::embedded_file("titles.tsv");
    if (skills.empty() || titles.empty()) {
      throw Error(ErrorCode::Internal, "the built-in taxonomy data is missing");
    }
    return from_tsv(skills, titles);
  }();
  return instance;
}

std::vector<Mention> Taxonomy::find_skills(std::string_view text,
                                           const FindOptions& options) const {
  return impl_->skills.find(text, options.skills_context);
}

std::vector<Mention> Taxonomy::find_titles(std::string_view text) const {
  return impl_->titles.find(text, false);
}

std::optional<std::string> Taxonomy::canonical_skill(std::string_view name) const {
  if (auto entry = impl_->skills.lookup(name)) return impl_->skills.name(*entry);
  return std::nullopt;
}

std::vector<std::string> Taxonomy::related_skills(std::string_view canonical,
                                                  std::size_t limit) const {
  std::vector<std::string> out;
  const auto entry = impl_->skills.lookup(canonical);
  if (!entry || limit == 0 || impl_->related[*entry].empty()) return out;
  for (std::string_view name : split_view(impl_->related[*entry], '|')) {
    const auto other = impl_->skills.lookup(name);
    if (!other || *other == *entry) continue;
    const std::string& canonical_name = impl_->skills.name(*other);
    if (std::find(out.begin(), out.end(), canonical_name) != out.end()) continue;
    out.push_back(canonical_name);
    if (out.size() == limit) break;
  }
  return out;
}

TitleRelation Taxonomy::title_relation(std::string_view a, std::string_view b) const {
  const auto ea = impl_->titles.lookup(a), eb = impl_->titles.lookup(b);
  if (!ea || !eb) return TitleRelation::Unknown;
  const auto& ca = impl_->occupations[*ea];
  const auto& cb = impl_->occupations[*eb];
  if (ca.empty() || cb.empty()) return TitleRelation::Unknown;
  TitleRelation best = TitleRelation::Unrelated;
  for (const auto& x : ca) {
    for (const auto& y : cb) {
      if (x == y) return TitleRelation::SameRole;
      if (x.compare(0, 2, y, 0, 2) == 0) best = TitleRelation::SameField;  // "15-1243" ~ "15-2051"
    }
  }
  return best;
}

std::size_t Taxonomy::skill_count() const { return impl_->skills.size(); }
std::size_t Taxonomy::title_count() const { return impl_->titles.size(); }

std::vector<std::string> canonical_names(const std::vector<Mention>& mentions) {
  std::vector<std::pair<std::string, std::string>> keyed;  // (lower case, name)
  keyed.reserve(mentions.size());
  for (const Mention& m : mentions) {
    std::string lower = m.canonical;
    for (char& c : lower) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    keyed.emplace_back(std::move(lower), m.canonical);
  }
  std::sort(keyed.begin(), keyed.end());
  keyed.erase(std::unique(keyed.begin(), keyed.end()), keyed.end());
  std::vector<std::string> names;
  names.reserve(keyed.size());
  for (auto& [lower, name] : keyed) names.push_back(std::move(name));
  return names;
}

}  // namespace aligncv::taxonomy
