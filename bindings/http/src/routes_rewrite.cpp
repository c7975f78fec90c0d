// §5 Rewrite: rewriting, tailoring to a job, cover letters, LinkedIn texts, and their versions.
#include "context.hpp"
#include "routes.hpp"

namespace aligncv::http {

namespace {

constexpr const char* kRewrite = "Rewrite";
constexpr const char* kStatusNote =
    " api_status is \"local\" (no LLM configured), \"success\" (the LLM's output, which passed "
    "the fabrication guard) or \"fallback\" (the local result; warning names the LLM's failure). "
    "Counts toward the rewrite limit (30 per hour by default, shared by the four rewrite "
    "routes; only successful calls count) and is saved as a version.";

}  // namespace

void add_rewrite_routes(Router& router) {
  Route& rewrite = router.add(
      Method::Post, "/v2/rewrite", AuthKind::Bearer, BodyKind::Required,
      doc("Rewrite a résumé in a style", kRewrite)
          .describe(std::string("Rewrites the bullets of one of the caller's documents with action "
                                "verbs suited to rewrite_style (Technical, Management, Creative, "
                                "Sales, Academic or Executive; case-insensitive), removes weak "
                                "openers, first person and filler, and proposes figures as "
                                "suggestions only. impact_score (0..100) is computed from the "
                                "rewritten text.") +
                    kStatusNote +
                    " Unknown style: 422 literal_error. Unknown, malformed or another user's "
                    "resume_id: 404 \"Document not found or access denied\".")
          .request("RewriteRequest")
          .response("RewriteResult")
          .error(400, "\"Document has no text content to rewrite\"")
          .error(404, "\"Document not found or access denied\"")
          .error({422, 429}),
      [](RequestContext& ctx) { return Reply::json(ctx.engine.rewrite(ctx.me(), ctx.body)); });
  rewrite.canonical_slash = true;  // the existing frontend calls /v2/rewrite/

  router.add(
      Method::Post, "/v2/rewrite/tailor-to-job", AuthKind::Bearer, BodyKind::Required,
      doc("Tailor a résumé to a job description", kRewrite)
          .describe(std::string("conservative reorders bullets by relevance and adds the posting's "
                                "keywords the résumé already supports to the skills line; moderate "
                                "also rewrites relevant bullets to surface them; aggressive also "
                                "rewrites the summary toward the role and shortens unrelated "
                                "bullets. Missing skills are suggested, never inserted. "
                                "match_score_before / match_score: the /v2/jobs/score score of the "
                                "original and the tailored text.") +
                    kStatusNote)
          .request("TailorRequest")
          .response("TailorResult")
          .error(400,
                 "\"Invalid tailoring level. Must be one of: conservative, moderate, "
                 "aggressive\" or \"Document has no text content to rewrite\"")
          .error(404, "\"Document not found or you don't have permission to access it\"")
          .error({422, 429}),
      [](RequestContext& ctx) { return Reply::json(ctx.engine.tailor(ctx.me(), ctx.body)); });

  router.add(
      Method::Post, "/v2/rewrite/cover-letter", AuthKind::Bearer, BodyKind::Required,
      doc("Write a cover letter", kRewrite)
          .describe(std::string("A letter of 250..400 words built from the résumé's own facts, "
                                "for a pasted job_description or a catalogue job_id (exactly one, "
                                "else 422 value_error); company and title come from the job when "
                                "job_id is given.") +
                    kStatusNote)
          .request("CoverLetterRequest")
          .response("CoverLetterResult")
          .error(400, "\"Document has no text content to rewrite\"")
          .error(404, "\"Document not found or access denied\" or \"Job not found\"")
          .error({422, 429}),
      [](RequestContext& ctx) { return Reply::json(ctx.engine.cover_letter(ctx.me(), ctx.body)); });

  router.add(
      Method::Post, "/v2/rewrite/linkedin", AuthKind::Bearer, BodyKind::Required,
      doc("Write a LinkedIn headline and About", kRewrite)
          .describe(std::string("headline <= 220 characters, about <= 2,600 characters, from the "
                                "résumé's facts; target_role defaults to the most recent "
                                "position.") +
                    kStatusNote)
          .request("LinkedInRequest")
          .response("LinkedInResult")
          .error(400, "\"Document has no text content to rewrite\"")
          .error(404, "\"Document not found or access denied\"")
          .error({422, 429}),
      [](RequestContext& ctx) { return Reply::json(ctx.engine.linkedin(ctx.me(), ctx.body)); });

  router.add(Method::Get, "/v2/rewrite/versions/{doc_id}", AuthKind::Bearer, BodyKind::None,
             doc("List a document's versions", kRewrite)
                 .describe("Every rewrite, tailoring, cover letter and LinkedIn result of the "
                           "document, newest first. impact_score is the rewrite's impact_score, "
                           "the tailoring's match_score, or null.")
                 .response("VersionList")
                 .error(404, "\"Document not found\""),
             [](RequestContext& ctx) {
               return Reply::json(ctx.engine.versions(ctx.me(), ctx.param("doc_id")));
             });

  router.add(Method::Get, "/v2/rewrite/version/{version_id}", AuthKind::Bearer, BodyKind::None,
             doc("One version", kRewrite)
                 .describe("The body the creating call returned, plus kind, source and "
                           "created_at. Unknown, malformed or another user's id: 404.")
                 .response("Version")
                 .error(404, "\"Version not found\""),
             [](RequestContext& ctx) {
               return Reply::json(ctx.engine.version(ctx.me(), ctx.param("version_id")));
             });
}

}  // namespace aligncv::http
