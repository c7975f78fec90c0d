// The HTTP face's protocol pieces for documents (api-v2.md §3): the multipart/form-data parser of
// POST /v2/documents/upload, the Content-Disposition of downloads and query strings.
// The face's private headers are not on the test target's include path; include them by path.
#include "../bindings/http/src/context.hpp"
#include "../bindings/http/src/multipart.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace aligncv::http {
namespace {

using namespace std::string_literals;

// A body with one part per (headers, content), CRLF framing, closed by "--boundary--".
std::string form_body(const std::string& boundary,
                      const std::vector<std::pair<std::string, std::string>>& parts) {
  std::string body;
  for (const auto& [headers, content] : parts) {
    body += "--" + boundary + "\r\n" + headers + "\r\n" + content + "\r\n";
  }
  return body + "--" + boundary + "--\r\n";
}

std::string file_headers(const std::string& disposition_params) {
  return "Content-Disposition: form-data; " + disposition_params +
         "\r\nContent-Type: application/octet-stream\r\n";
}

// ---- Content-Type --------------------------------------------------------------------------

TEST(MultipartContentType, RecognisesFormDataWhateverTheCaseAndParameters) {
  EXPECT_TRUE(is_multipart_form_data("multipart/form-data; boundary=x"));
  EXPECT_TRUE(is_multipart_form_data("Multipart/Form-Data;boundary=x"));
  EXPECT_TRUE(is_multipart_form_data(" multipart/form-data "));
  EXPECT_FALSE(is_multipart_form_data("multipart/mixed; boundary=x"));
  EXPECT_FALSE(is_multipart_form_data("application/json"));
  EXPECT_FALSE(is_multipart_form_data(""));
}

TEST(MultipartContentType, BoundaryPlainQuotedAndAfterOtherParameters) {
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=abc123"), "abc123");
  EXPECT_EQ(multipart_boundary("multipart/form-data; BOUNDARY=abc123"), "abc123");
  EXPECT_EQ(multipart_boundary(R"(multipart/form-data; boundary="a b:c;d")"), "a b:c;d");
  EXPECT_EQ(multipart_boundary("multipart/form-data; charset=utf-8; boundary=----WebKit12"),
            "----WebKit12");
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary = spaced "), "spaced");
}

TEST(MultipartContentType, MissingOrInvalidBoundaryIsEmpty) {
  EXPECT_EQ(multipart_boundary("multipart/form-data"), "");
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary="), "");
  EXPECT_EQ(multipart_boundary(R"(multipart/form-data; boundary="")"), "");
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'x')), "");
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=" + std::string(70, 'x')),
            std::string(70, 'x'));
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=\"ends with space \""), "");
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=\"bad\x01\""), "");
}

// ---- parsing -------------------------------------------------------------------------------

TEST(MultipartParse, OneFilePart) {
  const std::string body =
      form_body("XyZ", {{file_headers(R"(name="file"; filename="cv.txt")"), "hello"}});
  auto form = parse_multipart(body, "XyZ");
  ASSERT_TRUE(form);
  ASSERT_EQ(form->parts.size(), 1u);
  const MultipartPart* file = form->find("file");
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->data, "hello");
  EXPECT_EQ(file->filename, "cv.txt");
  EXPECT_EQ(file->content_type, "application/octet-stream");
  // The data is a view into the body: no copy of the file.
  EXPECT_GE(file->data.data(), body.data());
  EXPECT_LE(file->data.data() + file->data.size(), body.data() + body.size());
}

TEST(MultipartParse, QuotedBoundaryWithSpacesAndColons) {
  const std::string boundary = "a b:c";
  const std::string ct = R"(multipart/form-data; boundary="a b:c")";
  ASSERT_EQ(multipart_boundary(ct), boundary);
  const std::string body =
      form_body(boundary, {{file_headers(R"(name="file"; filename="x.md")"), "# Title"}});
  auto form = parse_multipart(body, multipart_boundary(ct));
  ASSERT_TRUE(form);
  ASSERT_NE(form->find("file"), nullptr);
  EXPECT_EQ(form->find("file")->data, "# Title");
}

