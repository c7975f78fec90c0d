#include <aligncv/document.hpp>
#include <aligncv/error.hpp>

#include "common/text.hpp"
#include "text/internal.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <regex>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

namespace aligncv::text {
namespace {

std::string fixture(const std::string& name) {
  std::ifstream in(std::filesystem::path(ALIGNCV_TESTS_DIR) / "fixtures" / "text" / name,
                   std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string collapse_whitespace(const std::string& s) {
  return trim(std::regex_replace(s, std::regex("\\s+"), " "));
}

void expect_refused(const std::string& name, const std::string& bytes, const std::string& detail,
                    const ExtractLimits& limits = {}) {
  try {
    extract(name, bytes, limits);
    ADD_FAILURE() << "accepted " << name;
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::InvalidArgument) << name;
    EXPECT_EQ(e.detail(), detail) << name;
  }
}

std::size_t index_of(const std::vector<std::string>& lines, const std::string& text) {
  auto it = std::find(lines.begin(), lines.end(), text);
  return it == lines.end() ? std::string::npos : static_cast<std::size_t>(it - lines.begin());
}

TEST(TextPdfTest, ReadsAOneColumnResumeWithHeadingsBulletsAndLinks) {
  Document doc = extract("resume.pdf", fixture("resume_1col.pdf"));
  auto lines = split(doc.text, '\n');
  ASSERT_EQ(lines.size(), doc.lines.size());
  EXPECT_EQ(doc.type, FileType::Pdf);
  EXPECT_EQ(doc.pages, 1);

  EXPECT_EQ(lines[0], "Jane Q. Example");
  EXPECT_EQ(doc.lines[0].heading_level, 1);
  std::size_t experience = index_of(lines, "Experience");
  ASSERT_NE(experience, std::string::npos);
  EXPECT_EQ(doc.lines[experience].heading_level, 2);
  // A right-aligned date is kept on its entry's line, after a tab.
  EXPECT_NE(index_of(lines, "Staff Engineer, Northwind Analytics\tMar 2021 \u2013 Present"),
            std::string::npos);
  std::size_t bullet =
      index_of(lines,
               "\u2022 Built the fraud scoring service that screens four million card transactions "
               "every day");
  ASSERT_NE(bullet, std::string::npos);
  EXPECT_TRUE(doc.lines[bullet].list_item);
  for (const auto& hint : doc.lines) {
    EXPECT_EQ(hint.page, 1);
    EXPECT_FALSE(hint.sidebar);
  }
  EXPECT_EQ(doc.links, std::vector<std::string>{"https://github.com/jane-example"});
}

TEST(TextPdfTest, ReadsHeaderThenMainColumnThenSidebarOnATwoColumnPage) {
  Document doc = extract("resume.pdf", fixture("resume_2col.pdf"));
  auto lines = split(doc.text, '\n');
  ASSERT_EQ(lines.size(), doc.lines.size());

  // The centred name spans the gutter: it comes first and belongs to no column.
  EXPECT_EQ(lines[0], "Jane Q. Example");
  EXPECT_EQ(doc.lines[0].heading_level, 1);
  EXPECT_FALSE(doc.lines[0].sidebar);

  // Sentences of the main column wrap onto lines that stay next to each other.
  const std::string text = collapse_whitespace(doc.text);
  for (const char* sentence :
       {"Backend engineer with nine years of experience building payment and billing systems in "
        "Go and Python, with a focus on reliability, observability and clear APIs.",
        "Led the migration of the billing platform to Kubernetes, cutting hosting costs by 30 "
        "percent and deployment time from hours to minutes",
        "Mentored six engineers and introduced design reviews for every cross-team change"}) {
    EXPECT_NE(text.find(sentence), std::string::npos) << sentence;
  }

  // Every sidebar line comes after the last main-column line, and is marked.
  std::size_t last_main = 0, first_sidebar = lines.size();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].empty()) continue;
    if (doc.lines[i].sidebar) {
      first_sidebar = std::min(first_sidebar, i);
    } else {
      last_main = i;
    }
  }
  EXPECT_LT(last_main, first_sidebar);
  for (const char* side : {"Contact", "jane.example@example.com", "+1 555-010-0123",
                           "Go \u00B7 Python \u00B7 PostgreSQL", "German (native)"}) {
    std::size_t i = index_of(lines, side);
    ASSERT_NE(i, std::string::npos) << side;
    EXPECT_TRUE(doc.lines[i].sidebar) << side;
  }
  std::size_t skills = index_of(lines, "Skills");
  ASSERT_NE(skills, std::string::npos);
  EXPECT_EQ(doc.lines[skills].heading_level, 2);
}

TEST(TextPdfTest, RefusesEncryptedPdfsWithOrWithoutAUserPassword) {
  expect_refused("cv.pdf", fixture("encrypted_user_password.pdf"),
                 "PDF is encrypted; upload an unprotected copy");
  expect_refused("cv.pdf", fixture("encrypted_owner_only.pdf"),
                 "PDF is encrypted; upload an unprotected copy");
}

TEST(TextPdfTest, RefusesACorruptPdf) {
  const std::string message = "PDF could not be read; the file is corrupt or not a PDF";
  expect_refused("cv.pdf", fixture("corrupt.pdf"), message);
  expect_refused("cv.pdf", "%PDF-1.7\n" + std::string(300, '\xAB'), message);
  expect_refused("cv.pdf", "%PDF-", message);
}

