#include <aligncv/document.hpp>
#include <aligncv/error.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace aligncv::text {
namespace {

std::string fixture(const std::string& name) {
  std::ifstream in(std::filesystem::path(ALIGNCV_TESTS_DIR) / "fixtures" / "text" / name,
                   std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void expect_refused(std::string_view name, std::string_view bytes, ErrorCode code,
                    const std::string& detail) {
  try {
    detect_type(name, bytes);
    ADD_FAILURE() << "accepted " << name;
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), code) << name;
    EXPECT_EQ(e.detail(), detail) << name;
  }
}

const std::string kPdf = "%PDF-1.4\n%...";
const std::string kDocx = std::string("PK\x03\x04", 4) + "....word/document.xml....";

TEST(TextDetectTest, AcceptsTheFourTypesWithTheirExtensionsInAnyCase) {
  EXPECT_EQ(detect_type("cv.pdf", kPdf), FileType::Pdf);
  EXPECT_EQ(detect_type("CV.PDF", kPdf), FileType::Pdf);
  EXPECT_EQ(detect_type("cv.Docx", kDocx), FileType::Docx);
  EXPECT_EQ(detect_type("notes.TXT", "plain words"), FileType::Txt);
  EXPECT_EQ(detect_type("readme.md", "# Title"), FileType::Md);
  EXPECT_EQ(detect_type("readme.Markdown", "# Title"), FileType::Md);
}

TEST(TextDetectTest, FindsThePdfHeaderAfterLeadingJunk) {
  EXPECT_EQ(detect_type("cv.pdf", std::string(100, '\n') + kPdf), FileType::Pdf);
}

TEST(TextDetectTest, LooksOnlyAtTheLastPathComponent) {
  EXPECT_EQ(detect_type("C:\\Users\\jane.doe\\cv.pdf", kPdf), FileType::Pdf);
  EXPECT_EQ(detect_type("../cv.d/resume.docx", kDocx), FileType::Docx);
  expect_refused("folder.pdf/cv", kPdf, ErrorCode::InvalidArgument,
                 "Only PDF, DOCX and TXT files are supported");
}

TEST(TextDetectTest, RefusesLegacyDocBeforeAnyOtherCheck) {
  const std::string message = "Legacy .doc is not supported; save as .docx or PDF";
  expect_refused("cv.doc", fixture("legacy.doc"), ErrorCode::UnsupportedMediaType, message);
  expect_refused("CV.DOC", "", ErrorCode::UnsupportedMediaType, message);
  expect_refused("cv.doc", kPdf, ErrorCode::UnsupportedMediaType, message);
}

TEST(TextDetectTest, RefusesOtherOrMissingExtensions) {
  const std::string message = "Only PDF, DOCX and TXT files are supported";
  for (const char* name : {"cv.rtf", "cv", "cv.pdf.exe", "", "cv.", "cv.odt", "cv.docm"}) {
    expect_refused(name, kPdf, ErrorCode::InvalidArgument, message);
  }
  // The extension is judged before emptiness, as in the upload error table.
  expect_refused("cv.rtf", "", ErrorCode::InvalidArgument, message);
}

TEST(TextDetectTest, RefusesAnEmptyFile) {
  for (const char* name : {"cv.pdf", "cv.docx", "cv.txt", "cv.md"}) {
    expect_refused(name, "", ErrorCode::InvalidArgument, "Uploaded file is empty");
  }
}

TEST(TextDetectTest, RefusesContentThatDoesNotMatchItsExtension) {
  const std::string message = "File content does not match its extension";
  const std::string zip_without_document = std::string("PK\x03\x04", 4) + "xl/workbook.xml";
  expect_refused("cv.docx", kPdf, ErrorCode::InvalidArgument, message);
  expect_refused("cv.docx", zip_without_document, ErrorCode::InvalidArgument, message);
  expect_refused("cv.docx", fixture("legacy.doc"), ErrorCode::InvalidArgument, message);
  expect_refused("cv.pdf", kDocx, ErrorCode::InvalidArgument, message);
  expect_refused("cv.pdf", "just some text", ErrorCode::InvalidArgument, message);
  expect_refused("cv.txt", kPdf, ErrorCode::InvalidArgument, message);
  expect_refused("cv.md", kDocx, ErrorCode::InvalidArgument, message);
  expect_refused("cv.txt", "\x89PNG\r\n\x1a\n", ErrorCode::InvalidArgument, message);
  expect_refused("cv.txt", "{\\rtf1\\ansi Jane}", ErrorCode::InvalidArgument, message);
}

TEST(TextDetectTest, LeavesTheUtf8VerdictOnTextToTheExtractor) {
  // Latin-1 text is a text file, just not a valid one: extract() says so with its own message.
  EXPECT_EQ(detect_type("cv.txt", fixture("latin1.txt")), FileType::Txt);
}

TEST(TextDetectTest, NamesEachTypeForTheApi) {
  EXPECT_STREQ(file_type_name(FileType::Pdf), "pdf");
  EXPECT_STREQ(file_type_name(FileType::Docx), "docx");
  EXPECT_STREQ(file_type_name(FileType::Txt), "txt");
  EXPECT_STREQ(file_type_name(FileType::Md), "md");
  EXPECT_STREQ(mime_type(FileType::Pdf), "application/pdf");
  EXPECT_STREQ(mime_type(FileType::Docx),
               "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_STREQ(mime_type(FileType::Txt), "text/plain");
  EXPECT_STREQ(mime_type(FileType::Md), "text/markdown");
  EXPECT_STREQ(extension(FileType::Docx), "docx");
  EXPECT_STREQ(extension(FileType::Md), "md");
}

}  // namespace
}  // namespace aligncv::text