TEST(MultipartParse, CrlfAndBoundaryLookalikesInContentAreKept) {
  // Content may hold CRLFs, blank lines and "--" lines, and even the boundary followed by
  // other characters: only CRLF "--B1" followed by "--" or (spaces and) CRLF ends a part.
  const std::string content =
      "line one\r\n\r\n--B\r\nnot a header\r\n--Bx\r\n\r\n--B-- \r\nend\r\n\r\n"s;
  const std::string tricky = "a\r\n--B1x\r\n--B1 x\r\n\r\nz\r\n"s;
  const std::string body =
      form_body("B1", {{file_headers(R"(name="file"; filename="a.txt")"), tricky},
                       {"Content-Disposition: form-data; name=\"n\"\r\n", content}});
  auto form = parse_multipart(body, "B1");
  ASSERT_TRUE(form);
  ASSERT_EQ(form->parts.size(), 2u);
  EXPECT_EQ(form->parts[0].data, tricky);
  EXPECT_EQ(form->parts[1].data, content);
}

TEST(MultipartParse, BinaryContentWithNulBytes) {
  const std::string data = "%PDF-1.4\0\xff\xfe\r\n\0end"s;
  const std::string body =
      form_body("b", {{file_headers(R"(name="file"; filename="a.pdf")"), data}});
  auto form = parse_multipart(body, "b");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->find("file")->data, data);
}

TEST(MultipartParse, EmptyContentAndPartWithoutHeaders) {
  const std::string body =
      "--b\r\n\r\n\r\n--b\r\nContent-Disposition: form-data; "
      "name=\"file\"; filename=\"e.txt\"\r\n\r\n\r\n--b--";
  auto form = parse_multipart(body, "b");
  ASSERT_TRUE(form);
  ASSERT_EQ(form->parts.size(), 2u);
  EXPECT_EQ(form->parts[0].name, "");
  EXPECT_EQ(form->parts[0].data, "");
  EXPECT_EQ(form->find("file")->data, "");
  EXPECT_EQ(form->find("file")->filename, "e.txt");
}

TEST(MultipartParse, PreambleEpilogueAndTransportPaddingAreIgnored) {
  const std::string body =
      "This is a preamble.\r\n--b  \t\r\nContent-Disposition: form-data; name=\"file\"; "
      "filename=\"p.txt\"\r\n\r\npayload\r\n--b--\r\nThis is an epilogue.\r\n--b\r\n";
  auto form = parse_multipart(body, "b");
  ASSERT_TRUE(form);
  ASSERT_EQ(form->parts.size(), 1u);
  EXPECT_EQ(form->parts[0].data, "payload");
}

TEST(MultipartParse, FirstPartWinsAndOtherFieldsAreKept) {
  const std::string body =
      form_body("b", {{"Content-Disposition: form-data; name=\"note\"\r\n", "hi"},
                      {file_headers(R"(name="file"; filename="1.txt")"), "first"},
                      {file_headers(R"(name="file"; filename="2.txt")"), "second"}});
  auto form = parse_multipart(body, "b");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->find("note")->data, "hi");
  EXPECT_FALSE(form->find("note")->filename);
  EXPECT_EQ(form->find("file")->data, "first");
  EXPECT_EQ(form->find("File"), nullptr);  // field names are case-sensitive
}

TEST(MultipartParse, NoFilePart) {
  auto form = parse_multipart(
      form_body("b", {{"Content-Disposition: form-data; name=\"document\"; filename=\"a.txt\"\r\n",
                       "x"}}),
      "b");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->find("file"), nullptr);
  auto empty = parse_multipart("--b--\r\n", "b");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->parts.empty());
}

TEST(MultipartParse, HeaderNamesAreCaseInsensitiveAndFoldedHeadersJoin) {
  const std::string body =
      "--b\r\ncontent-disposition: form-data;\r\n name=\"file\";\r\n\tfilename=\"folded.txt\"\r\n"
      "CONTENT-TYPE: text/plain\r\n\r\nx\r\n--b--";
  auto form = parse_multipart(body, "b");
  ASSERT_TRUE(form);
  const MultipartPart* file = form->find("file");
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->filename, "folded.txt");
  EXPECT_EQ(file->content_type, "text/plain");
}

