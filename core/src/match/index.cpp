// The in-memory jobs index: inverted lists of terms and taxonomy concepts, scored in two stages.
// Stage one accumulates TF-IDF cosine and BM25 over the lists the query touches; stage two
// computes every component (skills, title, seniority, ...) for the best few hundred only.
#include <aligncv/error.hpp>
#include <aligncv/match.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <unordered_map>
#include <unordered_set>

#include "common/parallel.hpp"
#include "common/text.hpp"
#include "match/scoring.hpp"
#include "match/terms.hpp"

namespace aligncv::match {

namespace {

constexpr double kBm25K1 = 1.2;
constexpr double kBm25B = 0.75;
constexpr std::size_t kMaxQueryTerms = 120;     // the most telling terms of a résumé
constexpr std::size_t kMinRescored = 400;       // postings scored in full per search
constexpr std::size_t kMaxQueryFilterTerms = 64;  // one bit each
constexpr double kMaxQueryBoost = 10.0;
constexpr double kNamedTitleCredit = 60.0;  // a title named in the résumé but not held
// Titles the taxonomy knows on both sides: a shared O*NET occupation is a close match in other
// words ("Data Engineer", "Database Architect"); roles in different fields share at most a generic
// word ("Data Engineer", "Sales Engineer"), which must not pass for a related role.
using taxonomy::TitleRelation;
constexpr double kSameOccupationTitle = 85.0;
constexpr double kOtherFieldTitleCap = 20.0;

// Concepts live in the term dictionary under prefixes no word can have.
std::string skill_concept(std::string_view canonical) { return "\x01s:" + to_lower_ascii(canonical); }
std::string title_concept(std::string_view canonical) { return "\x01t:" + to_lower_ascii(canonical); }
bool is_concept(std::string_view term) { return !term.empty() && term[0] == '\x01'; }

double log_tf(double tf) { return tf > 0 ? 1.0 + std::log(tf) : 0.0; }

// log_tf of the stored weights (1..255), computed once: the inner loop of a search reads it.
const std::array<float, 256>& log_tf_table() {
  static const std::array<float, 256> table = [] {
    std::array<float, 256> t{};
    for (std::size_t i = 1; i < t.size(); ++i) t[i] = static_cast<float>(log_tf(static_cast<double>(i)));
    return t;
  }();
  return table;
}

double round2(double v) { return std::round(v * 100.0) / 100.0; }

// What an embedding model reads of a text: its start, whole words.
std::string embedding_text(std::string_view text) { return utf8_prefix(text, 4000); }

double dot_product(const std::vector<float>& a, const std::vector<float>& b) {
  if (a.size() != b.size()) return 0;
  double sum = 0;
  for (std::size_t i = 0; i < a.size(); ++i) sum += static_cast<double>(a[i]) * b[i];
  return sum;
}

// Terms of a posting with their weights (the title counts three times, skills twice) and
// hashes, sorted by term. The terms' bytes are in one string, so that a posting's terms are two
// allocations, not one per long term.
struct PostingTerms {
  struct Entry {
    uint32_t offset;  // into text
    uint32_t length;
    uint32_t weight;
    uint64_t hash;  // TermCounter::hash_of
  };
  std::string text;
  std::vector<Entry> entries;
  std::string_view term(const Entry& e) const { return std::string_view(text.data() + e.offset, e.length); }
};

// Sums the weights of equal terms as they are read (a posting repeats most of its words), so
// that only distinct terms are kept and sorted.
class TermCounter {
 public:
  TermCounter() : slots_(256, kEmpty) {
    terms_.entries.reserve(128);
    terms_.text.reserve(1024);
  }

  void add(std::string_view term, uint32_t weight) {
    if (2 * (terms_.entries.size() + 1) > slots_.size()) grow();
    const uint64_t h = hash_of(term);
    std::size_t i = h & (slots_.size() - 1);
    for (; slots_[i] != kEmpty; i = (i + 1) & (slots_.size() - 1)) {
      auto& entry = terms_.entries[slots_[i]];
      if (entry.hash == h && terms_.term(entry) == term) {
        entry.weight += weight;
        return;
      }
    }
    slots_[i] = static_cast<uint32_t>(terms_.entries.size());
    terms_.entries.push_back({static_cast<uint32_t>(terms_.text.size()), static_cast<uint32_t>(term.size()), weight, h});
    terms_.text.append(term);
  }

  PostingTerms sorted() && {
    // By their first eight bytes as a number first (then the rest, on a tie): most comparisons
    // are one integer compare.
    struct Key {
      uint64_t prefix;
      uint32_t entry;
    };
    std::vector<Key> keys(terms_.entries.size());
    for (uint32_t e = 0; e < keys.size(); ++e) {
      const std::string_view s = terms_.term(terms_.entries[e]);
      uint64_t prefix = 0;
      for (std::size_t k = 0; k < 8; ++k) {
        prefix = (prefix << 8) | (k < s.size() ? static_cast<unsigned char>(s[k]) : 0);
      }
      keys[e] = {prefix, e};
    }
    std::sort(keys.begin(), keys.end(), [&](const Key& a, const Key& b) {
      return a.prefix != b.prefix ? a.prefix < b.prefix
                                  : terms_.term(terms_.entries[a.entry]) < terms_.term(terms_.entries[b.entry]);
    });
    std::vector<PostingTerms::Entry> entries;
    entries.reserve(keys.size());
    for (const Key& key : keys) entries.push_back(terms_.entries[key.entry]);
    terms_.entries = std::move(entries);
    return std::move(terms_);
  }

