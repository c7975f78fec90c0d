// PDF text with poppler-cpp: word boxes with font information, laid out by pdf_layout.cpp.
#include "text/internal.hpp"
#include "text/pdf_layout.hpp"

#include "common/text.hpp"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <zlib.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>

namespace aligncv::text::detail {

namespace {

// Page content (decompressed) below this is read in this process; see extract_pdf.
constexpr std::size_t kPdfInProcessContentBytes = 64u << 10;

std::string to_string(const poppler::ustring& s) {
  poppler::byte_array bytes = s.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

// Poppler reports every recoverable defect on stderr; a server has no use for that noise.
void silence_poppler() {
  static const bool once = [] {
    poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
    return true;
  }();
  (void)once;
}

// Poppler's global state (its parameters, fontconfig's font list) is built by the first page it
// reads, which takes tens of milliseconds. Built once here, before any child is forked, each
// child starts with it. Every PDF comes here first, so no child is forked while it is built.
void warm_up_poppler() {
  static const bool once = [] {
    silence_poppler();
    const std::string pdf = one_page_pdf("BT /F1 12 Tf 72 720 Td (Ready) Tj ET");
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
    std::unique_ptr<poppler::page> page(doc ? doc->create_page(0) : nullptr);
    if (page) page->text_list(poppler::page::text_list_include_font);
    return true;
  }();
  (void)once;
}

bool is_bold_font(std::string name) {
  // Subset fonts carry a "ABCDEF+" prefix; the style is in the rest of the name.
  auto plus = name.find('+');
  if (plus != std::string::npos) name.erase(0, plus + 1);
  name = to_lower_ascii(name);
  for (const char* marker : {"bold", "black", "heavy", "semibold", "demi", "extrabold"}) {
    if (name.find(marker) != std::string::npos) return true;
  }
  return false;
}

// The page's text in poppler's own physical layout, for pages whose boxes we cannot place.
std::vector<LaidOutLine> physical_layout(const poppler::page& page) {
  std::vector<LaidOutLine> out;
  std::string text = to_string(page.text(poppler::rectf(), poppler::page::physical_layout));
  for (auto& line : split(text, '\n')) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    LaidOutLine l;
    l.text = std::move(line);
    out.push_back(std::move(l));
  }
  return out;
}

std::vector<LaidOutLine> page_lines(const poppler::page& page) {
  std::vector<poppler::text_box> boxes = page.text_list(poppler::page::text_list_include_font);
  std::vector<Word> words;
  words.reserve(boxes.size());
  std::size_t turned = 0;
  for (auto& box : boxes) {
    Word w;
    w.text = to_string(box.text());
    if (trim(w.text).empty()) continue;
    if (box.rotation() != 0 ||
        (box.has_font_info() && box.get_wmode() == poppler::text_box::vertical_wmode)) {
      ++turned;
    }
    poppler::rectf r = box.bbox();
    w.left = r.left();
    w.top = r.top();
    w.right = r.right();
    w.bottom = r.bottom();
    if (!std::isfinite(w.left) || !std::isfinite(w.top) || !std::isfinite(w.right) ||
        !std::isfinite(w.bottom)) {
      continue;
    }
    if (box.has_font_info()) {
      double size = box.get_font_size();
      w.font_size = std::isfinite(size) && size > 0 && size < 1000 ? size : 0;
      w.bold = is_bold_font(box.get_font_name());
    }
    w.space_after = box.has_space_after();
    words.push_back(std::move(w));
  }
  // Rotated or vertical text has boxes whose geometry the column logic cannot read.
  if (turned * 2 > words.size()) return physical_layout(page);
  return lay_out_page(words);
}

// Link annotations in uncompressed objects ("/URI (https://...)"). poppler-cpp exposes no
// annotations, and the objects that hold them are rarely compressed, so a scan finds most.
std::vector<std::string> scan_uri_links(std::string_view pdf) {
  std::vector<std::string> links;
  std::size_t pos = 0;
  while (links.size() < 200 && (pos = pdf.find("/URI", pos)) != std::string_view::npos) {
    pos += 4;
    std::size_t i = pos;
    while (i < pdf.size() && (pdf[i] == ' ' || pdf[i] == '\r' || pdf[i] == '\n')) ++i;
    if (i >= pdf.size() || pdf[i] != '(') continue;
    std::string uri;
    int depth = 1;
    for (++i; i < pdf.size() && depth > 0 && uri.size() < 2048; ++i) {
      char c = pdf[i];
      if (c == '\\' && i + 1 < pdf.size()) {
        char e = pdf[++i];
        uri.push_back(e == 'n' ? '\n' : e == 'r' ? '\r' : e == 't' ? '\t' : e);
        continue;
      }
      if (c == '(') ++depth;
      if (c == ')' && --depth == 0) break;
      uri.push_back(c);
    }
    if (depth == 0 && !uri.empty() && is_valid_utf8(uri) &&
        uri.find_first_of("\r\n\t ") == std::string::npos) {
      links.push_back(std::move(uri));
    }
  }
  return links;
}

// Char-weighted most common font size of the document: the body text's size.
double body_font_size(const std::vector<std::vector<LaidOutLine>>& pages) {
  std::map<double, std::size_t> chars;
  for (const auto& page : pages) {
    for (const auto& line : page) {
      if (line.font_size > 0) chars[std::round(line.font_size * 2) / 2] += line.text.size();
    }
  }
  double best = 0;
  std::size_t count = 0;
  for (const auto& [size, n] : chars) {
    if (n > count) {
      count = n;
      best = size;
    }
  }
  return best;
}

int heading_level(const LaidOutLine& line, double body) {
  if (body <= 0 || line.font_size <= 0) return 0;
  double ratio = line.font_size / body;
  if (ratio >= 1.5) return 1;
  if (ratio >= 1.15 || (line.bold && ratio >= 1.08)) return 2;
  // A short, wholly bold line at body size: a sub-heading such as a job title.
  if (line.bold && ratio >= 0.95) {
    std::size_t words =
        1 + static_cast<std::size_t>(std::count(line.text.begin(), line.text.end(), ' '));
    if (words <= 10) return 3;
  }
  return 0;
}

Extracted read_pdf(std::string_view bytes, const ExtractLimits& limits, const Deadline& deadline) {
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) fail(kPdfCorrupt);
  silence_poppler();
  // poppler keeps a pointer to the bytes, which outlive the document here.
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) fail(kPdfCorrupt);
  if (doc->is_locked() || doc->is_encrypted()) fail(kPdfEncrypted);
  const int pages = doc->pages();
  if (pages < 0) fail(kPdfCorrupt);
  if (pages > limits.max_pdf_pages) {
    throw Error(ErrorCode::InvalidArgument, pdf_too_many_pages(limits.max_pdf_pages));
  }
  deadline.check();

