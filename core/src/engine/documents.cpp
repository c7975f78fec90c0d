// Documents (api-v2.md §3): upload, list, detail, original file, JSON Resume export, delete.
#include <aligncv/error.hpp>
#include <aligncv/version.hpp>

#include <chrono>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <cmath>
#include <filesystem>
#include <fstream>

#include "common/fields.hpp"
#include "common/hash.hpp"
#include "common/random.hpp"
#include "common/text.hpp"
#include "engine/impl.hpp"

namespace aligncv {

namespace {

const char* kNotFound = "Document not found";
constexpr std::size_t kMinTextLength = 50;
constexpr std::size_t kParsedTextPreview = 500;

constexpr std::size_t kMaxFileNameLength = 255;  // code points
constexpr std::size_t kMaxExtensionBytes = 16;   // ".markdown" and the like; longer is no extension

// The client's name as a display string: no directory part, no control characters, at most 255
// code points. It is never used as a path.
std::string clean_file_name(std::string_view name) {
  auto slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string out;
  for (char c : name) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) continue;
    out += c;
  }
  if (!is_valid_utf8(out)) {  // keep ASCII only rather than store broken UTF-8
    std::string ascii;
    for (char c : out) {
      if (static_cast<unsigned char>(c) < 0x80) ascii += c;
    }
    out = ascii;
  }
  out = trim(out);
  if (utf8_length(out) <= kMaxFileNameLength) return out;
  // Too long: the stem loses its end, the extension stays, since it decides the file's type.
  const std::size_t dot = out.rfind('.');
  const std::string extension =
      dot != std::string::npos && dot > 0 && out.size() - dot <= kMaxExtensionBytes
          ? out.substr(dot)
          : std::string();
  return utf8_prefix(out.substr(0, out.size() - extension.size()),
                     kMaxFileNameLength - utf8_length(extension)) +
         extension;
}

// Every key whose value is null is dropped, recursively (JSON Resume validates no nulls).
Json without_nulls(const Json& value) {
  if (value.is_object()) {
    Json out = Json::object();
    for (const auto& [k, v] : value.items()) {
      if (!v.is_null()) out[k] = without_nulls(v);
    }
    return out;
  }
  if (value.is_array()) {
    Json out = Json::array();
    for (const auto& v : value) {
      if (!v.is_null()) out.push_back(without_nulls(v));
    }
    return out;
  }
  return value;
}

std::vector<std::string> strings_of(const Json& array) {
  std::vector<std::string> out;
  if (array.is_array()) {
    for (const auto& v : array) {
      if (v.is_string()) out.push_back(v.get<std::string>());
    }
  }
  return out;
}

Json sections_json(const std::vector<resume::Section>& sections) {
  Json out = Json::array();
  for (const auto& s : sections) {
    out.push_back({{"name", s.name},
                   {"heading", s.heading ? Json(*s.heading) : Json(nullptr)},
                   {"start_line", s.start_line},
                   {"end_line", s.end_line}});
  }
  return out;
}

Json entities_json(const std::map<std::string, std::vector<std::string>>& entities) {
  Json out = Json::object();
  for (const auto& [label, values] : entities) out[label] = values;
  return out;
}

StoredDocument from_record(const DocumentRecord& r, bool detail, bool with_text) {
  StoredDocument d;
  d.id = r.id;
  d.file_name = r.file_name;
  d.file_type = r.file_type;
  d.mime_type = r.mime_type;
  d.file_size = r.file_size;
  d.storage_path = r.storage_path;
  d.text_hash = r.text_hash;
  d.skills = strings_of(r.skills);
  d.roles = strings_of(r.roles);
  d.created_at = r.created_at;
  d.updated_at = r.updated_at;
  d.text_length = static_cast<int64_t>(utf8_length(r.text));
  if (with_text) d.extracted_text = r.text;
  if (detail) {
    d.profile = r.profile;
    d.sections = r.sections;
    d.entities = r.entities;
  }
  return d;
}

}  // namespace

StoredDocument document_detail(const DocumentRecord& record) { return from_record(record, true, true); }

// ---- JSON forms ----

Json to_summary_json(const StoredDocument& d) {
  Json j = {{"id", d.id},
            {"file_name", d.file_name},
            {"file_type", d.file_type},
            {"file_size", d.file_size},
            {"text_length", d.text_length},
            {"skills", d.skills},
            {"roles", d.roles},
            {"created_at", format_timestamp(d.created_at)},
            {"updated_at", format_timestamp(d.updated_at)}};
  if (d.extracted_text) j["extracted_text"] = *d.extracted_text;
  return j;
}