  // The term dictionary's hash too, so that a term is hashed once.
  static uint64_t hash_of(std::string_view term) { return std::hash<std::string_view>()(term); }

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;
  void grow() {
    slots_.assign(slots_.size() * 2, kEmpty);
    for (uint32_t e = 0; e < terms_.entries.size(); ++e) {
      std::size_t i = terms_.entries[e].hash & (slots_.size() - 1);
      while (slots_[i] != kEmpty) i = (i + 1) & (slots_.size() - 1);
      slots_[i] = e;
    }
  }

  PostingTerms terms_;
  std::vector<uint32_t> slots_;  // indexes into terms_.entries, a power of two of them
};

// The concepts of a posting's title (its canonical titles).
std::vector<std::string> title_concepts(std::string_view title, const taxonomy::Taxonomy& taxonomy) {
  std::vector<std::string> out;
  for (const auto& m : taxonomy.find_titles(title)) out.push_back(title_concept(m.canonical));
  return out;
}

PostingTerms posting_terms(const Job& job, const std::vector<std::string>& title_concepts, uint32_t& length) {
  TermCounter counter;
  length = 0;
  auto add_text = [&](std::string_view text, uint32_t weight) {
    TermReader reader(text);
    for (std::string_view term; reader.next(term);) {
      counter.add(term, weight);
      length += weight;
    }
  };
  add_text(job.title, 3);
  add_text(job.company, 1);
  for (const auto& s : job.required_skills) add_text(s, 2);
  for (const auto& s : job.preferred_skills) add_text(s, 1);
  for (const auto& s : job.tags) add_text(s, 1);
  if (job.description) add_text(*job.description, 1);
  for (const auto& s : job.required_skills) counter.add(skill_concept(s), 3);
  for (const auto& s : job.preferred_skills) counter.add(skill_concept(s), 1);
  for (const auto& c : title_concepts) counter.add(c, 3);
  return std::move(counter).sorted();
}

PostingTerms posting_terms(const Job& job, const taxonomy::Taxonomy& taxonomy, uint32_t& length) {
  return posting_terms(job, title_concepts(job.title, taxonomy), length);
}

// Term -> id (of its inverted list), by open addressing over (id, hash bits) pairs. Looking
// terms up is the sequential part of indexing; std::unordered_map spent a cache miss or two per
// node there, and hashed each term again under the lock.
class TermDictionary {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;
  static uint64_t hash(std::string_view term) { return TermCounter::hash_of(term); }

  uint32_t find(std::string_view term) const { return find(term, hash(term)); }
  uint32_t find(std::string_view term, uint64_t h) const {
    if (slots_.empty()) return kNone;
    for (std::size_t i = h & mask(); slots_[i].id != kNone; i = (i + 1) & mask()) {
      if (slots_[i].bits == bits_of(h) && names_[slots_[i].id] == term) return slots_[i].id;
    }
    return kNone;
  }

  // The id of `term` (h = hash(term)); a new term gets the next id, size() before the call.
  uint32_t intern(std::string_view term, uint64_t h) {
    if (2 * (names_.size() + 1) > slots_.size()) grow();
    std::size_t i = h & mask();
    for (; slots_[i].id != kNone; i = (i + 1) & mask()) {
      if (slots_[i].bits == bits_of(h) && names_[slots_[i].id] == term) return slots_[i].id;
    }
    const auto id = static_cast<uint32_t>(names_.size());
    slots_[i] = {id, bits_of(h)};
    names_.emplace_back(term);
    return id;
  }

  std::size_t size() const { return names_.size(); }
  void clear() {
    slots_.clear();
    names_.clear();
  }
  std::size_t memory_bytes() const {
    std::size_t bytes = slots_.capacity() * sizeof(Slot) + names_.capacity() * sizeof(std::string);
    for (const auto& name : names_) bytes += name.capacity() > 15 ? name.capacity() : 0;
    return bytes;
  }

 private:
  struct Slot {
    uint32_t id = kNone;
    uint32_t bits = 0;  // the hash's high half: most mismatches are rejected without the string
  };
  static uint32_t bits_of(uint64_t h) { return static_cast<uint32_t>(h >> 32); }
  std::size_t mask() const { return slots_.size() - 1; }
  void grow() {
    slots_.assign(std::max<std::size_t>(1024, slots_.size() * 2), Slot{});
    for (uint32_t id = 0; id < names_.size(); ++id) {
      const uint64_t h = hash(names_[id]);
      std::size_t i = h & mask();
      while (slots_[i].id != kNone) i = (i + 1) & mask();
      slots_[i] = {id, bits_of(h)};
    }
  }