  std::vector<std::vector<LaidOutLine>> laid_out;
  laid_out.reserve(static_cast<std::size_t>(pages));
  for (int i = 0; i < pages; ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    laid_out.push_back(page ? page_lines(*page) : std::vector<LaidOutLine>{});
    deadline.check();
  }

  Extracted out;
  out.pages = pages;
  const double body = body_font_size(laid_out);
  for (int i = 0; i < pages; ++i) {
    bool first = true;
    for (auto& line : laid_out[static_cast<std::size_t>(i)]) {
      LineHint hint;
      hint.page = i + 1;
      // A paragraph gap becomes a blank line; extract.cpp drops doubles and edges.
      if (line.gap_before || (first && i > 0)) out.lines.push_back(Line{std::string(), hint});
      first = false;
      hint.sidebar = line.sidebar;
      hint.heading_level = heading_level(line, body);
      hint.list_item = starts_with_bullet(line.text);
      out.lines.push_back(Line{std::move(line.text), hint});
    }
  }
  out.links = scan_uri_links(bytes);
  return out;
}

// Whether a stream's dictionary marks it as something other than page content: an image, an
// embedded font, an ICC profile, XMP metadata, a cross-reference or object stream.
bool not_content(std::string_view dictionary) {
  for (std::string_view key :
       {"/Image", "/Length1", "/Length2", "/Length3", "/FontFile", "/Type1C", "/CIDFontType0C",
        "/OpenType", "/Metadata", "/XRef", "/ObjStm", "/N "}) {
    if (dictionary.find(key) != std::string_view::npos) return true;
  }
  return false;
}