Json to_json(const StoredDocument& d) {
  Json j = to_summary_json(d);
  std::string text = d.extracted_text.value_or("");
  j["mime_type"] = d.mime_type;
  j["storage_path"] = d.storage_path;
  j["extracted_text"] = text;
  j["parsed_content"] = {{"text", text},
                         {"text_hash", d.text_hash},
                         {"skills", d.skills},
                         {"roles", d.roles},
                         {"entities", d.entities.is_null() ? Json::object() : d.entities}};
  j["profile"] = d.profile.is_null() ? Json::object() : d.profile;
  j["sections"] = d.sections.is_null() ? Json::array() : d.sections;
  return j;
}

Json to_upload_json(const StoredDocument& d) {
  const std::string_view text = d.extracted_text ? std::string_view(*d.extracted_text) : std::string_view();
  std::string preview = utf8_prefix(text, kParsedTextPreview);
  if (preview.size() < text.size()) preview += "...";
  return {{"document_id", d.id},
          {"message", "Document uploaded and parsed successfully"},
          {"file_name", d.file_name},
          {"file_type", d.file_type},
          {"storage_path", d.storage_path},
          {"file_size", d.file_size},
          {"text_length", d.text_length},
          {"parsed_text", preview},
          {"skills", d.skills},
          {"roles", d.roles},
          {"entities", d.entities.is_null() ? Json::object() : d.entities},
          {"profile", d.profile.is_null() ? Json::object() : d.profile},
          {"sections", d.sections.is_null() ? Json::array() : d.sections}};
}

Json to_json(const DocumentPage& page) {
  Json items = Json::array();
  for (const auto& d : page.documents) items.push_back(to_summary_json(d));
  return {{"documents", items}, {"total", page.total}};
}

Json to_json(const ParsedDocument& p) {
  return {{"file_type", text::file_type_name(p.document.type)},
          {"text", p.document.text},
          {"skills", p.result.skills},
          {"roles", p.result.roles},
          {"entities", entities_json(p.result.entities)},
          {"profile", resume::to_json(p.result.profile)},
          {"sections", sections_json(p.result.sections)}};
}

ParsedDocument parse_document(std::string_view file_name, std::string_view bytes,
                              const text::ExtractLimits& limits) {
  auto start = std::chrono::steady_clock::now();
  ParsedDocument out;
  out.document = text::extract(file_name, bytes, limits);
  out.result = resume::parse(out.document, taxonomy::Taxonomy::builtin());
  auto elapsed = std::chrono::steady_clock::now() - start;
  if (elapsed > std::chrono::milliseconds(limits.time_budget_ms)) {
    throw Error(ErrorCode::InvalidArgument, "Document took too long to process");
  }
  return out;
}

uint64_t max_upload_bytes(const Options& options) {
  return static_cast<uint64_t>(options.max_file_size_mb) << 20;
}

Error upload_too_large(const Options& options) {
  return Error(ErrorCode::PayloadTooLarge, "File size exceeds maximum allowed size of " +
                                               std::to_string(options.max_file_size_mb) + "MB");
}

// ---- operations ----