  std::vector<Slot> slots_;  // a power of two of them, at most half used
  std::vector<std::string> names_;  // by id
};

// What indexing needs of a posting, computed without the index (so in parallel, unlocked).
struct Features {
  PostingTerms terms;
  uint32_t length = 0;
  std::vector<std::string> title_words;
  int8_t education_required = 0;
  int8_t years_required = -1;
  std::vector<float> vector;
};

// What a title gives the index. Titles repeat across a catalogue: a batch reads each once.
struct TitleFeatures {
  std::vector<std::string> concepts;
  std::vector<std::string> words;  // scoring::title_terms
};

TitleFeatures title_features(std::string_view title, const taxonomy::Taxonomy& taxonomy) {
  return {title_concepts(title, taxonomy), scoring::title_terms(title)};
}

Features features_of(const Job& job, const TitleFeatures& title) {
  Features f;
  f.terms = posting_terms(job, title.concepts, f.length);
  f.title_words = title.words;
  const std::string description = to_lower_ascii(job.description.value_or(""));  // lowered once for both
  f.education_required = static_cast<int8_t>(scoring::education_required_lower(description));
  if (auto years = scoring::years_required_lower(description)) f.years_required = static_cast<int8_t>(*years);
  return f;
}

Features features_of(const Job& job, const taxonomy::Taxonomy& taxonomy) {
  return features_of(job, title_features(job.title, taxonomy));
}

// Features of n postings (job_at(i) is the i-th), on every core for large batches.
template <typename JobAt>
std::vector<Features> features_of(std::size_t n, JobAt job_at, const taxonomy::Taxonomy& taxonomy) {
  std::unordered_map<std::string_view, uint32_t> title_of;
  std::vector<std::string_view> titles;
  std::vector<uint32_t> title_at(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::string& title = job_at(i).title;
    const auto [it, added] = title_of.emplace(title, static_cast<uint32_t>(titles.size()));
    if (added) titles.push_back(title);
    title_at[i] = it->second;
  }
  std::vector<TitleFeatures> by_title(titles.size());
  parallel_for(titles.size(), [&](std::size_t t) { by_title[t] = title_features(titles[t], taxonomy); });
  std::vector<Features> out(n);
  parallel_for(n, [&](std::size_t i) { out[i] = features_of(job_at(i), by_title[title_at[i]]); });
  return out;
}

}  // namespace

struct Index::Impl {
  explicit Impl(const taxonomy::Taxonomy& t) : taxonomy(t) {}

  struct Doc {
    std::shared_ptr<const Job> job;
    std::vector<uint32_t> required, preferred;  // skill ids
    std::vector<std::string> title_words;
    std::vector<uint32_t> title_concepts;  // term ids of the title's canonical titles
    float norm = 1;                        // of the TF-IDF vector
    float bm25_length = 1;                 // k1 × (1 − b + b × length / average length)
    uint32_t length = 0;                   // weighted word count, for BM25
    int8_t education_required = 0;
    int8_t years_required = -1;
    bool alive = true;
    std::vector<float> vector;  // dense embedding, when an Embedder is set
  };
  // A position the résumé lists: its title words and canonical titles (as term ids).
  struct Position {
    std::vector<std::string> words;
    std::vector<uint32_t> concepts;
    std::vector<std::string> titles;  // canonical
  };
  struct Postings {
    std::vector<uint32_t> docs;  // ascending
    std::vector<uint8_t> tf;
    uint32_t df = 0;  // live documents
  };

  const taxonomy::Taxonomy& taxonomy;
  mutable std::shared_mutex mutex;
  std::vector<Doc> docs;
  std::unordered_map<std::string, uint32_t> doc_of;  // job_id -> live doc
  std::size_t alive = 0;
  uint64_t total_length = 0;
  TermDictionary term_of;
  std::vector<Postings> postings;  // by term id
  std::unordered_map<std::string, uint32_t> skill_of;  // canonical -> skill id
  std::vector<std::string> skill_names;
  std::vector<std::vector<uint32_t>> related;  // skill id -> related skill ids
  std::vector<bool> related_known;             // related[id] was looked up
  std::size_t alive_at_last_norms = 0;
  std::vector<std::shared_ptr<const Job>> newest_first;
  std::size_t listed_docs = 0;                         // docs[0, listed_docs) are in newest_first
  std::unordered_set<const Job*> removed_since_listing;  // still in newest_first until relist
  std::shared_ptr<Embedder> embedder;

  // Dice overlap of title words weighted by IDF, so "manager" counts less than "payroll".
  double weighted_overlap(const std::vector<std::string>& a, const std::vector<std::string>& b) const {
    if (a.empty() || b.empty()) return 0;
    auto weight = [&](const std::string& w) {
      const uint32_t t = term_of.find(w);
      return t == TermDictionary::kNone || postings[t].df == 0 ? max_idf() : idf(postings[t]);
    };
    double common = 0, total = 0;
    std::set<std::string> sb(b.begin(), b.end()), sa(a.begin(), a.end());
    for (const auto& w : sa) {
      const double x = weight(w);
      total += x;
      if (sb.count(w)) common += 2 * x;
    }
    for (const auto& w : sb) total += weight(w);
    return total > 0 ? common / total : 0;
  }
  double max_idf() const { return std::log(1.0 + (static_cast<double>(alive) + 0.5) / 0.5); }

  double idf(const Postings& p) const {
    const double n = static_cast<double>(alive);
    const double df = p.df;
    return std::log(1.0 + (n - df + 0.5) / (df + 0.5));
  }

  uint32_t intern_term(std::string_view term, uint64_t hash) {
    const uint32_t t = term_of.intern(term, hash);
    if (t == postings.size()) postings.emplace_back();
    return t;
  }

  // A skill's id; its related skills (partial credit) are interned with it, once.
  uint32_t intern_skill(const std::string& canonical) {
    const uint32_t id = skill_id(canonical);
    if (!related_known[id]) {
      related_known[id] = true;
      std::vector<uint32_t> ids;
      for (const auto& r : taxonomy.related_skills(canonical, 10)) ids.push_back(skill_id(r));
      related[id] = std::move(ids);
    }
    return id;
  }

  uint32_t skill_id(const std::string& name) {
    if (auto known = skill_of.find(name); known != skill_of.end()) return known->second;  // emplace allocates first
    auto [it, added] = skill_of.emplace(name, static_cast<uint32_t>(skill_names.size()));
    if (added) {
      skill_names.push_back(name);
      related.emplace_back();
      related_known.push_back(false);
    }
    return it->second;
  }

