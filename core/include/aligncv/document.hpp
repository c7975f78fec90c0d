// Documents to text: PDF (poppler-cpp), DOCX (libzip + pugixml), plain text and Markdown.
// The type comes from the magic bytes and must agree with the file name's extension. Every
// limit is enforced before the work it guards (pages before text, sizes before inflating).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace aligncv::text {

enum class FileType { Pdf, Docx, Txt, Md };

const char* file_type_name(FileType type);  // "pdf", "docx", "txt", "md"
const char* mime_type(FileType type);       // "application/pdf", ...
const char* extension(FileType type);       // "pdf", "docx", "txt", "md"

struct ExtractLimits {
  int max_pdf_pages = 50;                            // more: 400 "PDF has more than 50 pages"
  uint64_t max_docx_inflated_bytes = 50ull << 20;    // total of all entries
  int max_docx_entries = 1000;
  int max_docx_ratio = 100;                          // per entry, inflated : compressed
  uint64_t max_docx_text_bytes = 8ull << 20;         // text in a DOCX (thousands of pages)
  int time_budget_ms = 10'000;                       // whole extraction (and parse, by the caller)
  // A PDF whose page content passes 64 KiB is read in a child process, killed when the budget
  // runs out (poppler cannot be interrupted) and allowed this much more memory; false reads
  // every PDF in this process (fuzzing).
  bool pdf_in_child = true;
  uint64_t max_pdf_memory_bytes = 512ull << 20;
};

// What a line of the extracted text looked like in the document; parsers use it to find
// headings and columns without guessing from words alone.
struct LineHint {
  int heading_level = 0;    // 1.. for a styled heading (DOCX Heading N, large/bold PDF text); 0 = body
  bool list_item = false;   // a bullet or numbered list paragraph
  bool table_cell = false;  // text from a table cell
  bool sidebar = false;     // from a secondary (narrow) column of a multi-column page
  int page = 0;             // 1-based page (PDF), else 0
};

struct Document {
  FileType type = FileType::Txt;
  // UTF-8, '\n' line endings, no BOM, reading order: for multi-column pages the main column
  // first, then the sidebar, so sentences of the two never interleave.
  std::string text;
  std::vector<LineHint> lines;     // one per line of `text` (text split on '\n')
  std::vector<std::string> links;  // hyperlink targets (DOCX relationships, PDF link annotations)
  int pages = 0;                   // PDF pages; 0 for other types
};

// The type of a file from its name and first bytes. Throws aligncv::Error with the messages of
// api-v2.md §3 (".doc" is UnsupportedMediaType; unknown extension, empty file or content that does
// not match the extension are InvalidArgument).
FileType detect_type(std::string_view file_name, std::string_view bytes);

// Extracts text. Throws aligncv::Error(InvalidArgument) with the contract's messages for
// encrypted or corrupt PDFs, corrupt DOCX, zip bombs (and DOCX over their text limit),
// DTDs/external entities, invalid UTF-8, too many pages and an exhausted time budget. Never
// throws a third-party exception.
Document extract(std::string_view file_name, std::string_view bytes, const ExtractLimits& limits = {});

}  // namespace aligncv::text
