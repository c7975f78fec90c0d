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
// A body child larger than this (one table or content control holding a whole large document)
// has the part parsed whole, as checking it on its own would hold a copy of it as well.
constexpr std::size_t kMaxChildBytes = std::size_t{1} << 20;

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

// The elements two levels below a part's root (in word/document.xml, the body's children), found
// by reading the markup as pugixml does: tags (whose quoted attribute values may hold '>'),
// comments, CDATA sections and processing instructions. What pugixml refuses as well (an
// unterminated construct, an element left open, an end tag with no start, a "<!" other than a
// comment or CDATA: a DOCTYPE is refused before) ends the scan as malformed.
class ChildScanner {
 public:
  struct Child {
    std::size_t begin = 0, end = 0;  // the child's bytes in the part
    std::size_t parent = 0;          // which element child of the root holds it, 0 for the first
  };

  explicit ChildScanner(std::string_view xml) : xml_(xml) {}

  // The next child; false at the end of the part or when it is malformed.
  bool next(Child& child) {
    while (true) {
      const std::size_t lt = xml_.find('<', pos_);
      if (lt == std::string_view::npos) {
        malformed_ = depth_ != 0;
        return false;
      }
      pos_ = construct_end(lt);
      if (pos_ == std::string_view::npos) break;
      const char kind = xml_[lt + 1];
      if (kind == '!' || kind == '?') continue;
      if (kind == '/') {
        if (depth_ == 0) break;
        if (--depth_ == 2) {
          child = Child{begin_, pos_, parents_ - 1};
          return true;
        }
        continue;
      }
      if (depth_ == 1) ++parents_;
      if (depth_ == 2) begin_ = lt;
      if (xml_[pos_ - 2] != '/') {
        ++depth_;
      } else if (depth_ == 2) {
        child = Child{begin_, pos_, parents_ - 1};
        return true;
      }
    }
    malformed_ = true;
    pos_ = xml_.size();
    return false;
  }

  bool malformed() const { return malformed_; }