  void remove_doc(uint32_t d) {
    Doc& doc = docs[d];
    if (!doc.alive) return;
    doc.alive = false;
    --alive;
    removed_since_listing.insert(doc.job.get());
    total_length -= doc.length;
    doc_of.erase(doc.job->job_id);
    // df counts live documents; the list entries stay until compaction.
    uint32_t length_unused = 0;
    const PostingTerms terms = posting_terms(*doc.job, taxonomy, length_unused);
    for (const auto& entry : terms.entries) {
      const uint32_t t = term_of.find(terms.term(entry), entry.hash);
      if (t != TermDictionary::kNone && postings[t].df > 0) --postings[t].df;
    }
    doc.job.reset();
    doc.title_words.clear();
    doc.required.clear();
    doc.preferred.clear();
  }

  void add(std::shared_ptr<const Job> shared, Features features) {
    const Job& job = *shared;
    auto existing = doc_of.find(job.job_id);
    if (existing != doc_of.end()) remove_doc(existing->second);
    const auto d = static_cast<uint32_t>(docs.size());
    Doc doc;
    const std::string job_id = job.job_id;
    for (const auto& s : job.required_skills) {
      doc.required.push_back(intern_skill(s));
    }
    for (const auto& s : job.preferred_skills) {
      doc.preferred.push_back(intern_skill(s));
    }
    doc.title_words = std::move(features.title_words);
    doc.education_required = features.education_required;
    doc.years_required = features.years_required;
    // Ids first, with the lists' ends fetched ahead: appending to a hundred lists scattered in
    // memory is otherwise a cache miss or three each.
    const PostingTerms& terms = features.terms;
    std::vector<uint32_t> ids(terms.entries.size());
    for (std::size_t k = 0; k < ids.size(); ++k) {
      ids[k] = intern_term(terms.term(terms.entries[k]), terms.entries[k].hash);
      __builtin_prefetch(&postings[ids[k]]);
    }
    for (uint32_t t : ids) {
      __builtin_prefetch(postings[t].docs.data() + postings[t].docs.size(), 1);
      __builtin_prefetch(postings[t].tf.data() + postings[t].tf.size(), 1);
    }
    for (std::size_t k = 0; k < ids.size(); ++k) {
      const std::string_view term = terms.term(terms.entries[k]);
      const uint32_t t = ids[k];
      Postings& p = postings[t];
      p.docs.push_back(d);
      p.tf.push_back(static_cast<uint8_t>(std::min<uint32_t>(terms.entries[k].weight, 255)));
      ++p.df;
      if (is_concept(term) && term[1] == 't') doc.title_concepts.push_back(t);
    }
    // Its norm with today's IDFs; all norms are refreshed when the catalogue has grown a quarter.
    double norm = 0;
    for (uint32_t t : ids) {
      const double w = log_tf_table()[postings[t].tf.back()] * idf(postings[t]);
      norm += w * w;
    }
    doc.norm = static_cast<float>(norm > 0 ? std::sqrt(norm) : 1.0);
    doc.length = features.length;
    doc.vector = std::move(features.vector);
    total_length += features.length;
    doc.job = std::move(shared);
    docs.push_back(std::move(doc));
    doc_of[job_id] = d;
    ++alive;
  }

  // Norms depend on every IDF; they are recomputed when the catalogue has changed by a quarter.
  void refresh_norms(bool force) {
    const std::size_t last = alive_at_last_norms;
    const std::size_t diff = alive > last ? alive - last : last - alive;
    if (!force && diff * 4 < std::max<std::size_t>(last, 1)) return;
    std::vector<double> sums(docs.size(), 0.0);
    for (const auto& p : postings) {
      if (p.df == 0) continue;
      const double w_idf = idf(p);
      for (std::size_t i = 0; i < p.docs.size(); ++i) {
        const double w = log_tf_table()[p.tf[i]] * w_idf;
        sums[p.docs[i]] += w * w;
      }
    }
    for (std::size_t d = 0; d < docs.size(); ++d) {
      docs[d].norm = static_cast<float>(sums[d] > 0 ? std::sqrt(sums[d]) : 1.0);
    }
    alive_at_last_norms = alive;
  }

  // BM25's length factor of every posting, against the current average length.
  void refresh_lengths() {
    const double average = alive ? static_cast<double>(total_length) / static_cast<double>(alive) : 1.0;
    for (auto& doc : docs) {
      doc.bm25_length = static_cast<float>(kBm25K1 * (1.0 - kBm25B + kBm25B * doc.length / std::max(average, 1.0)));
    }
  }

  // Drops dead list entries once they outnumber the live documents.
  // Whether it did.
  bool maybe_compact() {
    if (docs.size() < 1024 || docs.size() - alive < alive) return false;
    std::vector<std::pair<std::shared_ptr<const Job>, std::vector<float>>> live;
    for (auto& doc : docs) {
      if (doc.alive) live.emplace_back(doc.job, std::move(doc.vector));
    }
    docs.clear();
    doc_of.clear();
    alive = 0;
    total_length = 0;
    term_of.clear();
    postings.clear();
    for (auto& [job, vector] : live) {
      Features f = features_of(*job, taxonomy);
      f.vector = std::move(vector);
      add(job, std::move(f));
    }
    return true;
  }