StoredDocument Engine::upload_document(const Principal& me, std::string_view raw_name,
                                       std::string_view bytes) {
  const Options& o = impl_->options;
  if (bytes.size() > max_upload_bytes(o)) throw upload_too_large(o);
  int64_t now = impl_->clock->now_ms();
  if (int64_t wait = impl_->uploads->retry_after(me.user_id, now); wait > 0) {
    throw Error::rate_limited("Upload limit reached (" + std::to_string(impl_->uploads->limit()) +
                                  " per hour). Try again in " + std::to_string(wait) + " seconds.",
                              wait);
  }
  std::string file_name = clean_file_name(raw_name);
  ParsedDocument parsed = parse_document(file_name, bytes);
  if (utf8_length(trim(parsed.document.text)) < kMinTextLength) {
    throw Error(ErrorCode::InvalidArgument, "Failed to extract text from document or content is too short");
  }

  // The per-line hints served the parser; the rest of the upload needs the text only.
  std::vector<text::LineHint>().swap(parsed.document.lines);

  DocumentRecord r;
  r.id = uuid_v4();
  r.user_id = me.user_id;
  r.file_name = file_name;
  r.file_type = text::file_type_name(parsed.document.type);
  r.mime_type = text::mime_type(parsed.document.type);
  r.file_size = static_cast<int64_t>(bytes.size());
  r.storage_path = "user_" + me.user_id + "/" + r.id + "." + text::extension(parsed.document.type);
  r.text_hash = sha256_hex(parsed.document.text);
  r.text = std::move(parsed.document.text);  // the largest value of an upload: moved, not copied
  r.profile = resume::to_json(parsed.result.profile);
  r.sections = sections_json(parsed.result.sections);
  r.skills = parsed.result.skills;
  r.roles = parsed.result.roles;
  r.entities = entities_json(parsed.result.entities);
  r.created_at = r.updated_at = now;
  parsed.result = resume::ParseResult();  // now in `r` as JSON; freed before the store's copies

  // The file first (written aside, then renamed), the record second; a failed insert removes it.
  std::filesystem::path path = impl_->uploads_dir / r.storage_path;
  try {
    std::filesystem::create_directories(path.parent_path());
    std::filesystem::path tmp = path;
    tmp += ".tmp";
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      if (!out) throw Error(ErrorCode::Unavailable, "Cannot write " + tmp.string());
    }
    std::filesystem::rename(tmp, path);
  } catch (const std::filesystem::filesystem_error& e) {
    throw Error(ErrorCode::Unavailable, std::string("Cannot store the upload: ") + e.what());
  }
  try {
    impl_->store->insert_document(r);
  } catch (...) {
    std::error_code ec;
    std::filesystem::remove(path, ec);
    throw;
  }
  impl_->uploads->record(me.user_id, now);
  impl_->logger->info("documents", "Document uploaded", log_fields("", me.user_id));
  // The record is done with: its large values move into the answer rather than being copied.
  StoredDocument stored = from_record(r, false, false);
  stored.profile = std::move(r.profile);
  stored.sections = std::move(r.sections);
  stored.entities = std::move(r.entities);
  stored.extracted_text = std::move(r.text);
#ifdef __GLIBC__
  // An upload's buffers (up to the file limit, several copies) are freed on whichever of many
  // server threads ran it; glibc keeps freed memory per thread arena unless asked to return it.
  malloc_trim(0);
#endif
  return stored;
}

DocumentPage Engine::documents(const Principal& me, const Json& query) {
  const Json args = query.is_null() ? Json::object() : query;  // the reader keeps a reference
  FieldReader in(args, "query");
  auto limit = in.integer("limit", false, 1, 100);
  auto offset = in.integer("offset", false, 0, std::nullopt);
  auto include_text = in.boolean("include_text");
  in.throw_if_failed();
  bool with_text = include_text.value_or(false);
  DocumentPage page;
  for (const auto& r : impl_->store->documents(me.user_id, static_cast<int>(limit.value_or(100)),
                                               static_cast<int>(offset.value_or(0)), with_text)) {
    page.documents.push_back(from_record(r, false, with_text));
  }
  page.total = impl_->store->document_count(me.user_id);
  return page;
}

StoredDocument Engine::document(const Principal& me, const std::string& document_id) {
  auto r = impl_->store->document(me.user_id, document_id);
  if (!r) throw Error(ErrorCode::NotFound, kNotFound);
  return document_detail(*r);
}

DocumentFile Engine::document_file(const Principal& me, const std::string& document_id) {
  auto r = impl_->store->document(me.user_id, document_id);
  if (!r) throw Error(ErrorCode::NotFound, kNotFound);
  std::ifstream in(impl_->uploads_dir / r->storage_path, std::ios::binary);
  if (!in) throw Error(ErrorCode::NotFound, kNotFound);
  DocumentFile f;
  f.bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  f.mime_type = r->mime_type;
  f.file_name = r->file_name;
  return f;
}

Json Engine::document_json_resume(const Principal& me, const std::string& document_id) {
  auto r = impl_->store->document(me.user_id, document_id);
  if (!r) throw Error(ErrorCode::NotFound, kNotFound);
  Json resume = {{"$schema", "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"}};
  for (const char* key : {"basics", "work", "education", "skills", "projects", "certificates", "languages", "awards"}) {
    auto it = r->profile.find(key);
    resume[key] = it == r->profile.end() ? (std::string(key) == "basics" ? Json::object() : Json::array())
                                         : without_nulls(*it);
  }
  std::string modified = format_timestamp(r->updated_at).substr(0, 19);  // YYYY-MM-DDThh:mm:ss
  resume["meta"] = {{"version", "v1.0.0"}, {"lastModified", modified}};
  return resume;
}

void Engine::delete_document(const Principal& me, const std::string& document_id) {
  auto r = impl_->store->document(me.user_id, document_id);
  if (!r || !impl_->store->delete_document(me.user_id, document_id)) {
    throw Error(ErrorCode::NotFound, kNotFound);
  }
  std::error_code ec;
  std::filesystem::remove(impl_->uploads_dir / r->storage_path, ec);
}

}  // namespace aligncv