// How many bytes `data` inflates to, counting no further than `limit`; its own size when it is
// not zlib data.
std::size_t inflated_size(std::string_view data, std::size_t limit) {
  z_stream z{};
  if (inflateInit(&z) != Z_OK) return data.size();
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(std::min<std::size_t>(data.size(), UINT_MAX));
  std::array<Bytef, 16384> out;
  std::size_t total = 0;
  int status = Z_OK;
  while (status == Z_OK && total < limit) {
    z.next_out = out.data();
    z.avail_out = static_cast<uInt>(out.size());
    status = inflate(&z, Z_NO_FLUSH);
    total += out.size() - z.avail_out;
    if (z.avail_out == out.size() && status == Z_OK) break;  // no progress: truncated
  }
  inflateEnd(&z);
  return total == 0 ? data.size() : total;
}

// The bytes a PDF's page content streams come to, at most `limit`, from the file's bytes alone
// (no PDF parser, so nothing poppler could get stuck on): every stream but those not_content()
// names, inflated when its filter is FlateDecode.
std::size_t content_bytes(std::string_view pdf, std::size_t limit) {
  std::size_t total = 0;
  for (std::size_t at = pdf.find("stream"); at != std::string_view::npos && total < limit;
       at = pdf.find("stream", at + 6)) {
    if (at >= 3 && pdf.substr(at - 3, 3) == "end") continue;
    std::size_t begin = at + 6;
    if (pdf.substr(begin, 2) == "\r\n") {
      begin += 2;
    } else if (begin < pdf.size() && (pdf[begin] == '\n' || pdf[begin] == '\r')) {
      begin += 1;
    } else {
      continue;
    }
    const std::size_t object = pdf.rfind(" obj", at);
    const std::size_t from = object == std::string_view::npos || at - object > 4096 ? at : object;
    const std::string_view dictionary = pdf.substr(from, at - from);
    std::size_t end = pdf.find("endstream", begin);
    if (end == std::string_view::npos) end = pdf.size();
    if (!not_content(dictionary)) {
      const std::string_view data = pdf.substr(begin, end - begin);
      total += dictionary.find("/FlateDecode") != std::string_view::npos
                   ? inflated_size(data, limit - total)
                   : data.size();
    }
    at = end;
  }
  return std::min(total, limit);
}

}  // namespace

Extracted extract_pdf(std::string_view bytes, const ExtractLimits& limits,
                      const Deadline& deadline) {
  // Small page content is read here: poppler's worst case on it is about a second. More goes to
  // a child process the time budget can stop (see extract_in_child); forking costs about 20 ms.
  // Poppler is used here shared, and a child is forked alone: no child starts with a poppler
  // lock that a thread of this process held at the fork.
  static std::shared_mutex poppler_in_use;
  const bool small = content_bytes(bytes, kPdfInProcessContentBytes) < kPdfInProcessContentBytes;
  if (small || !limits.pdf_in_child) {
    std::shared_lock<std::shared_mutex> shared(poppler_in_use);
    return read_pdf(bytes, limits, deadline);
  }
  {
    std::shared_lock<std::shared_mutex> shared(poppler_in_use);
    warm_up_poppler();
  }
  return extract_in_child([&] { return read_pdf(bytes, limits, deadline); }, deadline,
                          limits.max_pdf_memory_bytes, kPdfCorrupt, poppler_in_use);
}

std::string one_page_pdf(std::string_view content) {
  const std::string objects[] = {
      "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
      "/Resources << /Font << /F1 5 0 R >> >> >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + std::string(content) +
          "\nendstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
  std::string pdf = "%PDF-1.4\n";
  std::string xref = "xref\n0 6\n0000000000 65535 f \n";
  for (int i = 0; i < 5; ++i) {
    const std::string offset = std::to_string(pdf.size());
    xref += std::string(10 - offset.size(), '0') + offset + " 00000 n \n";
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::string start = std::to_string(pdf.size());
  return pdf + xref + "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n" + start + "\n%%EOF\n";
}

}  // namespace aligncv::text::detail