  void after_change() {
    const bool rebuilt = maybe_compact();
    refresh_norms(false);
    refresh_lengths();
    relist(rebuilt);
  }

  // Keeps newest_first sorted without sorting every posting again: the ones removed since the
  // last listing are dropped, the ones added are sorted and merged in (the order is total, as
  // live job_ids are unique, so this is the order a full sort gives).
  void relist(bool rebuilt) {
    if (rebuilt) {
      newest_first.clear();
      listed_docs = 0;
    } else if (!removed_since_listing.empty()) {
      newest_first.erase(std::remove_if(newest_first.begin(), newest_first.end(),
                                        [&](const auto& job) { return removed_since_listing.count(job.get()) > 0; }),
                         newest_first.end());
    }
    removed_since_listing.clear();
    const auto newer = [](const std::shared_ptr<const Job>& a, const std::shared_ptr<const Job>& b) {
      if (a->created_at != b->created_at) return a->created_at > b->created_at;
      return a->job_id < b->job_id;
    };
    std::vector<std::shared_ptr<const Job>> added;
    for (std::size_t d = listed_docs; d < docs.size(); ++d) {
      if (docs[d].alive) added.push_back(docs[d].job);
    }
    listed_docs = docs.size();
    std::sort(added.begin(), added.end(), newer);
    // Merged from the back into the grown list, so that no second list is allocated.
    std::size_t listed = newest_first.size(), adding = added.size();
    newest_first.resize(listed + adding);
    for (std::size_t to = newest_first.size(); adding > 0;) {
      if (listed > 0 && newer(added[adding - 1], newest_first[listed - 1])) {
        newest_first[--to] = std::move(newest_first[--listed]);
      } else {
        newest_first[--to] = std::move(added[--adding]);
      }
    }
  }

  bool passes(const Job& job, const Filters& f, const std::string& location_lower) const {
    if (f.min_salary) {
      const auto offered = job.salary_max ? job.salary_max : job.salary_min;
      if (!offered || *offered < *f.min_salary) return false;
    }
    if (f.remote && job.remote.value_or(false) != *f.remote) return false;
    if (f.employment_type && job.employment_type != f.employment_type) return false;
    if (f.experience_level && job.experience_level != f.experience_level) return false;
    if (!location_lower.empty() && to_lower_ascii(job.location.value_or("")).find(location_lower) == std::string::npos) {
      return false;
    }
    return true;
  }