TEST(MultipartParse, MissingFinalBoundaryIsBroken) {
  const std::string part =
      "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nabc";
  EXPECT_FALSE(parse_multipart(part, "b"));                  // no delimiter after the content
  EXPECT_FALSE(parse_multipart(part + "\r\n", "b"));         // still none
  EXPECT_FALSE(parse_multipart(part + "\r\n--b", "b"));      // delimiter cut short
  EXPECT_FALSE(parse_multipart(part + "\r\n--b\r\n", "b"));  // a next part that never comes
  EXPECT_FALSE(parse_multipart(part + "\r\n--b-", "b"));     // half a close delimiter
  EXPECT_TRUE(parse_multipart(part + "\r\n--b--", "b"));     // closed: fine without CRLF
}

TEST(MultipartParse, OtherBrokenStreams) {
  EXPECT_FALSE(parse_multipart("", "b"));
  EXPECT_FALSE(parse_multipart("just some text", "b"));
  EXPECT_FALSE(parse_multipart("--other\r\n\r\nx\r\n--other--", "b"));  // wrong boundary
  // "--bX" is no delimiter: it is preamble, and the body holds no part at all.
  auto preamble_only = parse_multipart("--bX\r\n\r\nx\r\n--b--", "b");
  ASSERT_TRUE(preamble_only);
  EXPECT_TRUE(preamble_only->parts.empty());
  // LF-only framing is not multipart (RFC 2046 delimiters are CRLF-prefixed).
  EXPECT_FALSE(
      parse_multipart("--b\nContent-Disposition: form-data; name=\"file\"\n\nx\n--b--\n", "b"));
  // Headers never ended by a blank line.
  EXPECT_FALSE(parse_multipart("--b\r\nContent-Disposition: form-data; name=\"file\"", "b"));
  EXPECT_FALSE(parse_multipart("--b--", ""));  // no boundary at all
}

TEST(MultipartParse, TooManyPartsIsBroken) {
  std::vector<std::pair<std::string, std::string>> parts(kMaxMultipartParts,
                                                         {"Content-Disposition: form-data; "
                                                          "name=\"x\"\r\n",
                                                          "1"});
  EXPECT_TRUE(parse_multipart(form_body("b", parts), "b"));
  parts.push_back(parts.front());
  EXPECT_FALSE(parse_multipart(form_body("b", parts), "b"));
}

// ---- Content-Disposition parameters ----------------------------------------------------------

TEST(MultipartFileName, FilenameStarWinsAndIsDecoded) {
  auto form = parse_multipart(
      form_body("b", {{file_headers("name=\"file\"; filename=\"fallback.pdf\"; "
                                    "filename*=UTF-8''J%C3%BCrgen%20M%C3%BCller%20CV.pdf"),
                       "%PDF"}}),
      "b");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->find("file")->filename, "J\xC3\xBCrgen M\xC3\xBCller CV.pdf");
}

TEST(MultipartFileName, FilenameStarAloneLatin1AndLanguageTag) {
  EXPECT_EQ(decode_ext_value("UTF-8''%E2%82%AC%20rates.txt"), "\xE2\x82\xAC rates.txt");
  EXPECT_EQ(decode_ext_value("utf-8'en'a.txt"), "a.txt");
  EXPECT_EQ(decode_ext_value("ISO-8859-1''caf%E9.txt"), "caf\xC3\xA9.txt");
  EXPECT_FALSE(decode_ext_value("UTF-8''%ZZ.txt"));   // bad escape
  EXPECT_FALSE(decode_ext_value("UTF-8''%C3.txt"));   // invalid UTF-8
  EXPECT_FALSE(decode_ext_value("KOI8-R''%C1.txt"));  // unsupported charset
  EXPECT_FALSE(decode_ext_value("no quotes at all.txt"));
}

TEST(MultipartFileName, BadFilenameStarFallsBackToFilename) {
  auto form =
      parse_multipart(form_body("b", {{file_headers("name=\"file\"; filename=\"plain.txt\"; "
                                                    "filename*=UTF-8''%FF%FE.txt"),
                                       "x"}}),
                      "b");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->find("file")->filename, "plain.txt");
}

