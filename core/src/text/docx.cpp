// DOCX text: word/document.xml in body order (paragraphs, tables cell by cell, text boxes after
// the paragraph that anchors them), headers before it and footers after it, with headings from
// paragraph styles, list markers from numbering.xml and hyperlink targets from relationships.
#include "text/docx_archive.hpp"
#include "text/internal.hpp"

#include "common/text.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <array>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <unordered_map>

namespace aligncv::text::detail {

namespace {

constexpr std::array<std::string_view, 2> kWordNamespaces = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main"};
constexpr std::array<std::string_view, 2> kRelationshipNamespaces = {
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships"};
constexpr int kMaxDepth = 64;  // tables in text boxes in tables...: far beyond any real document
// Whitespace-only runs (<w:t xml:space="preserve"> </w:t>) are real spaces: keep them.
constexpr unsigned kParseOptions = pugi::parse_default | pugi::parse_ws_pcdata_single;
// How deep large elements are cut up to check that they are well-formed; deeper ones (only a
// crafted file nests elements larger than a piece that far) are parsed whole.
constexpr int kMaxCheckDepth = 16;
constexpr std::size_t kMaxHeldBytes = std::size_t{4} << 20;  // see DocxReader::held_bytes

std::string_view local_name(std::string_view qname) {
  auto colon = qname.find(':');
  return colon == std::string_view::npos ? qname : qname.substr(colon + 1);
}

bool ifind(std::string_view haystack, std::string_view needle) {
  if (needle.size() > haystack.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
    if (haystack[i] != '<') continue;
    if (iequals_ascii(haystack.substr(i, needle.size()), needle)) return true;
  }
  return false;
}

// A DTD can declare entities that expand without bound or fetch files; no OOXML part needs one.
bool has_forbidden_construct(std::string_view xml) {
  if (ifind(xml, "<!DOCTYPE") || ifind(xml, "<!ENTITY")) return true;
  // UTF-16 parts spell the same markup with NUL bytes in between.
  if (xml.substr(0, 4).find('\0') != std::string_view::npos) {
    std::string narrow;
    narrow.reserve(xml.size() / 2);
    for (char c : xml) {
      if (c != '\0') narrow.push_back(c);
    }
    return ifind(narrow, "<!DOCTYPE") || ifind(narrow, "<!ENTITY");
  }
  return false;
}

// One past the construct of `xml` that starts with the '<' at `lt`, npos when it is malformed.
std::size_t construct_end(std::string_view xml, std::size_t lt) {
  auto until = [&](std::size_t from, std::string_view close) {
    std::size_t at = xml.find(close, from);
    return at == std::string_view::npos ? at : at + close.size();
  };
  const char kind = lt + 1 < xml.size() ? xml[lt + 1] : '\0';
  if (kind == '!') {
    if (xml.substr(lt, 4) == "<!--") return until(lt + 4, "-->");
    if (xml.substr(lt, 9) == "<![CDATA[") return until(lt + 9, "]]>");
    return std::string_view::npos;
  }
  if (kind == '?') return until(lt + 2, "?>");
  if (kind == '/') return until(lt + 2, ">");
  char quote = 0;
  for (std::size_t i = lt + 1; i < xml.size(); ++i) {
    const char c = xml[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// The bytes of a part read in pieces (see PiecedPart), inflated only as far as its reader has
// come and given back behind it (see EntryStream), as pugixml reads them: a part with a NUL ends
// there, with its last byte in the NUL's place (see PartShape). Bytes given back are inflated
// again, from the front, when they are needed again (see seek).
class PartBytes {
 public:
  // `release_bytes`: how much is given back at a time; `large_bytes`: the size from which an
  // element is large (see index_large_elements); `held_bytes`: the longest run of text or
  // single construct (a tag, a comment, ...) read at once (a longer one is refused).
  PartBytes(EntryStream stream, std::size_t cut, char last, std::size_t release_bytes,
            std::size_t large_bytes, std::size_t held_bytes)
      : stream_(std::move(stream)),
        cut_(cut),
        last_(last),
        release_bytes_(release_bytes),
        large_bytes_(large_bytes),
        held_bytes_(held_bytes) {}

  // What is there so far; the bytes before released() read as zeros.
  std::string_view view() const {
    const std::string_view bytes = stream_.bytes();
    return cut_ < bytes.size() ? bytes.substr(0, cut_ + 1) : bytes;
  }
  std::size_t released() const { return stream_.released(); }
  std::size_t large_bytes() const { return large_bytes_; }
  std::size_t held_bytes() const { return held_bytes_; }

  // At least a chunk more; false at the end of the part.
  bool grow() {
    const std::size_t had = view().size();
    if (cut_ != std::string::npos && had > cut_) return false;
    stream_.reach(stream_.bytes().size() + 1);
    if (cut_ < stream_.bytes().size()) stream_.data()[cut_] = last_;
    return view().size() > had;
  }
  // At least `end` bytes there; false when the part is shorter.
  bool reach(std::size_t end) {
    while (view().size() < end) {
      if (!grow()) return false;
    }
    return true;
  }
  // bytes[begin, end), or as many of them as there are.
  std::string_view at(std::size_t begin, std::size_t end) {
    seek(begin);
    reach(end);
    return view().substr(std::min(begin, view().size()), end - begin);
  }
  // Makes the bytes from `offset` on the next to come: inflated again from the front when they
  // were given back, and what comes before them given back as it comes.
  void seek(std::size_t offset) {
    if (offset >= released() && offset <= view().size()) return;
    if (offset < released()) stream_.restart();
    while (view().size() < offset && grow()) {
      stream_.release(std::min(view().size(), offset));
    }
  }
  // The bytes before `offset` are done with: their memory goes back, `release_bytes` at a time.
  void release(std::size_t offset) {
    if (offset <= released() || offset - released() < release_bytes_) return;
    stream_.release(offset);
  }
  void restart() { stream_.restart(); }

  // Where the large element that starts at `begin` ends, or nothing.
  std::optional<std::size_t> large_end(std::size_t begin) const {
    auto it = large_.find(begin);
    if (it == large_.end()) return std::nullopt;
    return it->second;
  }
  void add_large(std::size_t begin, std::size_t end) { large_.emplace(begin, end); }

 private:
  EntryStream stream_;
  std::size_t cut_;  // the first NUL, npos for none
  char last_;
  std::size_t release_bytes_, large_bytes_, held_bytes_;
  std::unordered_map<std::size_t, std::size_t> large_;  // begin -> end
};

// One past the construct that starts at `lt` (see above), inflating as far as it runs, up to
// `to`: as much again each time, so that a long construct is scanned a few times, not once per
// chunk.
std::size_t construct_end(PartBytes& bytes, std::size_t lt, std::size_t to) {
  while (true) {
    const std::string_view xml = bytes.view().substr(0, to);
    const std::size_t end = construct_end(xml, lt);
    if (end != std::string_view::npos || xml.size() >= to) return end;
    if (xml.size() - lt > bytes.held_bytes()) fail(kDocxLimits);
    bytes.reach(xml.size() + std::max<std::size_t>(xml.size() - lt, 1));
    if (bytes.view().size() == xml.size()) return end;
  }
}

// The next '<' in bytes[from, to), inflating as far as the search goes; npos for none. A run of
// text longer than the held size is refused: nowhere does the reader need one, and pugixml would
// hold it whole.
std::size_t next_markup(PartBytes& bytes, std::size_t from, std::size_t to) {
  bytes.seek(from);
  for (std::size_t at = from;;) {
    const std::string_view xml = bytes.view().substr(0, to);
    const std::size_t lt = xml.find('<', at);
    if (lt != std::string_view::npos) return lt;
    if (xml.size() - from > bytes.held_bytes()) fail(kDocxLimits);
    at = xml.size();
    if (xml.size() >= to || !bytes.grow()) return std::string_view::npos;
  }
}

// Records in `bytes` every element larger than its large size, in one pass over the part before
// it is checked: a scan for the children of an element then skips a large child to its end
// instead of reading it, so that an element inside several large ones is inflated once per pass,
// not once per element around it. Stops where the part is malformed (the check refuses it).
void index_large_elements(PartBytes& bytes) {
  std::vector<std::size_t> open;  // where the elements still open begin
  std::size_t pos = 0;
  while (true) {
    const std::size_t lt = next_markup(bytes, pos, std::string_view::npos);
    if (lt == std::string_view::npos) break;
    bytes.release(lt);
    const std::size_t end = construct_end(bytes, lt, std::string_view::npos);
    if (end == std::string_view::npos) break;
    const std::string_view xml = bytes.view();
    pos = end;
    const char kind = xml[lt + 1];
    if (kind == '!' || kind == '?') continue;
    std::size_t begin = lt;
    if (kind == '/') {
      if (open.empty()) break;
      begin = open.back();
      open.pop_back();
    } else if (xml[end - 2] != '/') {
      open.push_back(lt);
      continue;
    }
    if (end - begin > bytes.large_bytes()) bytes.add_large(begin, end);
  }
  bytes.restart();
}

// The elements `level` deep in bytes[from, to): 2 for a part's root's grandchildren (the body's
// children in word/document.xml), 1 for a part's root's children or an element's children
// (when the range is that element). It reads the markup as pugixml does: tags (whose quoted
// attribute values may hold '>'), comments, CDATA sections and processing instructions. What
// pugixml refuses as well (an unterminated construct, an element left open, an end tag with no
// start, a "<!" other than a comment or CDATA: a DOCTYPE is refused before) ends the scan as
// malformed. It inflates the part as far as it reads, and skips large children (see
// index_large_elements) without reading them.
class ChildScanner {
 public:
  struct Child {
    std::size_t begin = 0, end = 0;  // the child's bytes in the part
    std::size_t parent = 0;          // which element one level up holds it, 0 for the first
  };

  ChildScanner(PartBytes& bytes, int level, std::size_t from = 0,
               std::size_t to = std::string_view::npos)
      : bytes_(bytes), to_(to), pos_(from), level_(level) {}

  // The next child; false at the end of the range or when it is malformed.
  bool next(Child& child) {
    while (!malformed_) {
      const std::size_t lt = next_markup(bytes_, pos_, to_);
      if (lt == std::string_view::npos) {
        malformed_ = depth_ != 0;
        return false;
      }
      pos_ = construct_end(bytes_, lt, to_);
      if (pos_ == std::string_view::npos) break;
      const std::string_view xml = bytes_.view();
      const char kind = xml[lt + 1];
      if (kind == '!' || kind == '?') continue;
      if (kind == '/') {
        if (depth_ == 0) break;
        if (--depth_ == level_) {
          child = Child{begin_, pos_, parents_ - 1};
          return true;
        }
        continue;
      }
      if (depth_ == level_ - 1) ++parents_;
      if (depth_ == level_) {
        begin_ = lt;
        if (const std::optional<std::size_t> end = bytes_.large_end(lt)) {
          pos_ = *end;
          child = Child{begin_, pos_, parents_ - 1};
          return true;
        }
      }
      if (xml[pos_ - 2] != '/') {
        ++depth_;
      } else if (depth_ == level_) {
        child = Child{begin_, pos_, parents_ - 1};
        return true;
      }
    }
    malformed_ = true;
    return false;
  }

  bool malformed() const { return malformed_; }

 private:
  PartBytes& bytes_;
  std::size_t to_;
  std::size_t pos_ = 0;
  int level_ = 2;
  int depth_ = 0;            // elements open at pos_
  std::size_t parents_ = 0;  // elements one level above the children seen so far
  std::size_t begin_ = 0;    // where the child being read starts
  bool malformed_ = false;
};

// An element of the XML by its bytes; empty for none.
struct Span {
  std::size_t begin = 0, end = 0;
  std::size_t size() const { return end - begin; }
  bool empty() const { return begin == end; }
};

// What a first pass over a large part finds before it is read in pieces: whether it holds a DTD,
// and whether pugixml reads it as its bytes. Not a part that pugixml converts first (UTF-16 or
// UTF-32: a byte-order mark or NULs in the first four bytes) or whose XML declaration, which it
// reads for the encoding, holds a NUL. A NUL ends pugixml's input, and it sets the last byte
// aside and reads it in the NUL's place: such a part is the bytes before its first NUL and its
// last byte.
struct PartShape {
  bool forbidden = false;
  bool in_pieces = true;
  std::size_t cut = std::string::npos;  // the first NUL
  char last = 0;
};

PartShape survey(EntryStream& stream) {
  PartShape shape;
  stream.reach(4);
  const std::string head(stream.bytes().substr(0, 4));
  std::size_t seen = 0;
  std::size_t nul = std::string::npos, declaration_end = std::string::npos;
  while (stream.bytes().size() > seen || stream.reach(seen + 1)) {
    const std::string_view xml = stream.bytes();
    // From a little before what is new: a construct may straddle the seam.
    const std::string_view fresh = xml.substr(seen >= 8 ? seen - 8 : 0);
    if (ifind(fresh, "<!DOCTYPE") || ifind(fresh, "<!ENTITY")) shape.forbidden = true;
    if (nul == std::string::npos) nul = xml.find('\0', seen);
    if (declaration_end == std::string::npos) {
      declaration_end = xml.find("?>", seen > 0 ? seen - 1 : 0);
    }
    seen = xml.size();
    stream.release(seen - std::min<std::size_t>(seen, 8));
  }
  if (seen > 0) shape.last = stream.bytes()[seen - 1];
  if (!head.empty() && (head[0] == '\xFE' || head[0] == '\xFF')) {
    shape.in_pieces = false;
  } else if (nul != std::string::npos) {
    if (head.compare(0, 2, "<?") != 0) declaration_end = 0;
    shape.in_pieces =
        nul >= 4 && declaration_end != std::string::npos && nul >= declaration_end + 2;
    shape.cut = nul;
  }
  return shape;
}

// "word/" + "../media/x.png" -> "media/x.png"; "/word/header1.xml" -> "word/header1.xml".
std::string resolve_target(const std::string& base_dir, const std::string& target) {
  std::string path = !target.empty() && target[0] == '/' ? target.substr(1) : base_dir + target;
  std::vector<std::string> parts;
  for (auto& part : split(path, '/')) {
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
      continue;
    }
    parts.push_back(std::move(part));
  }
  std::string out;
  for (const auto& part : parts) {
    if (!out.empty()) out.push_back('/');
    out += part;
  }
  return out;
}

std::string to_roman(int n, bool upper) {
  static constexpr std::pair<int, const char*> kRomans[] = {
      {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
      {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
  std::string out;
  if (n <= 0 || n > 3999) return std::to_string(n);
  for (const auto& [value, digits] : kRomans) {
    while (n >= value) {
      out += digits;
      n -= value;
    }
  }
  if (upper) {
    for (auto& c : out) c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string to_letters(int n, bool upper) {
  // Word repeats the letter: a..z, aa..zz, aaa..
  if (n <= 0 || n > 26 * 4) return std::to_string(n);  // no "aaaaa..." runs from odd starts
  char c = static_cast<char>((upper ? 'A' : 'a') + (n - 1) % 26);
  return std::string(static_cast<std::size_t>((n - 1) / 26 + 1), c);
}

std::string format_number(int n, const std::string& fmt) {
  if (fmt == "lowerLetter") return to_letters(n, false);
  if (fmt == "upperLetter") return to_letters(n, true);
  if (fmt == "lowerRoman") return to_roman(n, false);
  if (fmt == "upperRoman") return to_roman(n, true);
  if (fmt == "decimalZero") return (n < 10 ? "0" : "") + std::to_string(n);
  return std::to_string(n);
}

int to_int(const char* s, int fallback) {
  if (!s || !*s) return fallback;
  char* end = nullptr;
  long v = std::strtol(s, &end, 10);
  if (end == s || v < -1000000 || v > 1000000) return fallback;
  return static_cast<int>(v);
}

// The target of a HYPERLINK field instruction: HYPERLINK "https://..." \o "tip". Bookmark
// links (\l) point inside the document and are left out.
std::optional<std::string> hyperlink_field_target(std::string_view instr) {
  std::string t = trim(instr);
  if (t.size() < 9 || !iequals_ascii(std::string_view(t).substr(0, 9), "HYPERLINK")) {
    return std::nullopt;
  }
  std::string_view rest = std::string_view(t).substr(9);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  if (rest.empty() || rest.front() == '\\') return std::nullopt;
  if (rest.front() == '"') {
    rest.remove_prefix(1);
    auto end = rest.find('"');
    return std::string(rest.substr(0, end));
  }
  return std::string(rest.substr(0, rest.find(' ')));
}

struct Relationship {
  std::string type;
  std::string target;
  bool external = false;
};

// One parsed XML part with the prefixes its root binds and its own relationships.
struct Part {
  std::string source;  // the XML, parsed in place (so it is never held twice); outlives `xml`
  pugi::xml_document xml;
  pugi::xml_encoding encoding = pugi::encoding_utf8;  // what pugixml read `source` as
  std::string w = "w";  // prefix of WordprocessingML ("" when it is the default namespace)
  std::string r = "r";  // prefix of the relationships namespace
  std::unordered_map<std::string, Relationship> rels;
  std::vector<std::string> rel_order;  // ids in file order

  bool is(const pugi::xml_node& node, std::string_view local) const {
    return matches(node.name(), w, local);
  }
  const char* attr(const pugi::xml_node& node, std::string_view local) const {
    for (auto a : node.attributes()) {
      if (matches(a.name(), w, local)) return a.value();
    }
    return "";
  }
  pugi::xml_node child(const pugi::xml_node& node, std::string_view local) const {
    for (auto c : node.children()) {
      if (is(c, local)) return c;
    }
    return {};
  }
  const char* rel_id(const pugi::xml_node& node) const {
    for (auto a : node.attributes()) {
      if (matches(a.name(), r, "id")) return a.value();
    }
    return "";
  }

  static bool matches(std::string_view name, const std::string& prefix, std::string_view local) {
    if (prefix.empty()) return name == local;
    return name.size() == prefix.size() + 1 + local.size() &&
           name.compare(0, prefix.size(), prefix) == 0 && name[prefix.size()] == ':' &&
           name.substr(prefix.size() + 1) == local;
  }
};

// A part read piece by piece, so that a large one is never one XML tree (pugixml's tree is larger
// than the XML) nor whole in memory. `part` is the part without the elements `level` deep below
// its root (the body's children in word/document.xml, the root's children in a header), each of
// which is parsed from `bytes` when its turn comes. A piece larger than the piece size is not
// parsed whole either: where the reader walks into it (a table's rows and cells, a content
// control's content, a paragraph's runs, a text box, ...), its children are found by ChildScanner
// and handed one at a time to the same code, each parsed on its own or, when large too, walked
// into in turn. Only an element over the piece size with nothing to walk into is parsed whole (a
// giant run or w:t: a few nodes however long its text, up to the held size). The part is
// inflated four times, each time front to back and never whole: to look for a DTD (survey), to
// index its large elements (index_large_elements), to check that it is well-formed
// (check_in_pieces) and to read it, giving back the memory of what was read (see
// DocxReader::read_up_to). A part no larger than a piece, or that pugixml converts first (see
// PartShape), is all in `part`, and has no `bytes`.
struct PiecedPart {
  std::unique_ptr<Part> part;
  std::optional<PartBytes> bytes;
  int level = 0;
};

struct Style {
  std::string name;  // lowercased w:name
  std::string based_on;
  int outline = -1;  // w:outlineLvl, 0-based
  int num_id = -1;   // numbering the style applies, -1 when none
  int num_level = 0;
};

struct Level {
  std::string format = "bullet";
  std::string text;
  int start = 1;
};

struct ListState {
  std::array<int, 9> value{};
  std::array<bool, 9> started{};
};

class DocxReader {
 public:
  DocxReader(DocxArchive& archive, const ExtractLimits& limits, const Deadline& deadline,
             std::size_t piece_bytes)
      : archive_(archive), limits_(limits), deadline_(deadline), piece_bytes_(piece_bytes) {}

  // Headers, the body and footers into `out`, parts separated by a blank line (so a header never
  // runs into the body's first line); the body's lines go there as they are read. Returns the
  // hyperlink targets in the same order.
  std::vector<std::string> read(TextBuilder& out) {
    std::optional<PiecedPart> document = parse_in_pieces("word/document.xml", 2);
    if (!document) fail(kDocxCorrupt);
    load_styles();
    load_numbering();
    deadline_.check();
    pugi::xml_node root = document->part->xml.document_element();
    pugi::xml_node body = document->part->child(root, "body");
    if (!body) fail(kDocxCorrupt);
    std::size_t body_index = 0;  // which element child of the root the body is
    for (auto node = root.first_child(); node != body; node = node.next_sibling()) {
      if (node.type() == pugi::node_element) ++body_index;
    }

    // Headers and footers in relationship order, each distinct text once (a first-page and a
    // default header are often the same).
    std::vector<Extracted> headers, footers;
    for (const auto& id : document->part->rel_order) {
      const Relationship& rel = document->part->rels.at(id);
      bool header = ends_with(rel.type, "/header"), footer = ends_with(rel.type, "/footer");
      if (rel.external || (!header && !footer)) continue;
      Extracted part = read_side_part(resolve_target("word/", rel.target));
      if (part.lines.empty()) continue;
      auto& into = header ? headers : footers;
      if (std::find_if(into.begin(), into.end(), [&](const auto& seen) {
            return same(seen.lines, part.lines);
          }) == into.end()) {
        into.push_back(std::move(part));
      }
    }

    // A large body's text, smaller than its XML, is written once without growing; what is
    // reserved and never written costs no memory.
    if (document->bytes) {
      const std::size_t text_bytes =
          std::min<std::size_t>(*archive_.size("word/document.xml"), limits_.max_docx_text_bytes);
      out.reserve(text_bytes, text_bytes / 64);
    }
    std::vector<std::string> links;
    bool written = false;
    auto write = [&](Extracted&& part) {
      if (!part.lines.empty()) {
        if (written) out.add("", LineHint{});
        for (const auto& line : part.lines) out.add(line.text, line.hint);
        written = true;
      }
      for (auto& link : part.links) links.push_back(std::move(link));
    };
    for (auto& part : headers) write(std::move(part));
    body_ = &out;
    body_blank_first_ = written;
    top_blocks(*document, body, body_index);
    written = written || body_written_;
    for (auto& link : links_) links.push_back(std::move(link));
    document.reset();  // the body's XML, the bulk of a large DOCX
    for (auto& part : footers) write(std::move(part));
    return links;
  }

 private:
  static bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
  }

  static bool same(const std::vector<Line>& a, const std::vector<Line>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a[i].text != b[i].text) return false;
    }
    return true;
  }

  // Parses a part (and its relationships); nothing when it is not well-formed XML.
  std::unique_ptr<Part> parse(std::string&& xml, const std::string& path) {
    auto part = load_checked(std::move(xml));
    if (part) load_relationships(*part, path);
    return part;
  }

  // A part and its relationships, read in pieces (see PiecedPart) when it is larger than a
  // piece; nothing when it is missing or not well-formed. All of it is checked as when it was
  // parsed whole: for a DTD first, then that it is well-formed (piece by piece), before its
  // relationships.
  std::optional<PiecedPart> parse_in_pieces(const std::string& path, int level) {
    const std::optional<uint64_t> size = archive_.size(path);
    if (!size) return std::nullopt;
    PiecedPart pieces;
    pieces.level = level;
    if (*size > piece_bytes_) {
      EntryStream stream = *archive_.stream(path, std::clamp<std::size_t>(piece_bytes_, 64, 65536));
      const PartShape shape = survey(stream);
      if (shape.forbidden) fail(kDocxForbiddenXml);
      stream.restart();
      if (shape.in_pieces) {
        pieces.bytes.emplace(std::move(stream), shape.cut, shape.last, piece_bytes_,
                             std::max<std::size_t>(piece_bytes_, 1), held_bytes());
        index_large_elements(*pieces.bytes);
        if (!check_in_pieces(pieces)) return std::nullopt;
      } else {
        if (*size > held_bytes()) fail(kDocxLimits);
        stream.reach(SIZE_MAX);
        pieces.part = load_checked(stream.take());
      }
    } else {
      pieces.part = load_checked(*archive_.read(path));
    }
    if (!pieces.part) return std::nullopt;
    load_relationships(*pieces.part, path);
    return pieces;
  }

  // A part in memory; nothing when it is not well-formed XML.
  static std::unique_ptr<Part> load_checked(std::string&& xml) {
    if (has_forbidden_construct(xml)) fail(kDocxForbiddenXml);
    return load(std::move(xml));
  }

  // Loads pieces.part, the part without its children `pieces.level` deep, after checking each
  // child as it comes (see well_formed) and giving back its memory; false when the part is not
  // well-formed. A part with no such child keeps no bytes.
  bool check_in_pieces(PiecedPart& pieces) {
    PartBytes& bytes = *pieces.bytes;
    std::string rest;
    std::size_t copied = 0;
    pugi::xml_encoding encoding = pugi::encoding_auto;
    ChildScanner scanner(bytes, pieces.level);
    ChildScanner::Child child;
    while (scanner.next(child)) {
      rest.append(bytes.at(copied, child.begin));
      copied = child.end;
      if (encoding == pugi::encoding_auto) {
        // pugixml tells the encoding from the first bytes and the XML declaration, both before
        // the first child.
        const std::string_view head = bytes.at(0, std::max<std::size_t>(child.begin, 4));
        pugi::xml_document probe;
        encoding = probe.load_buffer(head.data(), head.size(), kParseOptions).encoding;
      }
      if (!well_formed(bytes, Span{child.begin, child.end}, encoding, 0)) return false;
      bytes.release(child.end);
      if (rest.size() > held_bytes()) fail(kDocxLimits);
    }
    if (scanner.malformed()) return false;
    rest.append(bytes.at(copied, std::string_view::npos));
    if (rest.size() > held_bytes()) fail(kDocxLimits);
    pieces.part = load(std::move(rest));
    if (!pieces.part) return false;
    if (encoding == pugi::encoding_auto) {
      pieces.bytes.reset();
    } else {
      bytes.restart();
    }
    return true;
  }

  // Whether pugixml reads the element at `span` as well-formed. A large one is checked as its
  // own markup without its children, then each child in turn as it comes, so that no tree is
  // ever larger than a piece's and the bytes checked go back as the check goes.
  bool well_formed(PartBytes& bytes, Span span, pugi::xml_encoding encoding, int depth) const {
    if (span.size() <= piece_bytes_ || depth >= kMaxCheckDepth) {
      if (span.size() > held_bytes()) fail(kDocxLimits);
      pugi::xml_document tree;
      const std::string_view xml = bytes.at(span.begin, span.end);
      return tree.load_buffer(xml.data(), xml.size(), kParseOptions, encoding);
    }
    std::string own;
    std::size_t copied = span.begin;
    ChildScanner scanner(bytes, 1, span.begin, span.end);
    ChildScanner::Child child;
    while (scanner.next(child)) {
      own.append(bytes.at(copied, child.begin));
      copied = child.end;
      if (!well_formed(bytes, Span{child.begin, child.end}, encoding, depth + 1)) return false;
      bytes.release(child.end);
      if (own.size() > held_bytes()) fail(kDocxLimits);
    }
    if (scanner.malformed()) return false;
    own.append(bytes.at(copied, span.end));
    if (own.size() > held_bytes()) fail(kDocxLimits);
    pugi::xml_document tree;
    return tree.load_buffer_inplace(own.data(), own.size(), kParseOptions, encoding);
  }

  // The most of a part or an element held whole at once (a part that cannot be read in pieces,
  // an element with nothing to walk into, a part's markup without its pieces): no résumé comes
  // near it, and a crafted file that does would cost the server several times as much memory.
  std::size_t held_bytes() const { return std::max(piece_bytes_, kMaxHeldBytes); }

  // The XML of a part and the prefixes its root binds; nothing when it is not well-formed.
  static std::unique_ptr<Part> load(std::string&& xml) {
    auto part = std::make_unique<Part>();
    part->source = std::move(xml);
    auto result =
        part->xml.load_buffer_inplace(part->source.data(), part->source.size(), kParseOptions);
    if (!result) return nullptr;
    part->encoding = result.encoding;
    pugi::xml_node root = part->xml.document_element();
    for (auto a : root.attributes()) {
      std::string_view name = a.name();
      std::string_view value = a.value();
      std::string prefix;
      if (name == "xmlns") {
        prefix = "";
      } else if (name.substr(0, 6) == "xmlns:") {
        prefix = std::string(name.substr(6));
      } else {
        continue;
      }
      for (auto ns : kWordNamespaces) {
        if (value == ns) part->w = prefix;
      }
      for (auto ns : kRelationshipNamespaces) {
        if (value == ns) part->r = prefix;
      }
    }
    return part;
  }

  void load_relationships(Part& part, const std::string& path) {
    auto slash = path.rfind('/');
    std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
    std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    auto xml = archive_.read(dir + "_rels/" + name + ".rels", held_bytes());
    if (!xml) return;
    if (has_forbidden_construct(*xml)) fail(kDocxForbiddenXml);
    pugi::xml_document doc;
    if (!doc.load_buffer(xml->data(), xml->size())) return;
    for (auto rel : doc.document_element().children()) {
      if (local_name(rel.name()) != "Relationship") continue;
      std::string id = rel.attribute("Id").value();
      if (id.empty() || part.rels.count(id)) continue;
      Relationship r;
      r.type = rel.attribute("Type").value();
      r.target = rel.attribute("Target").value();
      r.external = iequals_ascii(rel.attribute("TargetMode").value(), "External");
      part.rels.emplace(id, std::move(r));
      part.rel_order.push_back(std::move(id));
    }
  }

  void load_styles() {
    auto xml = archive_.read("word/styles.xml", held_bytes());
    if (!xml) return;
    auto part = parse(std::move(*xml), "word/styles.xml");
    if (!part) return;
    for (auto node : part->xml.document_element().children()) {
      if (!part->is(node, "style")) continue;
      std::string id = part->attr(node, "styleId");
      if (id.empty()) continue;
      if (std::strcmp(part->attr(node, "type"), "paragraph") != 0 &&
          std::strlen(part->attr(node, "type")) != 0) {
        continue;
      }
      Style style;
      style.name = to_lower_ascii(part->attr(part->child(node, "name"), "val"));
      style.based_on = part->attr(part->child(node, "basedOn"), "val");
      pugi::xml_node ppr = part->child(node, "pPr");
      style.outline = to_int(part->attr(part->child(ppr, "outlineLvl"), "val"), -1);
      pugi::xml_node num = part->child(ppr, "numPr");
      if (num) {
        style.num_id = to_int(part->attr(part->child(num, "numId"), "val"), -1);
        style.num_level = to_int(part->attr(part->child(num, "ilvl"), "val"), 0);
      }
      const char* is_default = part->attr(node, "default");
      if (std::strcmp(is_default, "1") == 0 || std::strcmp(is_default, "true") == 0) {
        default_style_ = id;
      }
      styles_.emplace(std::move(id), std::move(style));
    }
  }

  void load_numbering() {
    auto xml = archive_.read("word/numbering.xml", held_bytes());
    if (!xml) return;
    auto part = parse(std::move(*xml), "word/numbering.xml");
    if (!part) return;
    for (auto node : part->xml.document_element().children()) {
      if (part->is(node, "abstractNum")) {
        auto& levels = abstract_[to_int(part->attr(node, "abstractNumId"), -1)];
        for (auto lvl : node.children()) {
          if (!part->is(lvl, "lvl")) continue;
          int ilvl = to_int(part->attr(lvl, "ilvl"), -1);
          if (ilvl < 0 || ilvl > 8) continue;
          Level& level = levels[static_cast<std::size_t>(ilvl)];
          if (auto fmt = part->child(lvl, "numFmt")) level.format = part->attr(fmt, "val");
          level.text = part->attr(part->child(lvl, "lvlText"), "val");
          level.start = to_int(part->attr(part->child(lvl, "start"), "val"), 1);
        }
      } else if (part->is(node, "num")) {
        int id = to_int(part->attr(node, "numId"), -1);
        nums_[id] = to_int(part->attr(part->child(node, "abstractNumId"), "val"), -1);
      }
    }
  }

  // Heading level from the paragraph's own outline level, else its style chain.
  int heading_level(const Part& part, const pugi::xml_node& ppr,
                    const std::string& style_id) const {
    int outline = to_int(part.attr(part.child(ppr, "outlineLvl"), "val"), -1);
    if (outline >= 0 && outline < 9) return outline + 1;
    std::string id = style_id;
    for (int hops = 0; hops < 10 && !id.empty(); ++hops) {
      auto it = styles_.find(id);
      // Without styles.xml the built-in ids ("Heading2", "Title") still say what they are.
      std::string name = it != styles_.end() ? it->second.name : to_lower_ascii(id);
      if (name == "title") return 1;
      for (std::string_view prefix : {"heading ", "heading"}) {
        if (name.size() == prefix.size() + 1 && name.compare(0, prefix.size(), prefix) == 0 &&
            name.back() >= '1' && name.back() <= '9') {
          return name.back() - '0';
        }
      }
      if (it == styles_.end()) break;
      if (it->second.outline >= 0 && it->second.outline < 9) return it->second.outline + 1;
      id = it->second.based_on;
    }
    return 0;
  }

  // (numId, ilvl) from the paragraph, else from its style chain; numId 0 means "no list".
  std::pair<int, int> numbering(const Part& part, const pugi::xml_node& ppr,
                                const std::string& style_id, bool& list_style) const {
    list_style = false;
    if (pugi::xml_node num = part.child(ppr, "numPr")) {
      int id = to_int(part.attr(part.child(num, "numId"), "val"), -1);
      if (id >= 0) return {id, to_int(part.attr(part.child(num, "ilvl"), "val"), 0)};
    }
    std::string id = style_id;
    for (int hops = 0; hops < 10 && !id.empty(); ++hops) {
      auto it = styles_.find(id);
      if (it == styles_.end()) break;
      if (it->second.name.rfind("list bullet", 0) == 0 ||
          it->second.name.rfind("list number", 0) == 0) {
        list_style = true;
      }
      if (it->second.num_id >= 0) return {it->second.num_id, it->second.num_level};
      id = it->second.based_on;
    }
    return {0, 0};
  }

  // "• " for bullets, "1. ", "a) ", "iv. " for numbered levels, following lvlText.
  std::string list_marker(int num_id, int ilvl) {
    ilvl = std::clamp(ilvl, 0, 8);
    auto num = nums_.find(num_id);
    auto abstract = num == nums_.end() ? abstract_.end() : abstract_.find(num->second);
    if (abstract == abstract_.end()) return "\u2022 ";
    const auto& levels = abstract->second;
    auto& state = lists_[num_id];
    auto level = static_cast<std::size_t>(ilvl);
    state.value[level] = state.started[level] ? state.value[level] + 1 : levels[level].start;
    state.started[level] = true;
    for (std::size_t deeper = level + 1; deeper < 9; ++deeper) state.started[deeper] = false;

    const Level& lvl = levels[level];
    if (lvl.format == "bullet") return "\u2022 ";
    if (lvl.format == "none") return "";
    std::string out;
    const std::string& pattern = lvl.text.empty() ? "%" + std::to_string(ilvl + 1) + "." : lvl.text;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
      if (pattern[i] == '%' && i + 1 < pattern.size() && pattern[i + 1] >= '1' &&
          pattern[i + 1] <= '9') {
        auto k = static_cast<std::size_t>(pattern[i + 1] - '1');
        out += format_number(state.started[k] ? state.value[k] : levels[k].start, levels[k].format);
        ++i;
      } else {
        out.push_back(pattern[i]);
      }
    }
    return trim(out).empty() ? "" : trim(out) + " ";
  }

  // A header or footer part: its lines (none when it holds no text) and its links.
  Extracted read_side_part(const std::string& path) {
    Extracted out;
    std::optional<PiecedPart> part = parse_in_pieces(path, 1);
    if (!part) return out;
    deadline_.check();
    std::vector<Line>* saved_lines = lines_;
    std::vector<std::string> saved_links = std::move(links_);
    links_.clear();
    lines_ = &out.lines;
    top_blocks(*part, part->part->xml.document_element(), 0);
    lines_ = saved_lines;
    out.links = std::move(links_);
    links_ = std::move(saved_links);
    bool blank = std::all_of(out.lines.begin(), out.lines.end(),
                             [](const Line& line) { return trim(line.text).empty(); });
    if (blank) out = Extracted{};
    return out;
  }

  static pugi::xml_node chosen_branch(const pugi::xml_node& alternate) {
    for (auto c : alternate.children()) {
      if (local_name(c.name()) == "Choice") return c;
    }
    for (auto c : alternate.children()) {
      if (local_name(c.name()) == "Fallback") return c;
    }
    return {};
  }

  static void enter(int depth) {
    if (depth > kMaxDepth) fail(kDocxCorrupt);
  }

  // The children of `holder` (the body, or a header's root) in order: from the part's tree, or
  // each from its piece when they were cut out of it.
  void top_blocks(PiecedPart& pieces, const pugi::xml_node& holder, std::size_t holder_index) {
    if (!pieces.bytes) return blocks(*pieces.part, holder, false, 0);
    enter(0);
    pieces_ = &pieces;
    hold_ = std::string::npos;
    ChildScanner scanner(*pieces.bytes, pieces.level);
    ChildScanner::Child child;
    while (scanner.next(child)) {
      if (child.parent == holder_index) block_of(Span{child.begin, child.end}, false, 0);
      read_up_to(child.end);
    }
    pieces_ = nullptr;
  }

  // The XML tree walk. Each loop's body is a function of its own, which the walk over pieces
  // below hands one child at a time.

  void blocks(const Part& part, const pugi::xml_node& parent, bool in_table, int depth) {
    enter(depth);
    for (auto node : parent.children()) block(part, node, in_table, depth);
  }

  void block(const Part& part, const pugi::xml_node& node, bool in_table, int depth) {
    if (part.is(node, "p")) {
      paragraph(part, node, in_table, depth);
    } else if (part.is(node, "tbl")) {
      table(part, node, depth + 1);
    } else if (part.is(node, "sdt")) {
      blocks(part, part.child(node, "sdtContent"), in_table, depth + 1);
    } else if (part.is(node, "customXml") || part.is(node, "ins") || part.is(node, "moveTo")) {
      blocks(part, node, in_table, depth + 1);
    } else if (local_name(node.name()) == "AlternateContent") {
      blocks(part, chosen_branch(node), in_table, depth + 1);
    }
  }

  // Row by row, each cell's paragraphs as lines of their own.
  void table(const Part& part, const pugi::xml_node& tbl, int depth) {
    enter(depth);
    for (auto row : tbl.children()) table_child(part, row, depth);
  }

  void table_child(const Part& part, const pugi::xml_node& row, int depth) {
    if (part.is(row, "tr")) {
      cells(part, row, depth + 1);
    } else if (part.is(row, "sdt") || part.is(row, "customXml")) {
      // Rows wrapped in a content control.
      pugi::xml_node holder = part.is(row, "sdt") ? part.child(row, "sdtContent") : row;
      for (auto inner : holder.children()) {
        if (part.is(inner, "tr")) cells(part, inner, depth + 1);
      }
    }
  }

  void cells(const Part& part, const pugi::xml_node& row, int depth) {
    enter(depth);
    for (auto cell : row.children()) row_child(part, cell, depth);
  }

  void row_child(const Part& part, const pugi::xml_node& cell, int depth) {
    if (part.is(cell, "tc")) {
      blocks(part, cell, true, depth + 1);
    } else if (part.is(cell, "sdt") || part.is(cell, "customXml")) {
      pugi::xml_node holder = part.is(cell, "sdt") ? part.child(cell, "sdtContent") : cell;
      for (auto inner : holder.children()) {
        if (part.is(inner, "tc")) blocks(part, inner, true, depth + 1);
      }
    }
  }

  void paragraph(const Part& part, const pugi::xml_node& p, bool in_table, int depth) {
    if (++paragraphs_ % 256 == 0) deadline_.check();
    std::string text;
    std::vector<pugi::xml_node> boxes;
    inline_content(part, p, text, boxes, depth + 1);
    paragraph_line(part, part.child(p, "pPr"), std::move(text), in_table);
    for (const auto& box : boxes) blocks(part, box, in_table, depth + 1);
  }

  // The line of a paragraph with its properties `ppr`: heading level, list marker, table cell.
  void paragraph_line(const Part& part, const pugi::xml_node& ppr, std::string&& text,
                      bool in_table) {
    std::string style_id = part.attr(part.child(ppr, "pStyle"), "val");
    if (style_id.empty()) style_id = default_style_;
    LineHint hint;
    hint.table_cell = in_table;
    hint.heading_level = heading_level(part, ppr, style_id);
    bool list_style = false;
    auto [num_id, ilvl] = numbering(part, ppr, style_id, list_style);
    std::string marker;
    if (num_id > 0) {
      hint.list_item = true;
      marker = list_marker(num_id, ilvl);
    } else if (list_style) {
      hint.list_item = true;
    }
    if (hint.list_item) hint.heading_level = 0;
    if (std::all_of(text.begin(), text.end(), is_space)) return add_line(std::string(), LineHint{});
    text.insert(0, marker);
    add_line(std::move(text), hint);
  }

  static bool is_space(char c) {  // what trim() strips
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
  }

  // A line of the part being read: kept with it (a header or footer), or written out (the body).
  void add_line(std::string&& text, const LineHint& hint) {
    text_bytes_ += text.size() + 1;
    count_text(0);
    if (lines_) return lines_->push_back(Line{std::move(text), hint});
    if (body_blank_first_) body_->add("", LineHint{});
    body_blank_first_ = false;
    body_->add(text, hint);
    body_written_ = true;
  }

  // The text so far, with `pending` bytes of a line not yet out, answers to a limit: a small
  // file's XML can compress 100:1, to far more text than any résumé holds.
  void count_text(std::size_t pending) const {
    if (text_bytes_ + pending > limits_.max_docx_text_bytes) fail(kDocxLimits);
  }

  void inline_content(const Part& part, const pugi::xml_node& parent, std::string& text,
                      std::vector<pugi::xml_node>& boxes, int depth) {
    enter(depth);
    for (auto node : parent.children()) inline_child(part, node, text, boxes, depth);
  }

  void inline_child(const Part& part, const pugi::xml_node& node, std::string& text,
                    std::vector<pugi::xml_node>& boxes, int depth) {
    if (part.is(node, "r")) {
      run(part, node, text, boxes, depth + 1);
    } else if (part.is(node, "hyperlink")) {
      hyperlink(part, node);
      inline_content(part, node, text, boxes, depth + 1);
    } else if (part.is(node, "fldSimple")) {
      if (auto target = hyperlink_field_target(part.attr(node, "instr"))) {
        links_.push_back(*target);
      }
      inline_content(part, node, text, boxes, depth + 1);
    } else if (part.is(node, "ins") || part.is(node, "moveTo") || part.is(node, "smartTag") ||
               part.is(node, "customXml") || part.is(node, "dir") || part.is(node, "bdo")) {
      inline_content(part, node, text, boxes, depth + 1);
    } else if (part.is(node, "sdt")) {
      inline_content(part, part.child(node, "sdtContent"), text, boxes, depth + 1);
    } else if (local_name(node.name()) == "AlternateContent") {
      inline_content(part, chosen_branch(node), text, boxes, depth + 1);
    } else if (local_name(node.name()) == "oMath" || local_name(node.name()) == "oMathPara") {
      math_text(node, text, depth + 1);
    }
  }

  // An external hyperlink's target, from the relationship its r:id names.
  void hyperlink(const Part& part, const pugi::xml_node& node) {
    std::string id = part.rel_id(node);
    auto rel = part.rels.find(id);
    if (!id.empty() && rel != part.rels.end() && rel->second.external) {
      links_.push_back(rel->second.target);
    }
  }

  static void math_text(const pugi::xml_node& node, std::string& text, int depth) {
    enter(depth);
    for (auto c : node.children()) math_child(c, text, depth);
  }

  static void math_child(const pugi::xml_node& c, std::string& text, int depth) {
    if (c.type() != pugi::node_element) return;
    if (local_name(c.name()) == "t") {
      text += c.child_value();
    } else {
      math_text(c, text, depth + 1);
    }
  }

  void run(const Part& part, const pugi::xml_node& r, std::string& text,
           std::vector<pugi::xml_node>& boxes, int depth) {
    for (auto node : r.children()) run_child(part, node, text, boxes, depth);
  }

  void run_child(const Part& part, const pugi::xml_node& node, std::string& text,
                 std::vector<pugi::xml_node>& boxes, int depth) {
    if (part.is(node, "t")) {
      text += node.child_value();
    } else if (part.is(node, "tab") || part.is(node, "ptab")) {
      text.push_back('\t');
    } else if (part.is(node, "br") || part.is(node, "cr")) {
      text.push_back('\n');
    } else if (part.is(node, "noBreakHyphen")) {
      text.push_back('-');
    } else if (part.is(node, "sym")) {
      // Symbol-font bullets typed as characters; other symbols carry no text.
      std::string code = to_lower_ascii(part.attr(node, "char"));
      if (code == "f0b7" || code == "f0a7" || code == "f06c" || code == "f0d8") text += "\u2022";
    } else if (part.is(node, "fldChar")) {
      std::string_view kind = part.attr(node, "fldCharType");
      if (kind == "begin") {
        field_instr_.clear();
        in_field_instr_ = true;
      } else if (in_field_instr_) {
        in_field_instr_ = false;
        if (auto target = hyperlink_field_target(field_instr_)) links_.push_back(*target);
        field_instr_.clear();
      }
    } else if (part.is(node, "instrText")) {
      if (in_field_instr_ && field_instr_.size() < 4096) field_instr_ += node.child_value();
    } else if (holds_text_boxes(part, node.name())) {
      find_text_boxes(part, node, boxes, depth + 1);
    }
  }

  static bool holds_text_boxes(const Part& part, std::string_view name) {
    return Part::matches(name, part.w, "drawing") || Part::matches(name, part.w, "pict") ||
           Part::matches(name, part.w, "object") || local_name(name) == "AlternateContent";
  }

  // Text box content (DrawingML wps:txbx or VML v:textbox), one branch of each alternative.
  void find_text_boxes(const Part& part, const pugi::xml_node& node,
                       std::vector<pugi::xml_node>& boxes, int depth) {
    enter(depth);
    if (local_name(node.name()) == "AlternateContent") {
      find_text_boxes(part, chosen_branch(node), boxes, depth + 1);
      return;
    }
    for (auto c : node.children()) {
      if (c.type() != pugi::node_element) continue;
      if (part.is(c, "txbxContent")) {
        boxes.push_back(c);
      } else {
        find_text_boxes(part, c, boxes, depth + 1);
      }
    }
  }

  // The same walk over the pieces of pieces_ (see PiecedPart), for elements larger than a piece:
  // each function below mirrors the one above of the same name, with the same depths, and hands
  // every child that fits in a piece, parsed on its own, to the loop body above.

  void blocks_of(Span parent, bool in_table, int depth) {
    enter(depth);
    for_each_read(parent, [&](Span node) { block_of(node, in_table, depth); });
  }

  void block_of(Span node, bool in_table, int depth) {
    if (fits(node)) {
      return parsed(node, [&](const pugi::xml_node& n) { block(part(), n, in_table, depth); });
    }
    if (is(node, "p")) {
      paragraph_of(node, in_table, depth);
    } else if (is(node, "tbl")) {
      table_of(node, depth + 1);
    } else if (is(node, "sdt")) {
      blocks_of(first_child(node, "sdtContent"), in_table, depth + 1);
    } else if (is(node, "customXml") || is(node, "ins") || is(node, "moveTo")) {
      blocks_of(node, in_table, depth + 1);
    } else if (local_name(name_of(node)) == "AlternateContent") {
      blocks_of(chosen_branch_of(node), in_table, depth + 1);
    }
  }

  void table_of(Span tbl, int depth) {
    enter(depth);
    for_each_read(tbl, [&](Span row) {
      if (fits(row)) {
        return parsed(row, [&](const pugi::xml_node& n) { table_child(part(), n, depth); });
      }
      if (is(row, "tr")) {
        cells_of(row, depth + 1);
      } else if (is(row, "sdt") || is(row, "customXml")) {
        for_each_read(is(row, "sdt") ? first_child(row, "sdtContent") : row, [&](Span inner) {
          if (!is(inner, "tr")) return;
          if (!fits(inner)) return cells_of(inner, depth + 1);
          parsed(inner, [&](const pugi::xml_node& n) { cells(part(), n, depth + 1); });
        });
      }
    });
  }

  void cells_of(Span row, int depth) {
    enter(depth);
    for_each_read(row, [&](Span cell) {
      if (fits(cell)) {
        return parsed(cell, [&](const pugi::xml_node& n) { row_child(part(), n, depth); });
      }
      if (is(cell, "tc")) {
        blocks_of(cell, true, depth + 1);
      } else if (is(cell, "sdt") || is(cell, "customXml")) {
        for_each_read(is(cell, "sdt") ? first_child(cell, "sdtContent") : cell, [&](Span inner) {
          if (!is(inner, "tc")) return;
          if (!fits(inner)) return blocks_of(inner, true, depth + 1);
          parsed(inner, [&](const pugi::xml_node& n) { blocks(part(), n, true, depth + 1); });
        });
      }
    });
  }

  // What a paragraph read in pieces keeps of its text boxes until its own line is out: a box's
  // content, or a piece holding boxes, to be parsed again (its text was taken the first time).
  struct BoxPiece {
    enum Kind { Box, InlineChild, RunChild, Drawing } kind;
    Span span;
    int depth;  // what the piece was first read with
  };

  void paragraph_of(Span p, bool in_table, int depth) {
    if (++paragraphs_ % 256 == 0) deadline_.check();
    const std::size_t outer_hold = hold_;
    pugi::xml_document ppr;
    const Span ppr_span = first_child(p, "pPr");
    if (!ppr_span.empty()) load_piece(ppr, ppr_span);
    std::string text;
    // Never grown by copying: the text is within its XML and the limit (which it passes by at
    // most what one piece, or one element held whole, adds before the limit is checked).
    text.reserve(std::min<std::size_t>(
        p.size(), limits_.max_docx_text_bytes -
                      std::min<std::size_t>(text_bytes_, limits_.max_docx_text_bytes) +
                      held_bytes()));
    std::vector<BoxPiece> boxes;
    inline_of(p, text, boxes, depth + 1);
    paragraph_line(part(), ppr.document_element(), std::move(text), in_table);
    for (std::size_t i = 0; i < boxes.size(); ++i) {
      const BoxPiece& box = boxes[i];
      const std::size_t next = i + 1 < boxes.size() ? boxes[i + 1].span.begin : std::string::npos;
      hold_ = std::min(outer_hold, next);
      if (box.kind == BoxPiece::Box) {
        blocks_of(box.span, in_table, depth + 1);
        continue;
      }
      parsed(box.span, [&](const pugi::xml_node& n) {
        for (const auto& found : boxes_again(n, box)) blocks(part(), found, in_table, depth + 1);
      });
    }
    hold_ = outer_hold;
  }

  // A paragraph's text box for later: its bytes are kept until then (see read_up_to).
  void keep(std::vector<BoxPiece>& boxes, const BoxPiece& box) {
    if (boxes.empty()) hold_ = std::min(hold_, box.span.begin);
    boxes.push_back(box);
  }

  // The text boxes of a piece read before: the walk again, its text, links and field state
  // (taken the first time) left as they are.
  std::vector<pugi::xml_node> boxes_again(const pugi::xml_node& node, const BoxPiece& piece) {
    const std::size_t links = links_.size();
    const std::string field = field_instr_;
    const bool in_field = in_field_instr_;
    std::string text;
    std::vector<pugi::xml_node> boxes;
    if (piece.kind == BoxPiece::InlineChild) inline_child(part(), node, text, boxes, piece.depth);
    if (piece.kind == BoxPiece::RunChild) run_child(part(), node, text, boxes, piece.depth);
    if (piece.kind == BoxPiece::Drawing) find_text_boxes(part(), node, boxes, piece.depth);
    links_.resize(links);
    field_instr_ = field;
    in_field_instr_ = in_field;
    return boxes;
  }

  // A piece walked by `walk` (into `found`, a scratch list of boxes); kept for later when it holds
  // text boxes.
  template <class Walk>
  void walk_piece(Span span, BoxPiece::Kind kind, int depth, std::vector<BoxPiece>& boxes,
                  Walk&& walk) {
    parsed(span, [&](const pugi::xml_node& n) {
      std::vector<pugi::xml_node> found;
      walk(n, found);
      if (!found.empty()) keep(boxes, BoxPiece{kind, span, depth});
    });
  }

  void inline_of(Span parent, std::string& text, std::vector<BoxPiece>& boxes, int depth) {
    enter(depth);
    for_each_read(parent, [&](Span node) {
      inline_child_of(node, text, boxes, depth);
      count_text(text.size());
    });
  }

  void inline_child_of(Span node, std::string& text, std::vector<BoxPiece>& boxes, int depth) {
    if (fits(node)) {
      return walk_piece(node, BoxPiece::InlineChild, depth, boxes,
                        [&](auto& n, auto& found) { inline_child(part(), n, text, found, depth); });
    }
    if (is(node, "r")) {
      run_of(node, text, boxes, depth + 1);
    } else if (is(node, "hyperlink")) {
      pugi::xml_document tag;
      hyperlink(part(), start_tag(tag, node));
      inline_of(node, text, boxes, depth + 1);
    } else if (is(node, "fldSimple")) {
      pugi::xml_document tag;
      if (auto target = hyperlink_field_target(part().attr(start_tag(tag, node), "instr"))) {
        links_.push_back(*target);
      }
      inline_of(node, text, boxes, depth + 1);
    } else if (is(node, "ins") || is(node, "moveTo") || is(node, "smartTag") ||
               is(node, "customXml") || is(node, "dir") || is(node, "bdo")) {
      inline_of(node, text, boxes, depth + 1);
    } else if (is(node, "sdt")) {
      inline_of(first_child(node, "sdtContent"), text, boxes, depth + 1);
    } else if (local_name(name_of(node)) == "AlternateContent") {
      inline_of(chosen_branch_of(node), text, boxes, depth + 1);
    } else if (local_name(name_of(node)) == "oMath" || local_name(name_of(node)) == "oMathPara") {
      math_text_of(node, text, depth + 1);
    }
  }

  void math_text_of(Span node, std::string& text, int depth) {
    enter(depth);
    for_each_child(node, [&](Span c) {
      if (fits(c) || local_name(name_of(c)) == "t") {
        return parsed(c, [&](const pugi::xml_node& n) { math_child(n, text, depth); });
      }
      math_text_of(c, text, depth + 1);
    });
  }

  void run_of(Span r, std::string& text, std::vector<BoxPiece>& boxes, int depth) {
    for_each_read(r, [&](Span node) {
      if (!fits(node) && holds_text_boxes(part(), name_of(node))) {
        return find_text_boxes_of(node, boxes, depth + 1);
      }
      walk_piece(node, BoxPiece::RunChild, depth, boxes,
                 [&](auto& n, auto& found) { run_child(part(), n, text, found, depth); });
      count_text(text.size());
    });
  }

  void find_text_boxes_of(Span node, std::vector<BoxPiece>& boxes, int depth) {
    if (!node.empty() && fits(node)) {
      return walk_piece(node, BoxPiece::Drawing, depth, boxes,
                        [&](auto& n, auto& found) { find_text_boxes(part(), n, found, depth); });
    }
    enter(depth);
    if (local_name(name_of(node)) == "AlternateContent") {
      return find_text_boxes_of(chosen_branch_of(node), boxes, depth + 1);
    }
    for_each_child(node, [&](Span c) {
      if (is(c, "txbxContent")) {
        keep(boxes, BoxPiece{BoxPiece::Box, c, depth});
      } else {
        find_text_boxes_of(c, boxes, depth + 1);
      }
    });
  }

  // The pieces of pieces_.

  const Part& part() const { return *pieces_->part; }

  bool fits(Span span) const { return span.size() <= piece_bytes_; }

  PartBytes& bytes() const { return *pieces_->bytes; }

  // Parses the element at `span` into `tree` (from a copy of its bytes: a piece may be parsed
  // again). Every piece was checked before, so this does not fail.
  void load_piece(pugi::xml_document& tree, Span span) const {
    if (span.size() > held_bytes()) fail(kDocxLimits);
    const std::string_view xml = bytes().at(span.begin, span.end);
    if (!tree.load_buffer(xml.data(), xml.size(), kParseOptions, part().encoding)) {
      fail(kDocxCorrupt);
    }
  }

  template <class Visit>
  void parsed(Span span, Visit&& visit) {
    pugi::xml_document tree;
    load_piece(tree, span);
    visit(tree.document_element());
  }

  // The bytes of the element's start tag (checked before, and no longer than the held size).
  std::string_view start_tag_bytes(Span span) const {
    bytes().at(span.begin, span.begin + 1);
    const std::size_t end = construct_end(bytes(), span.begin, span.end);
    if (end == std::string_view::npos) fail(kDocxCorrupt);
    return bytes().at(span.begin, end);
  }

  // The element's start tag alone, as an empty element: its name and attributes.
  pugi::xml_node start_tag(pugi::xml_document& tree, Span span) const {
    std::string tag(start_tag_bytes(span));
    if (tag[tag.size() - 2] != '/') tag.insert(tag.size() - 1, "/");
    if (!tree.load_buffer(tag.data(), tag.size(), kParseOptions, part().encoding)) {
      fail(kDocxCorrupt);
    }
    return tree.document_element();
  }

  // The element's qualified name, as pugixml gives it (converted to UTF-8 from Latin-1).
  std::string name_of(Span span) const {
    if (span.empty()) return {};
    const std::string_view tag = start_tag_bytes(span);
    const std::string_view name = tag.substr(1, tag.find_first_of(" \t\r\n/>", 1) - 1);
    if (part().encoding != pugi::encoding_latin1) return std::string(name);
    std::string utf8;
    for (unsigned char c : name) {
      if (c < 0x80) {
        utf8.push_back(static_cast<char>(c));
      } else {
        utf8.push_back(static_cast<char>(0xC0 | (c >> 6)));
        utf8.push_back(static_cast<char>(0x80 | (c & 0x3F)));
      }
    }
    return utf8;
  }

  bool is(Span span, std::string_view local) const {
    return Part::matches(name_of(span), part().w, local);
  }

  template <class Visit>
  void for_each_child(Span span, Visit&& visit) {
    if (span.empty()) return;
    ChildScanner scanner(bytes(), 1, span.begin, span.end);
    ChildScanner::Child child;
    while (scanner.next(child)) visit(Span{child.begin, child.end});
  }

  // The children read in order, each done with once visited (see read_up_to).
  template <class Visit>
  void for_each_read(Span span, Visit&& visit) {
    for_each_child(span, [&](Span child) {
      visit(child);
      read_up_to(child.end);
    });
  }

  // The part's XML is read once, front to back, after it was checked, inflated as the reading
  // goes and its memory given back behind it, a piece's worth at a time (on Linux; the bytes then
  // read as zeros): the XML is never whole in memory. What a paragraph still has to read, its
  // text boxes after its line, is held back (hold_).
  void read_up_to(std::size_t end) { bytes().release(std::min(end, hold_)); }

  // The first child whose (local) name is `name`, or none; the scan stops there.
  Span first_child(Span span, std::string_view name, bool local = false) {
    if (span.empty()) return {};
    ChildScanner scanner(bytes(), 1, span.begin, span.end);
    ChildScanner::Child c;
    while (scanner.next(c)) {
      const Span child{c.begin, c.end};
      if (local ? local_name(name_of(child)) == name : is(child, name)) return child;
      // A long search gives back what it passed (read again when the element is read).
      if (child.end - span.begin > bytes().held_bytes()) bytes().release(child.end);
    }
    return {};
  }

  Span chosen_branch_of(Span alternate) {
    const Span choice = first_child(alternate, "Choice", true);
    return choice.empty() ? first_child(alternate, "Fallback", true) : choice;
  }

  DocxArchive& archive_;
  const ExtractLimits& limits_;
  const Deadline& deadline_;
  std::unordered_map<std::string, Style> styles_;
  std::string default_style_;
  std::map<int, std::array<Level, 9>> abstract_;
  std::map<int, int> nums_;  // numId -> abstractNumId
  std::map<int, ListState> lists_;
  std::vector<Line>* lines_ = nullptr;  // a header's or footer's lines; null for the body
  TextBuilder* body_ = nullptr;         // where the body's lines go
  bool body_blank_first_ = false;       // a blank line before the body's first (after headers)
  bool body_written_ = false;
  std::vector<std::string> links_;
  std::string field_instr_;
  bool in_field_instr_ = false;
  std::size_t paragraphs_ = 0;
  std::size_t text_bytes_ = 0;  // of the lines out so far
  const std::size_t piece_bytes_;
  PiecedPart* pieces_ = nullptr;          // the part being read in pieces (see top_blocks)
  std::size_t hold_ = std::string::npos;  // where the text boxes still to read start
};

}  // namespace

std::vector<std::string> extract_docx(std::string_view bytes, const ExtractLimits& limits,
                                      const Deadline& deadline, TextBuilder& out,
                                      std::size_t piece_bytes) {
  DocxArchive archive(bytes, limits, deadline);
  deadline.check();
  return DocxReader(archive, limits, deadline, piece_bytes).read(out);
}

}  // namespace aligncv::text::detail