 private:
  // One past the construct that starts at `lt`, npos when it is malformed.
  std::size_t construct_end(std::size_t lt) const {
    auto until = [&](std::size_t from, std::string_view close) {
      std::size_t at = xml_.find(close, from);
      return at == std::string_view::npos ? at : at + close.size();
    };
    const std::string_view rest = xml_.substr(lt);
    if (rest.substr(0, 4) == "<!--") return until(lt + 4, "-->");
    if (rest.substr(0, 9) == "<![CDATA[") return until(lt + 9, "]]>");
    if (rest.substr(0, 2) == "<!") return std::string_view::npos;
    if (rest.substr(0, 2) == "<?") return until(lt + 2, "?>");
    if (rest.substr(0, 2) == "</") return until(lt + 2, ">");
    char quote = 0;
    for (std::size_t i = lt + 1; i < xml_.size(); ++i) {
      const char c = xml_[i];
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

  std::string_view xml_;
  std::size_t pos_ = 0;
  int depth_ = 0;            // elements open at pos_
  std::size_t parents_ = 0;  // element children of the root seen so far
  std::size_t begin_ = 0;    // where the child being read starts
  bool malformed_ = false;
};

// The part without the elements two levels below its root (see ChildScanner); nothing when it is
// better parsed whole: it has none, one is over kMaxChildBytes, or the bytes may not be what
// pugixml reads (a NUL ends its input; a UTF-16 or UTF-32 part is converted first). Fails as
// corrupt when the part is malformed, as parsing it would.
std::optional<std::string> without_children(std::string_view xml) {
  if (xml.find('\0') != std::string_view::npos ||
      (!xml.empty() && (xml[0] == '\xFE' || xml[0] == '\xFF'))) {
    return std::nullopt;
  }
  std::string rest;
  std::size_t copied = 0;
  ChildScanner scanner(xml);
  ChildScanner::Child child;
  while (scanner.next(child)) {
    if (child.end - child.begin > kMaxChildBytes) return std::nullopt;
    rest.append(xml.substr(copied, child.begin - copied));
    copied = child.end;
  }
  if (scanner.malformed()) fail(kDocxCorrupt);
  if (copied == 0) return std::nullopt;
  rest.append(xml.substr(copied));
  return rest;
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

// word/document.xml. The elements two levels below its root (the body's children) are normally
// cut out of `part`, which keeps the root, the body, their siblings and attributes, and each is
// parsed from `xml` when its turn comes, so that a large body is never one XML tree (pugixml's
// tree is larger than the XML itself). A part that is not cut (see without_children) is all in
// `part`, and `xml` is empty.
struct MainPart {
  std::unique_ptr<Part> part;
  std::string xml;
  pugi::xml_node body;         // in `part`; null when there is none
  std::size_t body_index = 0;  // which element child of the root the body is
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
  DocxReader(DocxArchive& archive, const Deadline& deadline)
      : archive_(archive), deadline_(deadline) {}

  Extracted read() {
    std::optional<std::string> main = archive_.read("word/document.xml");
    if (!main) fail(kDocxCorrupt);
    MainPart document = parse_document(std::move(*main));
    load_styles();
    load_numbering();
    deadline_.check();
    if (!document.body) fail(kDocxCorrupt);

    // Headers and footers in relationship order, each distinct text once (a first-page and a
    // default header are often the same).
    std::vector<Extracted> headers, footers;
    for (const auto& id : document.part->rel_order) {
      const Relationship& rel = document.part->rels.at(id);
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

    Extracted body_part;
    lines_ = &body_part.lines;
    body_blocks(document);
    body_part.links = std::move(links_);
    document = MainPart{};  // the body's XML, the bulk of a large DOCX, before the copies below

    Extracted out;
    for (auto& part : headers) append(out, std::move(part));
    append(out, std::move(body_part));
    for (auto& part : footers) append(out, std::move(part));
    return out;
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

  // Parts are separated by a blank line, so a header never runs into the body's first line.
  static void append(Extracted& out, Extracted&& part) {
    if (out.lines.empty()) {
      out.lines = std::move(part.lines);  // the first part (often the body): no copy of its lines
    } else if (!part.lines.empty()) {
      out.lines.push_back(Line{});
      for (auto& line : part.lines) out.lines.push_back(std::move(line));
    }
    for (auto& link : part.links) out.links.push_back(std::move(link));
  }

  // Parses a part (and its relationships); nothing when it is not well-formed XML.
  std::unique_ptr<Part> parse(std::string&& xml, const std::string& path) {
    if (has_forbidden_construct(xml)) fail(kDocxForbiddenXml);
    auto part = load(std::move(xml));
    if (part) load_relationships(*part, path);
    return part;
  }

  // word/document.xml, its body's children cut out when it can be (see MainPart). The whole part
  // is checked as before: for a DTD first, then that all of it is well-formed (the children one
  // by one), else it fails as corrupt.
  MainPart parse_document(std::string&& xml) {
    if (has_forbidden_construct(xml)) fail(kDocxForbiddenXml);
    MainPart document;
    if (std::optional<std::string> rest = without_children(xml)) {
      document.xml = std::move(xml);
      document.part = load(std::move(*rest));
    } else {
      document.part = load(std::move(xml));
    }
    if (!document.part) fail(kDocxCorrupt);
    ChildScanner scanner(document.xml);
    ChildScanner::Child child;
    while (scanner.next(child)) {
      pugi::xml_document tree;
      if (!tree.load_buffer(document.xml.data() + child.begin, child.end - child.begin,
                            kParseOptions, document.part->encoding)) {
        fail(kDocxCorrupt);
      }
    }
    load_relationships(*document.part, "word/document.xml");

    pugi::xml_node root = document.part->xml.document_element();
    document.body = document.part->child(root, "body");
    for (auto node = root.first_child(); node && node != document.body;
         node = node.next_sibling()) {
      if (node.type() == pugi::node_element) ++document.body_index;
    }
    return document;
  }

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
    auto xml = archive_.read(dir + "_rels/" + name + ".rels");
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
    auto xml = archive_.read("word/styles.xml");
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
    auto xml = archive_.read("word/numbering.xml");
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
    auto xml = archive_.read(path);
    if (!xml) return out;
    auto part = parse(std::move(*xml), path);
    if (!part) return out;
    deadline_.check();
    std::vector<Line>* saved_lines = lines_;
    std::vector<std::string> saved_links = std::move(links_);
    links_.clear();
    lines_ = &out.lines;
    blocks(*part, part->xml.document_element(), false, 0);
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

  // The body's children in order: from the part's tree, or each parsed on its own (in place: its
  // bytes are not read again) when they were cut out of it.
  void body_blocks(MainPart& document) {
    if (document.xml.empty()) return blocks(*document.part, document.body, false, 0);
    enter(0);
    ChildScanner scanner(document.xml);
    ChildScanner::Child child;
    pugi::xml_document tree;
    while (scanner.next(child)) {
      if (child.parent != document.body_index) continue;
      if (!tree.load_buffer_inplace(document.xml.data() + child.begin, child.end - child.begin,
                                    kParseOptions, document.part->encoding)) {
        fail(kDocxCorrupt);  // not reached: every child was parsed once already
      }
      block(*document.part, tree.document_element(), false, 0);
    }
  }

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
    for (auto row : tbl.children()) {
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
  }

  void cells(const Part& part, const pugi::xml_node& row, int depth) {
    enter(depth);
    for (auto cell : row.children()) {
      if (part.is(cell, "tc")) {
        blocks(part, cell, true, depth + 1);
      } else if (part.is(cell, "sdt") || part.is(cell, "customXml")) {
        pugi::xml_node holder = part.is(cell, "sdt") ? part.child(cell, "sdtContent") : cell;
        for (auto inner : holder.children()) {
          if (part.is(inner, "tc")) blocks(part, inner, true, depth + 1);
        }
      }
    }
  }

  void paragraph(const Part& part, const pugi::xml_node& p, bool in_table, int depth) {
    if (++paragraphs_ % 256 == 0) deadline_.check();
    pugi::xml_node ppr = part.child(p, "pPr");
    std::string style_id = part.attr(part.child(ppr, "pStyle"), "val");
    if (style_id.empty()) style_id = default_style_;

    std::string text;
    std::vector<pugi::xml_node> boxes;
    inline_content(part, p, text, boxes, depth + 1);

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
    if (!trim(text).empty()) {
      lines_->push_back(Line{marker + text, hint});
    } else {
      lines_->push_back(Line{std::string(), LineHint{}});
    }
    for (const auto& box : boxes) blocks(part, box, in_table, depth + 1);
  }

  void inline_content(const Part& part, const pugi::xml_node& parent, std::string& text,
                      std::vector<pugi::xml_node>& boxes, int depth) {
    enter(depth);
    for (auto node : parent.children()) {
      if (part.is(node, "r")) {
        run(part, node, text, boxes, depth + 1);
      } else if (part.is(node, "hyperlink")) {
        std::string id = part.rel_id(node);
        auto rel = part.rels.find(id);
        if (!id.empty() && rel != part.rels.end() && rel->second.external) {
          links_.push_back(rel->second.target);
        }
        inline_content(part, node, text, boxes, depth + 1);
      } else if (part.is(node, "fldSimple")) {
        if (auto target = hyperlink_field_target(part.attr(node, "instr")))
          links_.push_back(*target);
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
  }

  static void math_text(const pugi::xml_node& node, std::string& text, int depth) {
    enter(depth);
    for (auto c : node.children()) {
      if (c.type() != pugi::node_element) continue;
      if (local_name(c.name()) == "t") {
        text += c.child_value();
      } else {
        math_text(c, text, depth + 1);
      }
    }
  }

  void run(const Part& part, const pugi::xml_node& r, std::string& text,
           std::vector<pugi::xml_node>& boxes, int depth) {
    for (auto node : r.children()) {
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
      } else if (part.is(node, "drawing") || part.is(node, "pict") || part.is(node, "object") ||
                 local_name(node.name()) == "AlternateContent") {
        find_text_boxes(part, node, boxes, depth + 1);
      }
    }
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

  DocxArchive& archive_;
  const Deadline& deadline_;
  std::unordered_map<std::string, Style> styles_;
  std::string default_style_;
  std::map<int, std::array<Level, 9>> abstract_;
  std::map<int, int> nums_;  // numId -> abstractNumId
  std::map<int, ListState> lists_;
  std::vector<Line>* lines_ = nullptr;
  std::vector<std::string> links_;
  std::string field_instr_;
  bool in_field_instr_ = false;
  std::size_t paragraphs_ = 0;
};

}  // namespace

Extracted extract_docx(std::string_view bytes, const ExtractLimits& limits,
                       const Deadline& deadline) {
  DocxArchive archive(bytes, limits, deadline);
  deadline.check();
  return DocxReader(archive, deadline).read();
}

}  // namespace aligncv::text::detail