TEST(TextPdfTest, CountsPagesAgainstTheConfiguredLimitBeforeReadingText) {
  const std::string pdf = fixture("pages_51.pdf");
  expect_refused("cv.pdf", pdf, "PDF has more than 50 pages");
  ExtractLimits ten;
  ten.max_pdf_pages = 10;
  expect_refused("cv.pdf", pdf, "PDF has more than 10 pages", ten);
  // With a zero time budget the page limit still answers first: no page was read.
  ExtractLimits no_time;
  no_time.time_budget_ms = 0;
  expect_refused("cv.pdf", pdf, "PDF has more than 50 pages", no_time);
}

TEST(TextPdfTest, SeparatesPagesAndNumbersTheirLines) {
  ExtractLimits limits;
  limits.max_pdf_pages = 51;
  Document doc = extract("cv.pdf", fixture("pages_51.pdf"), limits);
  auto lines = split(doc.text, '\n');
  ASSERT_EQ(lines.size(), doc.lines.size());
  EXPECT_EQ(doc.pages, 51);
  // "Page 1 of 51", blank, "Page 2 of 51", ...: a blank line between pages.
  ASSERT_EQ(lines.size(), 51u * 2 - 1);
  for (int page = 1; page <= 51; ++page) {
    auto i = static_cast<std::size_t>(2 * (page - 1));
    EXPECT_EQ(lines[i], "Page " + std::to_string(page) + " of 51");
    EXPECT_EQ(doc.lines[i].page, page);
  }
}

// One page drawing the same line 20,000 times on one spot: poppler takes minutes over it and its
// memory grows without bound. The child reading it is killed when the budget runs out.
std::string stuck_pdf() {
  std::string content;
  for (int i = 0; i < 20000; ++i) content += "BT /F1 6 Tf 20 700 Td (Skilled engineer) Tj ET\n";
  return detail::one_page_pdf(content);
}

// Its content is large, so it is read in a child process; small content (under 64 KiB, every
// corpus résumé) is read in this one, where poppler's worst case is about a second.
TEST(TextPdfTest, StopsAPageThatPopplerCannotFinishWhenTheBudgetRunsOut) {
  ExtractLimits limits;
  limits.time_budget_ms = 1000;
  const auto start = std::chrono::steady_clock::now();
  expect_refused("cv.pdf", stuck_pdf(), "Document took too long to process", limits);
  const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start);
  // Reported, not asserted: CI machines vary.
  std::cout << "[ measure  ] a page poppler cannot finish, refused after " << ms.count()
            << " ms with a 1000 ms budget\n";
  // The next document reads as usual.
  EXPECT_NE(extract("cv.pdf", fixture("resume_1col.pdf")).text.find("Jane"), std::string::npos);
}

// The child process: its result and its errors come back as they were; a crash, running out of
// memory or of time is the failure given.
TEST(TextPdfTest, ReadsInAChildProcessThatCanCrashOrBeKilled) {
  const detail::Deadline deadline(5000);
  std::shared_mutex fork_lock;
  detail::Extracted sent;
  sent.pages = 2;
  sent.lines.push_back(detail::Line{"Jane Doe \xE2\x80\x94 résumé", LineHint{}});
  sent.lines.back().hint.heading_level = 1;
  sent.lines.back().hint.sidebar = true;
  sent.lines.back().hint.page = 2;
  sent.lines.push_back(detail::Line{"", LineHint{}});
  sent.links = {"https://example.com/jane"};
  const detail::Extracted got =
      detail::extract_in_child([&] { return sent; }, deadline, 64u << 20, "failed", fork_lock);
  EXPECT_EQ(got.pages, 2);
  ASSERT_EQ(got.lines.size(), 2u);
  EXPECT_EQ(got.lines[0].text, sent.lines[0].text);
  EXPECT_EQ(got.lines[0].hint.heading_level, 1);
  EXPECT_TRUE(got.lines[0].hint.sidebar);
  EXPECT_FALSE(got.lines[0].hint.list_item);
  EXPECT_EQ(got.lines[0].hint.page, 2);
  EXPECT_EQ(got.links, sent.links);

  auto refused = [&](const std::function<detail::Extracted()>& work,
                     const detail::Deadline& budget) {
    try {
      detail::extract_in_child(work, budget, 64u << 20, "failed", fork_lock);
      return std::string("accepted");
    } catch (const Error& e) {
      return std::string(error_code_name(e.code())) + ": " + e.detail();
    }
  };
  EXPECT_EQ(refused([]() -> detail::Extracted { throw Error(ErrorCode::NotFound, "gone"); },
                    deadline),
            "not_found: gone");
  EXPECT_EQ(refused([]() -> detail::Extracted { std::abort(); }, deadline),
            "bad_request: failed");
  EXPECT_EQ(refused(
                []() -> detail::Extracted {
                  std::vector<std::string> hog;
                  while (true) hog.emplace_back(std::size_t{16} << 20, 'x');
                },
                deadline),
            "bad_request: failed");
  EXPECT_EQ(refused(
                []() -> detail::Extracted {
                  while (true) std::this_thread::sleep_for(std::chrono::milliseconds(10));
                },
                detail::Deadline(300)),
            "bad_request: Document took too long to process");
}

TEST(TextPdfTest, ChecksTheTimeBudgetBetweenPages) {
  ExtractLimits limits;
  limits.time_budget_ms = 0;
  expect_refused("cv.pdf", fixture("resume_1col.pdf"), "Document took too long to process", limits);
}

}  // namespace
}  // namespace aligncv::text
