// File type from the name's extension and the first bytes; the two must agree.
#include "text/internal.hpp"

#include "common/text.hpp"

#include <array>

namespace aligncv::text {

namespace {

using namespace std::string_view_literals;

constexpr auto kPdfMagic = "%PDF-"sv;
constexpr auto kZipMagic = "PK\x03\x04"sv;
constexpr auto kOle2Magic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"sv;

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// The lowercased extension of the last path component, without the dot ("" when none).
std::string extension_of(std::string_view file_name) {
  auto slash = file_name.find_last_of("/\\");
  if (slash != std::string_view::npos) file_name.remove_prefix(slash + 1);
  auto dot = file_name.rfind('.');
  if (dot == std::string_view::npos) return {};
  return to_lower_ascii(file_name.substr(dot + 1));
}

// PDF readers accept junk before the header within the first KiB, and so do we.
bool looks_like_pdf(std::string_view bytes) {
  return bytes.substr(0, 1024).find(kPdfMagic) != std::string_view::npos;
}

// A DOCX is a zip whose directory names word/document.xml; the name appears in clear in both
// the local header and the central directory, so no inflating is needed to see it.
bool looks_like_docx(std::string_view bytes) {
  return starts_with(bytes, kZipMagic) && bytes.find("word/document.xml") != std::string_view::npos;
}

// Binary formats that must not pass as text even when their bytes happen to be printable.
bool looks_binary(std::string_view bytes) {
  static constexpr std::array<std::string_view, 9> kMagics = {kPdfMagic,
                                                              kZipMagic,
                                                              "PK\x05\x06"sv,
                                                              kOle2Magic,
                                                              "\x89PNG"sv,
                                                              "\xFF\xD8\xFF"sv,
                                                              "GIF8"sv,
                                                              "\x7F"
                                                              "ELF"sv,
                                                              "{\\rtf"sv};
  for (auto magic : kMagics) {
    if (starts_with(bytes, magic)) return true;
  }
  return false;
}

}  // namespace

const char* file_type_name(FileType type) {
  switch (type) {
    case FileType::Pdf:
      return "pdf";
    case FileType::Docx:
      return "docx";
    case FileType::Txt:
      return "txt";
    case FileType::Md:
      return "md";
  }
  return "txt";
}

const char* mime_type(FileType type) {
  switch (type) {
    case FileType::Pdf:
      return "application/pdf";
    case FileType::Docx:
      return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    case FileType::Txt:
      return "text/plain";
    case FileType::Md:
      return "text/markdown";
  }
  return "text/plain";
}

const char* extension(FileType type) { return file_type_name(type); }

FileType detect_type(std::string_view file_name, std::string_view bytes) {
  // Checks run in the order of the upload error table: extension, emptiness, then content.
  const std::string ext = extension_of(file_name);
  if (ext == "doc") throw Error(ErrorCode::UnsupportedMediaType, detail::kLegacyDoc);
  FileType type;
  if (ext == "pdf") {
    type = FileType::Pdf;
  } else if (ext == "docx") {
    type = FileType::Docx;
  } else if (ext == "txt") {
    type = FileType::Txt;
  } else if (ext == "md" || ext == "markdown") {
    type = FileType::Md;
  } else {
    detail::fail(detail::kUnsupportedType);
  }
  if (bytes.empty()) detail::fail(detail::kEmptyFile);

  bool matches = false;
  switch (type) {
    case FileType::Pdf:
      matches = looks_like_pdf(bytes);
      break;
    case FileType::Docx:
      matches = looks_like_docx(bytes);
      break;
    // Whether the text is valid UTF-8 is the extractor's finding, with its own message.
    case FileType::Txt:
    case FileType::Md:
      matches = !looks_binary(bytes);
      break;
  }
  if (!matches) detail::fail(detail::kTypeMismatch);
  return type;
}

}  // namespace aligncv::text