TEST(MultipartFileName, QuotedValuesEscapesSemicolonsAndWindowsPaths) {
  auto params = header_parameters(
      R"(form-data; name="file"; filename="a \"quoted\"; name.txt"; extra=token ; flag)");
  ASSERT_EQ(params.size(), 4u);
  EXPECT_EQ(params[0], (std::pair<std::string, std::string>("name", "file")));
  EXPECT_EQ(params[1].second, "a \"quoted\"; name.txt");
  EXPECT_EQ(params[2], (std::pair<std::string, std::string>("extra", "token")));
  EXPECT_EQ(params[3], (std::pair<std::string, std::string>("flag", "")));
  // Browsers send Windows paths unescaped: backslashes that escape nothing are kept.
  auto windows = header_parameters(R"(form-data; name="file"; filename="C:\Users\jo\cv.pdf")");
  EXPECT_EQ(windows[1].second, R"(C:\Users\jo\cv.pdf)");
  // An unterminated quoted string runs to the end instead of failing.
  EXPECT_EQ(header_parameters(R"(form-data; filename="open.txt)")[0].second, "open.txt");
  // Unquoted and upper-case parameter names.
  EXPECT_EQ(header_parameters("form-data; NAME=file")[0],
            (std::pair<std::string, std::string>("name", "file")));
}

TEST(MultipartFileName, PartWithoutFilenameHasNone) {
  auto form = parse_multipart(
      form_body("b", {{"Content-Disposition: form-data; name=\"file\"\r\n", "text"}}), "b");
  ASSERT_TRUE(form);
  EXPECT_FALSE(form->find("file")->filename);
}

// ---- downloads -----------------------------------------------------------------------------

TEST(AttachmentDisposition, AsciiFallbackAndRfc8187Name) {
  EXPECT_EQ(attachment_disposition("jane_doe_resume.pdf"),
            "attachment; filename=\"jane_doe_resume.pdf\"; "
            "filename*=UTF-8''jane_doe_resume.pdf");
  EXPECT_EQ(attachment_disposition("R\xC3\xA9sum\xC3\xA9 final (1).pdf"),
            "attachment; filename=\"R_sum_ final (1).pdf\"; "
            "filename*=UTF-8''R%C3%A9sum%C3%A9%20final%20%281%29.pdf");
  EXPECT_EQ(attachment_disposition("a\"b\\c%d;e.txt"),
            "attachment; filename=\"a_b_c_d;e.txt\"; filename*=UTF-8''a%22b%5Cc%25d%3Be.txt");
}

TEST(AttachmentDisposition, FallbackNeverBreaksTheHeader) {
  EXPECT_EQ(ascii_file_name("line\r\nbreak\t.txt"), "line__break_.txt");
  EXPECT_EQ(ascii_file_name("\xE5\xB1\xA5\xE6\xAD\xB4.pdf"), "__.pdf");
  EXPECT_EQ(ascii_file_name(""), "download");
  EXPECT_EQ(ascii_file_name("   "), "download");
  EXPECT_EQ(ascii_attachment_disposition("cv.resume.json"),
            "attachment; filename=\"cv.resume.json\"");
  for (unsigned c = 0; c < 256; ++c) {
    const std::string header = attachment_disposition(std::string(1, static_cast<char>(c)) + "x");
    for (char h : header) {
      const auto u = static_cast<unsigned char>(h);
      EXPECT_TRUE(u >= 0x20 && u < 0x7F) << "byte " << c << " gives " << header;
    }
  }
}

// ---- query strings -------------------------------------------------------------------------

TEST(QueryObject, DecodesIntoAnObjectOfStrings) {
  EXPECT_EQ(query_object("/v2/documents"), Json::object());
  EXPECT_EQ(query_object("/v2/documents?"), Json::object());
  EXPECT_EQ(query_object("/v2/documents/?limit=5&offset=10&include_text=true"),
            (Json{{"limit", "5"}, {"offset", "10"}, {"include_text", "true"}}));
  EXPECT_EQ(query_object("/x?q=a+b%20c&flag&=skipped&&k=%26%3D"),
            (Json{{"q", "a b c"}, {"flag", ""}, {"k", "&="}}));
  EXPECT_EQ(query_object("/x?limit=1&limit=2"), (Json{{"limit", "2"}}));  // the last one wins
}

}  // namespace
}  // namespace aligncv::http
