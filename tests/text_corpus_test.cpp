// The shared résumé corpus (datasets/resumes-dev): every rendering must carry the facts a parser
// needs, and two-column pages must not interleave the sidebar with the experience section.
#include <aligncv/document.hpp>
#include <aligncv/json.hpp>

#include "common/text.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

namespace aligncv::text {
namespace {

namespace fs = std::filesystem;

fs::path corpus_dir() {
  if (const char* dir = std::getenv("ALIGNCV_RESUMES_DEV")) return dir;
  // The repository sits next to the shared folder: <root>/main/tests/<this file>.
  return fs::path(ALIGNCV_TESTS_DIR).parent_path().parent_path() / "shared" / "datasets" /
         "resumes-dev";
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Runs of whitespace become one space, as the corpus README prescribes for comparisons.
std::string collapse(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
    } else {
      if (space) out.push_back(' ');
      space = false;
      out.push_back(c);
    }
  }
  return out;
}

struct Sample {
  std::string id;
  Json truth;
};

std::vector<Sample> samples() {
  std::vector<Sample> out;
  for (int i = 1; i <= 80; ++i) {
    char id[8];
    std::snprintf(id, sizeof id, "cv%03d", i);
    fs::path truth = corpus_dir() / (std::string(id) + ".truth.json");
    if (!fs::exists(truth)) continue;
    out.push_back(Sample{id, Json::parse(read_file(truth))});
  }
  return out;
}

#define SKIP_WITHOUT_CORPUS()                                                               \
  if (!fs::exists(corpus_dir() / "cv001.truth.json")) {                                     \
    GTEST_SKIP() << "corpus not found at " << corpus_dir() << " (set ALIGNCV_RESUMES_DEV)"; \
  }

TEST(TextCorpusTest, FindsContactDetailsAndEveryCompanyInEachRendering) {
  SKIP_WITHOUT_CORPUS();
  std::map<std::string, int> checked, missing;
  for (const auto& sample : samples()) {
    for (const char* suffix : {".pdf", ".2col.pdf", ".docx"}) {
      std::string name = sample.id + suffix;
      Document doc = extract(name, read_file(corpus_dir() / name));
      const std::string text = collapse(doc.text);
      std::vector<std::string> facts;
      for (const char* key : {"name", "email", "phone"}) {
        facts.push_back(sample.truth[key].get<std::string>());
      }
      for (const auto& job : sample.truth["work"])
        facts.push_back(job["company"].get<std::string>());
      for (const auto& fact : facts) {
        ++checked[suffix];
        if (text.find(collapse(fact)) == std::string::npos) {
          ++missing[suffix];
          ADD_FAILURE() << name << " lacks \"" << fact << "\"";
        }
      }
    }
  }
  for (const auto& [suffix, n] : checked) {
    std::cout << "[ measure  ] " << suffix << ": " << n - missing[suffix] << " of " << n
              << " facts found\n";
  }
}

TEST(TextCorpusTest, KeepsExperienceHighlightsFreeOfSidebarLines) {
  SKIP_WITHOUT_CORPUS();
  int pages = 0, with_sidebar = 0;
  for (const auto& sample : samples()) {
    std::string name = sample.id + ".2col.pdf";
    Document doc = extract(name, read_file(corpus_dir() / name));
    auto lines = split(doc.text, '\n');
    ASSERT_EQ(lines.size(), doc.lines.size());
    // The collapsed text with the line each of its characters came from.
    std::string text;
    std::vector<std::size_t> line_of;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      std::string part = collapse(lines[i]);
      if (part.empty()) continue;
      if (!text.empty()) {
        text.push_back(' ');
        line_of.push_back(i);
      }
      text += part;
      line_of.insert(line_of.end(), part.size(), i);
    }
    ++pages;
    bool any_sidebar = false;
    for (const auto& hint : doc.lines) any_sidebar = any_sidebar || hint.sidebar;
    with_sidebar += any_sidebar;

    std::size_t first = std::string::npos, last = 0;
    for (const auto& job : sample.truth["work"]) {
      for (const auto& highlight : job["highlights"]) {
        std::string h = collapse(highlight.get<std::string>());
        std::size_t at = text.find(h);
        if (at == std::string::npos) {
          ADD_FAILURE() << name << ": highlight not found whole: " << h;
          continue;
        }
        first = std::min(first, line_of[at]);
        last = std::max(last, line_of[at + h.size() - 1]);
      }
    }
    if (first == std::string::npos) continue;
    for (std::size_t i = first; i <= last; ++i) {
      EXPECT_FALSE(doc.lines[i].sidebar) << name << " line " << i + 1 << ": " << lines[i];
    }
  }
  std::cout << "[ measure  ] " << with_sidebar << " of " << pages
            << " two-column pages have a sidebar\n";
}

TEST(TextCorpusTest, FindsNoSidebarOnSingleColumnPages) {
  SKIP_WITHOUT_CORPUS();
  for (const auto& sample : samples()) {
    std::string name = sample.id + ".pdf";
    Document doc = extract(name, read_file(corpus_dir() / name));
    for (const auto& hint : doc.lines) ASSERT_FALSE(hint.sidebar) << name;
  }
}

TEST(TextCorpusTest, ReportsExtractionSpeed) {
  SKIP_WITHOUT_CORPUS();
  // Reported, not asserted. Each file is extracted three times; the figure is the mean.
  for (const char* suffix : {".pdf", ".2col.pdf", ".docx", ".txt"}) {
    std::vector<std::string> files;
    for (const auto& sample : samples())
      files.push_back(read_file(corpus_dir() / (sample.id + suffix)));
    auto start = std::chrono::steady_clock::now();
    std::size_t runs = 0;
    for (int round = 0; round < 3; ++round) {
      for (const auto& bytes : files) {
        extract(std::string("cv") + suffix, bytes);
        ++runs;
      }
    }
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "[ measure  ] " << suffix << ": " << 1000 * seconds / static_cast<double>(runs)
              << " ms per document, " << static_cast<double>(runs) / seconds << " documents/s\n";
  }
}

}  // namespace
}  // namespace aligncv::text
