// §3 Documents: upload (multipart), list, detail, original file, JSON Resume export, delete.
#include "context.hpp"
#include "multipart.hpp"
#include "routes.hpp"

#include <aligncv/error.hpp>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace aligncv::http {

namespace {

constexpr const char* kDocuments = "Documents";
// Room for the multipart framing around a file of the maximum size: delimiters, part headers
// (a long, percent-encoded file name) and a few small fields a client may add.
constexpr std::size_t kMultipartAllowance = 64 * 1024;

// "résumé.final.pdf" -> "résumé.final"; a name without an extension (or only one) stays whole.
std::string_view file_name_stem(std::string_view name) {
  const std::size_t dot = name.rfind('.');
  return dot == std::string_view::npos || dot == 0 ? name : name.substr(0, dot);
}

}  // namespace

void add_document_routes(Router& router, const Services& services) {
  Route& upload = router.add(
      Method::Post, "/v2/documents/upload", AuthKind::Bearer, BodyKind::Multipart,
      doc("Upload and parse a résumé", kDocuments)
          .describe("multipart/form-data with one file part named `file` (PDF, DOCX, TXT or "
                    "MD). Checked in this order: body size from Content-Length (413), "
                    "authentication (401), Content-Type (415), the multipart stream (400 when "
                    "broken, 422 without a `file` part, 413 for a file over the limit), the "
                    "upload rate limit (429), then the file itself (415 for legacy .doc; 400 for "
                    "another extension, an empty file, content that does not match its "
                    "extension, an encrypted or corrupt PDF, a corrupt DOCX, a zip bomb, "
                    "forbidden XML, non-UTF-8 text, more than 50 pages, too slow, or fewer than "
                    "50 characters of text).")
          .request("DocumentUploadForm")
          .response("DocumentUpload")
          .error({400, 429}),
      [](RequestContext& ctx) {
        const MultipartPart* file = ctx.form.find("file");
        if (file == nullptr) {
          throw Error::validation({FieldIssue{"missing", Json::array({"body", "file"}),
                                              "Field required", nullptr, nullptr}});
        }
        Reply reply = Reply::json(to_upload_json(
            ctx.engine.upload_document(ctx.me(), file->filename.value_or(""), file->data)));
#ifdef __GLIBC__
        // The stored document (its whole text) and the answer's JSON are freed only now, after
        // the engine's own trim; without this they stay resident in this thread's arena.
        malloc_trim(0);
#endif
        return reply;
      });
  upload.body_limit = static_cast<std::size_t>(services.max_upload_bytes) + kMultipartAllowance;
  upload.too_large_detail = services.upload_too_large_detail;

  Route& list = router.add(
      Method::Get, "/v2/documents", AuthKind::Bearer, BodyKind::None,
      doc("List own documents", kDocuments)
          .describe("Own documents only, newest first; `total` counts all of them. Summaries "
                    "leave out the text unless include_text=true.")
          .query("limit", "integer", "1..100, default 100")
          .query("offset", "integer", ">= 0, default 0")
          .query("include_text", "boolean",
                 "default false; adds extracted_text to each item (true/false/1/0/yes/no/on/off)")
          .response("DocumentList")
          .error({422}),
      [](RequestContext& ctx) {
        return Reply::json(to_json(ctx.engine.documents(ctx.me(), ctx.query())));
      });
  list.canonical_slash = true;  // the existing frontend calls /v2/documents/

  router.add(Method::Get, "/v2/documents/{doc_id}", AuthKind::Bearer, BodyKind::None,
             doc("Document detail with text and profile", kDocuments)
                 .describe("Unknown, malformed or another user's id: 404 \"Document not found\".")
                 .response("DocumentDetail"),
             [](RequestContext& ctx) {
               return Reply::json(to_json(ctx.engine.document(ctx.me(), ctx.param("doc_id"))));
             });

  router.add(
      Method::Get, "/v2/documents/{doc_id}/file", AuthKind::Bearer, BodyKind::None,
      doc("Original file", kDocuments)
          .describe("The bytes as uploaded, with the stored Content-Type (application/pdf, "
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document, "
                    "text/plain or text/markdown).")
          .type("application/octet-stream")
          .header("Content-Disposition",
                  "attachment; filename=\"<ASCII fallback>\"; filename*=UTF-8''<file_name>")
          .header("Content-Security-Policy", "sandbox")
          .header("Cache-Control", "private, no-store"),
      [](RequestContext& ctx) {
        DocumentFile file = ctx.engine.document_file(ctx.me(), ctx.param("doc_id"));
        Reply reply;
        reply.body = std::move(file.bytes);
        reply.content_type = std::move(file.mime_type);
        reply.headers.emplace_back("Content-Disposition", attachment_disposition(file.file_name));
        // A stored HTML-looking text must never run as a page of this origin.
        reply.headers.emplace_back("Content-Security-Policy", "sandbox");
        reply.headers.emplace_back("Cache-Control", "private, no-store");
        return reply;
      });

  router.add(
      Method::Get, "/v2/documents/{doc_id}/resume.json", AuthKind::Bearer, BodyKind::None,
      doc("JSON Resume export", kDocuments)
          .describe("A JSON Resume v1.0.0 document built from the profile, with $schema and "
                    "meta; keys whose value is null are left out.")
          .response("JsonResume")
          .header("Content-Disposition", "attachment; filename=\"<file name stem>.resume.json\""),
      [](RequestContext& ctx) {
        const std::string id = ctx.param("doc_id");
        Reply reply = Reply::json(ctx.engine.document_json_resume(ctx.me(), id));
        // The export holds no file name; the header's comes from the record.
        const StoredDocument stored = ctx.engine.document(ctx.me(), id);
        reply.headers.emplace_back(
            "Content-Disposition",
            ascii_attachment_disposition(std::string(file_name_stem(stored.file_name)) +
                                         ".resume.json"));
        return reply;
      });

  router.add(Method::Delete, "/v2/documents/{doc_id}", AuthKind::Bearer, BodyKind::None,
             doc("Delete document, file and versions", kDocuments)
                 .describe("Deletes the record, the stored file and the document's rewrite "
                           "versions. Unknown or foreign id: 404 \"Document not found\".")
                 .response("Message"),
             [](RequestContext& ctx) {
               ctx.engine.delete_document(ctx.me(), ctx.param("doc_id"));
               return Reply::message("Document deleted successfully");
             });
}

}  // namespace aligncv::http