  Hit score(uint32_t d, const Candidate* c, const std::unordered_set<uint32_t>& skills_held,
            const std::unordered_map<std::string, const SkillEvidence*>& evidence,
            const std::vector<Position>& positions,
            const std::unordered_set<uint32_t>& title_concepts_held, double cosine, double bm25,
            double bm25_scale, const std::vector<float>& dense) const {
    const Doc& doc = docs[d];
    Hit hit;
    hit.job = doc.job;
    const Job& job = *doc.job;
    hit.components.semantic = scoring::semantic_score(cosine, bm25, bm25_scale);
    if (!dense.empty() && !doc.vector.empty()) {
      hit.components.semantic = 0.5 * *hit.components.semantic + 0.5 * scoring::dense_score(dot_product(dense, doc.vector));
    }
    if (c != nullptr) {
      // Skills: shown directly, or through a related skill for partial credit.
      auto credit_of = [&](uint32_t id, bool required, std::vector<double>& credits,
                           std::vector<std::string>& missing) {
        const std::string& name = skill_names[id];
        if (skills_held.count(id)) {
          MatchedSkill m{name, required, 0, "", std::nullopt};
          if (auto it = evidence.find(name); it != evidence.end()) {
            m.line = it->second->line;
            m.text = it->second->text;
          }
          hit.matched.push_back(std::move(m));
          credits.push_back(1.0);
          return;
        }
        for (uint32_t r : related[id]) {
          if (!skills_held.count(r)) continue;
          MatchedSkill m{name, required, 0, "", skill_names[r]};
          if (auto it = evidence.find(skill_names[r]); it != evidence.end()) {
            m.line = it->second->line;
            m.text = it->second->text;
          }
          hit.matched.push_back(std::move(m));
          credits.push_back(scoring::kRelatedCredit);
          missing.push_back(name);  // still missing as such: the credit is partial
          return;
        }
        credits.push_back(0.0);
        missing.push_back(name);
      };
      std::vector<double> required_credit, preferred_credit;
      for (uint32_t id : doc.required) credit_of(id, true, required_credit, hit.missing_required);
      for (uint32_t id : doc.preferred) credit_of(id, false, preferred_credit, hit.missing_preferred);
      hit.components.skills = scoring::skill_coverage(required_credit, preferred_credit);

      // Title: the closest of the résumé's positions, recent ones counting more; a title the
      // résumé names elsewhere counts for less.
      if (!positions.empty() || !title_concepts_held.empty()) {
        double best = 0;
        for (uint32_t t : doc.title_concepts) {
          if (title_concepts_held.count(t)) best = kNamedTitleCredit;
        }
        double recency = 1.0;
        const auto posting_titles = taxonomy.find_titles(job.title);
        for (const auto& p : positions) {
          double s = 100.0 * weighted_overlap(p.words, doc.title_words);
          auto relation = TitleRelation::Unknown;
          for (const auto& mine : p.titles) {
            for (const auto& theirs : posting_titles) {
              relation = std::max(relation, taxonomy.title_relation(mine, theirs.canonical));
            }
          }
          if (relation == TitleRelation::SameRole) s = std::max(s, kSameOccupationTitle);
          if (relation == TitleRelation::Unrelated) s = std::min(s, kOtherFieldTitleCap);
          for (uint32_t t : p.concepts) {
            if (std::find(doc.title_concepts.begin(), doc.title_concepts.end(), t) != doc.title_concepts.end()) s = 100;
          }
          best = std::max(best, recency * s);
          recency *= 0.85;
        }
        hit.components.title = best;
      }
      const std::string level = job.experience_level.value_or("");
      const std::optional<int> years =
          doc.years_required >= 0 ? std::optional<int>(doc.years_required) : std::nullopt;
      if (c->experience_known) hit.resume_years = std::round(c->experience_years * 10.0) / 10.0;
      hit.experience_fit = scoring::experience_fit(hit.resume_years, level, years);
      hit.components.seniority = scoring::seniority_score(hit.resume_years, level, years);
      hit.components.education = scoring::education_score(c->education_level, doc.education_required);
      hit.components.location = scoring::location_score(c->location, job);
      hit.components.salary = scoring::salary_score(c->desired_salary, job);
    }
    // A posting that names few skills says little through them: its coverage counts less.
    scoring::Weights weights;
    const double named = 2.0 * static_cast<double>(doc.required.size()) + static_cast<double>(doc.preferred.size());
    weights.skills *= named / (named + scoring::kSkillEvidenceHalf);
    hit.combined_score = scoring::combine(hit.components, weights, hit.weights);
    return hit;
  }
};

Index::Index(const taxonomy::Taxonomy& taxonomy) : impl_(std::make_unique<Impl>(taxonomy)) {}
Index::~Index() = default;

void Index::upsert(const Job& job) { upsert(std::vector<Job>{job}); }

void Index::set_embedder(std::shared_ptr<Embedder> embedder) {
  std::unique_lock lock(impl_->mutex);
  impl_->embedder = std::move(embedder);
}

void Index::upsert(std::vector<Job> jobs) {
  std::vector<std::shared_ptr<const Job>> shared;
  shared.reserve(jobs.size());
  for (auto& job : jobs) shared.push_back(std::make_shared<const Job>(std::move(job)));
  upsert(std::move(shared));
}

struct Index::Prepared::Data {
  std::vector<Features> features;
};

Index::Prepared::Prepared() = default;
Index::Prepared::~Prepared() = default;
Index::Prepared::Prepared(Prepared&&) noexcept = default;
Index::Prepared& Index::Prepared::operator=(Prepared&&) noexcept = default;
std::size_t Index::Prepared::size() const { return data_ ? data_->features.size() : 0; }

Index::Prepared Index::prepare(const std::vector<const Job*>& jobs) const {
  Prepared prepared;
  prepared.data_ = std::make_unique<Prepared::Data>();
  prepared.data_->features =
      features_of(jobs.size(), [&](std::size_t i) -> const Job& { return *jobs[i]; }, impl_->taxonomy);
  return prepared;
}

void Index::upsert(std::vector<std::shared_ptr<const Job>> jobs) {
  Prepared prepared;
  prepared.data_ = std::make_unique<Prepared::Data>();
  prepared.data_->features =
      features_of(jobs.size(), [&](std::size_t i) -> const Job& { return *jobs[i]; }, impl_->taxonomy);
  upsert(std::move(jobs), std::move(prepared));
}

void Index::upsert(std::vector<std::shared_ptr<const Job>> jobs, Prepared prepared) {
  if (prepared.size() != jobs.size()) {  // not made for these postings
    upsert(std::move(jobs));
    return;
  }
  std::vector<Features>& features = prepared.data_->features;
  std::vector<std::vector<float>> vectors;
  std::shared_ptr<Embedder> embedder;
  {
    std::shared_lock lock(impl_->mutex);
    embedder = impl_->embedder;
  }
  if (embedder) {  // network calls happen outside the lock
    std::vector<std::string> texts;
    for (const auto& job : jobs) texts.push_back(embedding_text(job->title + "\n" + job->description.value_or("")));
    try {
      vectors = embedder->embed(texts);
    } catch (const Error&) {
      vectors.clear();  // the local layer still scores these postings
    }
  }
  for (std::size_t i = 0; i < vectors.size() && i < features.size(); ++i) features[i].vector = std::move(vectors[i]);
  std::unique_lock lock(impl_->mutex);
  for (std::size_t i = 0; i < jobs.size(); ++i) impl_->add(std::move(jobs[i]), std::move(features[i]));
  impl_->after_change();
}

bool Index::remove(const std::string& job_id) {
  std::unique_lock lock(impl_->mutex);
  auto it = impl_->doc_of.find(job_id);
  if (it == impl_->doc_of.end()) return false;
  impl_->remove_doc(it->second);
  impl_->after_change();
  return true;
}

std::shared_ptr<const Job> Index::job(const std::string& job_id) const {
  std::shared_lock lock(impl_->mutex);
  auto it = impl_->doc_of.find(job_id);
  return it == impl_->doc_of.end() ? nullptr : impl_->docs[it->second].job;
}

std::vector<std::shared_ptr<const Job>> Index::jobs() const {
  std::shared_lock lock(impl_->mutex);
  return impl_->newest_first;
}

std::size_t Index::size() const {
  std::shared_lock lock(impl_->mutex);
  return impl_->alive;
}

std::size_t Index::memory_bytes() const {
  std::shared_lock lock(impl_->mutex);
  const Impl& m = *impl_;
  std::size_t bytes = m.docs.capacity() * sizeof(Impl::Doc) + m.postings.capacity() * sizeof(Impl::Postings);
  for (const auto& doc : m.docs) {
    bytes += (doc.required.capacity() + doc.preferred.capacity() + doc.title_concepts.capacity()) * sizeof(uint32_t);
    bytes += doc.title_words.capacity() * sizeof(std::string);
    for (const auto& w : doc.title_words) bytes += w.capacity() > 15 ? w.capacity() : 0;
  }
  for (const auto& p : m.postings) bytes += p.docs.capacity() * sizeof(uint32_t) + p.tf.capacity();
  // Hash maps: a node (key, value, next pointer, hash) plus a bucket pointer per entry.
  constexpr std::size_t kNode = sizeof(void*) * 2 + sizeof(std::size_t);
  bytes += m.term_of.memory_bytes();
  bytes += m.doc_of.size() * (kNode + sizeof(std::string) + sizeof(uint32_t));
  bytes += m.skill_of.size() * (kNode + sizeof(std::string) + sizeof(uint32_t)) + m.skill_names.capacity() * sizeof(std::string);
  for (const auto& r : m.related) bytes += sizeof(r) + r.capacity() * sizeof(uint32_t);
  bytes += m.newest_first.capacity() * sizeof(std::shared_ptr<const Job>);
  return bytes;
}

std::vector<Hit> Index::search(const Candidate* candidate, const Filters& filters, std::size_t k) const {
  std::vector<float> dense;
  std::shared_ptr<Embedder> embedder;
  {
    std::shared_lock lock(impl_->mutex);
    embedder = impl_->embedder;
  }
  if (embedder && candidate != nullptr) {  // outside the lock: it may call a service
    try {
      auto vectors = embedder->embed({embedding_text(candidate->text)});
      if (!vectors.empty()) dense = std::move(vectors[0]);
    } catch (const Error&) {
      dense.clear();
    }
  }
  std::shared_lock lock(impl_->mutex);
  const Impl& m = *impl_;
  std::vector<Hit> hits;
  if (k == 0 || m.alive == 0) return hits;

  // The query vector: résumé words, positions (twice), skills and titles as concepts, related
  // skills at a third; or the search words alone.
  std::unordered_map<std::string, double> query_tf;
  std::unordered_set<uint32_t> skills_held, title_concepts_held;
  std::unordered_map<std::string, const SkillEvidence*> evidence;
  std::vector<Impl::Position> positions;
  if (candidate != nullptr) {
    for (auto& t : terms_of(candidate->text)) query_tf[std::move(t)] += 1;
    for (const auto& p : candidate->positions) {
      for (auto& t : terms_of(p)) query_tf[std::move(t)] += 2;
      if (positions.size() == 4) continue;
      Impl::Position position{scoring::title_terms(p), {}, {}};
      for (const auto& t : m.taxonomy.find_titles(p)) {
        position.titles.push_back(t.canonical);
        const uint32_t id = m.term_of.find(title_concept(t.canonical));
        if (id != TermDictionary::kNone) position.concepts.push_back(id);
      }
      positions.push_back(std::move(position));
    }
    for (const auto& s : candidate->skills) {
      evidence.emplace(s.skill, &s);
      query_tf[skill_concept(s.skill)] += 2;
      auto it = m.skill_of.find(s.skill);
      if (it == m.skill_of.end()) continue;
      skills_held.insert(it->second);
      for (uint32_t r : m.related[it->second]) query_tf[skill_concept(m.skill_names[r])] += 0.3;
    }
    for (const auto& t : candidate->titles) {
      const std::string concept_term = title_concept(t);
      query_tf[concept_term] += 2;
      const uint32_t id = m.term_of.find(concept_term);
      if (id != TermDictionary::kNone) title_concepts_held.insert(id);
    }
  }
  std::vector<uint32_t> filter_terms;
  std::vector<std::string> filter_words;
  if (filters.query) {
    for (auto& t : terms_of(*filters.query)) {
      if (std::find(filter_words.begin(), filter_words.end(), t) != filter_words.end()) continue;
      if (filter_words.size() == kMaxQueryFilterTerms) break;
      const uint32_t id = m.term_of.find(t);
      filter_terms.push_back(id == TermDictionary::kNone ? UINT32_MAX : id);
      if (candidate == nullptr) query_tf[t] += 1;
      filter_words.push_back(std::move(t));
    }
  }

  struct QueryTerm {
    uint32_t term;
    double weight;  // log tf × idf
    double idf;
    bool concept_term;
  };
  std::vector<QueryTerm> query;
  for (const auto& [term, tf] : query_tf) {
    const uint32_t id = m.term_of.find(term);
    if (id == TermDictionary::kNone || m.postings[id].df == 0) continue;
    const double term_idf = m.idf(m.postings[id]);
    query.push_back({id, (tf >= 1 ? log_tf(tf) : tf) * term_idf, term_idf, is_concept(term)});
  }
  std::sort(query.begin(), query.end(), [](const QueryTerm& a, const QueryTerm& b) {
    return a.weight != b.weight ? a.weight > b.weight : a.term < b.term;
  });
  if (query.size() > kMaxQueryTerms) query.resize(kMaxQueryTerms);
  double query_norm = 0, idf_mass = 0;
  for (const auto& q : query) {
    query_norm += q.weight * q.weight;
    if (!q.concept_term) idf_mass += q.idf;
  }
  query_norm = std::sqrt(query_norm);
  const double bm25_scale = 0.25 * idf_mass;

  // Stage one: accumulate over the lists of the query terms, for postings that pass the filters.
  const std::size_t n = m.docs.size();
  std::vector<int8_t> state(n, -1);  // -1 unchecked, 0 filtered out, 1 kept
  const std::string location_lower = filters.location ? to_lower_ascii(trim(*filters.location)) : std::string();
  auto keep = [&](uint32_t d) {
    if (state[d] < 0) state[d] = m.docs[d].alive && m.passes(*m.docs[d].job, filters, location_lower) ? 1 : 0;
    return state[d] == 1;
  };
  std::vector<uint64_t> query_mask;
  if (!filter_words.empty()) {
    query_mask.assign(n, 0);
    for (std::size_t i = 0; i < filter_terms.size(); ++i) {
      if (filter_terms[i] == UINT32_MAX) continue;
      for (uint32_t d : m.postings[filter_terms[i]].docs) query_mask[d] |= uint64_t{1} << i;
    }
  }
  auto eligible = [&](uint32_t d) { return (query_mask.empty() || query_mask[d] != 0) && keep(d); };

  std::vector<float> dot(n, 0.0f), bm25(n, 0.0f);
  std::vector<uint32_t> touched;
  const auto& log_tf_of = log_tf_table();
  for (const auto& q : query) {
    const auto& p = m.postings[q.term];
    const auto weight = static_cast<float>(q.weight * q.idf);
    const auto bm25_weight = static_cast<float>(q.idf * (kBm25K1 + 1.0));
    for (std::size_t i = 0; i < p.docs.size(); ++i) {
      const uint32_t d = p.docs[i];
      if (!eligible(d)) continue;
      if (dot[d] == 0.0f && bm25[d] == 0.0f) touched.push_back(d);
      const uint8_t tf = p.tf[i];
      dot[d] += weight * log_tf_of[tf];
      if (!q.concept_term) bm25[d] += bm25_weight * tf / (tf + m.docs[d].bm25_length);
    }
  }
  auto cosine_of = [&](uint32_t d) {
    return query_norm > 0 ? dot[d] / (query_norm * m.docs[d].norm) : 0.0;
  };

  // Stage two: full scores for the best postings by text, topped up with untouched ones so
  // that filters alone still list postings.
  const std::size_t rescored = std::max(kMinRescored, k * 20);
  if (touched.size() > rescored) {
    std::vector<std::pair<double, uint32_t>> ranked;
    ranked.reserve(touched.size());
    // The semantic score without its calibration curve: same order, far cheaper.
    for (uint32_t d : touched) {
      const double b = bm25_scale > 0 ? bm25[d] / (bm25[d] + bm25_scale) : 0.0;
      ranked.emplace_back(scoring::kCosineShare * std::min(1.0, cosine_of(d) / 0.5) + (1 - scoring::kCosineShare) * b, d);
    }
    std::nth_element(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(rescored), ranked.end(),
                     [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
    touched.clear();
    for (std::size_t i = 0; i < rescored; ++i) touched.push_back(ranked[i].second);
  } else if (touched.size() < rescored && (candidate != nullptr || filter_words.empty())) {
    std::unordered_set<uint32_t> seen(touched.begin(), touched.end());
    for (uint32_t d = 0; d < n && touched.size() < rescored; ++d) {
      if (!seen.count(d) && eligible(d)) touched.push_back(d);
    }
  }

  // With a score floor, a posting whose text alone keeps it below the floor even if every other
  // component were 100 is skipped unscored: exact, and it spares most of the work when the floor
  // is high (new-match notifications search with the user's min_match_score).
  const scoring::Weights full;
  const double others = full.skills + full.title + full.seniority + full.education + full.location + full.salary;
  const double total = others + full.semantic;
  const double boost_ceiling = filter_words.empty() ? 0.0 : kMaxQueryBoost;
  for (uint32_t d : touched) {
    if (filters.min_score && dense.empty()) {
      const double text = scoring::semantic_score(cosine_of(d), bm25[d], bm25_scale);
      const double ceiling = (full.semantic * text + others * 100.0) / total + boost_ceiling;
      if (ceiling < *filters.min_score * 100.0 - 0.5) continue;  // match_score is rounded
    }
    Hit hit = m.score(d, candidate, skills_held, evidence, positions, title_concepts_held, cosine_of(d),
                      bm25[d], bm25_scale, dense);
    if (!filter_words.empty()) {
      for (std::size_t i = 0; i < filter_words.size(); ++i) {
        if (query_mask[d] & (uint64_t{1} << i)) hit.query_terms_matched.push_back(filter_words[i]);
      }
      hit.query_boost = round2(kMaxQueryBoost * static_cast<double>(hit.query_terms_matched.size()) /
                               static_cast<double>(filter_words.size()));
    }
    hit.combined_score = round2(std::min(100.0, hit.combined_score + hit.query_boost));
    if (filters.min_score && round2(hit.combined_score / 100.0) < *filters.min_score) continue;
    hits.push_back(std::move(hit));
  }
  auto better = [](const Hit& a, const Hit& b) {
    return a.combined_score != b.combined_score ? a.combined_score > b.combined_score : a.job->job_id < b.job->job_id;
  };
  if (hits.size() > k) {
    std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(k), hits.end(), better);
    hits.resize(k);
  } else {
    std::sort(hits.begin(), hits.end(), better);
  }
  for (auto& hit : hits) {
    std::size_t required_total = 0;
    if (candidate != nullptr) required_total = hit.job->required_skills.size();
    hit.summary = scoring::summary_sentence(hit, required_total);
  }
  return hits;
}

}  // namespace aligncv::match
