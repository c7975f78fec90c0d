// §4 Jobs: import (raw JSON / JSON Lines / CSV, or a multipart file), the demo catalogue, list,
// stats, detail, match (POST and the GET search form), ATS score, bookmarks and applications.
#include "context.hpp"
#include "multipart.hpp"
#include "routes.hpp"

#include <aligncv/error.hpp>

#include <string>

namespace aligncv::http {

namespace {

constexpr const char* kJobs = "Jobs";

// The filters of §4.3, shared by both forms of the match route.
RouteDoc& match_filters(RouteDoc& d) {
  return d
      .query("min_salary", "integer",
             ">= 0; keeps jobs whose salary_max (else salary_min) is "
             "at least this; jobs without a salary are excluded")
      .query("location", "string", "case-insensitive substring of the job's location")
      .query("remote", "boolean", "equality (true/false/1/0/yes/no/on/off)")
      .query("employment_type", "string",
             "full-time, part-time, contract, internship, temporary or freelance")
      .query("experience_level", "string", "entry, mid, senior, lead or executive");
}

Reply bookmark_added(const std::string& bookmark_id) {
  return Reply::json(
      Json{{"message", "Job bookmarked successfully"}, {"bookmark_id", bookmark_id}});
}

}  // namespace

void add_job_routes(Router& router, const Services& services) {
  // ---- catalogue ---------------------------------------------------------------------------

  Route& list = router.add(
      Method::Get, "/v2/jobs", AuthKind::Bearer, BodyKind::None,
      doc("List jobs with filters", kJobs)
          .describe("A JSON array of Job objects (descriptions cut to 500 characters), newest "
                    "created_at first, ties by job_id. X-Total-Count gives the number of jobs "
                    "matching the filters, whatever skip and limit. Out-of-range or unknown "
                    "enumeration values: 422 with loc [\"query\", <name>].")
          .query("skip", "integer", ">= 0, default 0")
          .query("limit", "integer", "1..100, default 20")
          .query("source", "string", "equality, e.g. indeed, linkedin, demo, import")
          .query("q", "string",
                 "words that must all appear in title, company, tags, skills or description "
                 "(case-insensitive)")
          .query("location", "string", "case-insensitive substring of the job's location")
          .query("remote", "boolean", "equality (true/false/1/0/yes/no/on/off)")
          .query("employment_type", "string",
                 "full-time, part-time, contract, internship, temporary or freelance")
          .query("experience_level", "string", "entry, mid, senior, lead or executive")
          .response("JobList")
          .header("X-Total-Count", "Number of jobs matching the filters")
          .error({422}),
      [](RequestContext& ctx) {
        const JobPage page = ctx.engine.jobs(ctx.me(), ctx.query());
        Reply reply = Reply::json(to_json(page));
        reply.headers.emplace_back("X-Total-Count", std::to_string(page.total));
        return reply;
      });
  list.canonical_slash = true;  // §9 lists /v2/jobs/ first

  router.add(Method::Get, "/v2/jobs/stats", AuthKind::Bearer, BodyKind::None,
             doc("Catalogue and index statistics", kJobs)
                 .describe("Postings in the catalogue, per source, and the in-memory index's "
                           "size and memory.")
                 .response("JobStats"),
             [](RequestContext& ctx) { return Reply::json(ctx.engine.job_stats(ctx.me())); });

  // A literal segment (stats, match, bookmarks, ...) beats this parameter (§1.1).
  router.add(Method::Get, "/v2/jobs/{job_id}", AuthKind::Bearer, BodyKind::None,
             doc("One job", kJobs)
                 .describe("The full Job object (description whole) plus is_bookmarked and "
                           "is_applied for the caller.")
                 .response("JobDetail")
                 .error(404, "\"Job not found\""),
             [](RequestContext& ctx) {
               return Reply::json(to_json(ctx.engine.job(ctx.me(), ctx.param("job_id"))));
             });

  // ---- import ------------------------------------------------------------------------------

  Route& import_route = router.add(
      Method::Post, "/v2/jobs/import", AuthKind::Admin, BodyKind::Raw,
      doc("Import JSON / JSON Lines / CSV (JobSpy) postings", kJobs)
          .describe(
              "Admin only. The body is a JSON array of records (or one record), JSON Lines, or "
              "CSV with a header row (JobSpy's columns are understood); or multipart/form-data "
              "with a part `file` whose extension (.json, .jsonl, .ndjson, .csv) names the "
              "format. The format comes from ?format=, else the Content-Type "
              "(application/json; application/x-ndjson or application/jsonl; text/csv), else "
              "the file name. Records that cannot be read are listed in `rejected` with their "
              "line and the import goes on; a record whose job_id exists updates it. Checked in "
              "this order: body size (413), authentication (401), admin (403), the multipart "
              "stream (400), the format (415), then the payload (400).")
          .query("format", "string", "json, jsonl or csv; wins over the Content-Type")
          .accepts("application/json", "JobImportRecords")
          .accepts("application/x-ndjson")
          .accepts("application/jsonl")
          .accepts("text/csv")
          .accepts("multipart/form-data", "JobImportForm")
          .response("ImportSummary")
          .error(400,
                 "\"Import body is empty\", \"Invalid JSON: <reason> at line N\" (a JSON array "
                 "that does not parse), \"CSV header must include title and company\", or a "
                 "broken multipart stream: \"There was an error parsing the body\"")
          .error(415, "\"Unsupported import format; send JSON, JSON Lines or CSV\""),
      [](RequestContext& ctx) {
        const std::string format = ctx.query().value("format", std::string());
        const std::string content_type = ctx.header("Content-Type");
        if (is_multipart_form_data(content_type)) {
          const MultipartPart* file = ctx.form.find("file");
          if (file == nullptr) {
            throw Error::validation({FieldIssue{"missing", Json::array({"body", "file"}),
                                                "Field required", nullptr, nullptr}});
          }
          // The part's own Content-Type is not consulted: the file name's extension names the
          // format (§4.2).
          return Reply::json(to_json(ctx.engine.import_jobs(ctx.me(), file->data, format, "",
                                                            file->filename.value_or(""))));
        }
        return Reply::json(
            to_json(ctx.engine.import_jobs(ctx.me(), ctx.raw_body, format, content_type)));
      });
  import_route.body_limit = static_cast<std::size_t>(services.max_import_bytes);
  import_route.too_large_detail = services.import_too_large_detail;

  router.add(Method::Post, "/v2/jobs/ingest", AuthKind::Admin, BodyKind::None,
             doc("Load the demo catalogue", kJobs)
                 .describe("Admin only. (Re)loads the bundled demo postings (built from O*NET "
                           "occupations, source \"demo\"); the same catalogue is loaded on the "
                           "first start of an empty database. embeddings_created counts the "
                           "postings (re)indexed.")
                 .response("IngestSummary"),
             [](RequestContext& ctx) {
               return Reply::json(to_ingest_json(ctx.engine.ingest_demo_jobs(ctx.me())));
             });

  // ---- matching ----------------------------------------------------------------------------

  router.add(Method::Post, "/v2/jobs/match", AuthKind::Bearer, BodyKind::Required,
             doc("Match a résumé to jobs", kJobs)
                 .describe("At most top_k match results, combined_score descending, ties by "
                           "job_id; [] when nothing qualifies. An unknown, malformed or another "
                           "user's resume_id: 404 \"Resume not found\".")
                 .request("MatchRequest")
                 .response("MatchResults")
                 .error(404, "\"Resume not found\""),
             [](RequestContext& ctx) {
               return Reply::json(to_json(ctx.engine.match_jobs(ctx.me(), ctx.body)));
             });

  RouteDoc search_doc =
      doc("Search form: match by query and newest résumé", kJobs)
          .describe(
              "The résumé is resume_id, else the caller's newest document. With no "
              "document at all a non-empty query is matched on its own (the résumé-based "
              "components are null); without a query either: 404 \"No resume found. "
              "Upload a resume first.\". Same items as POST /v2/jobs/match.")
          .query("query", "string",
                 "<= 200 characters; keeps jobs containing at least one term and boosts them")
          .query("min_score", "number", "0..1 against match_score, default 0")
          .query("resume_id", "string", "one of the caller's documents (optional)")
          .query("top_k", "integer", "1..50, default 10");
  match_filters(search_doc)
      .response("MatchResults")
      .error(404, "\"Resume not found\", or \"No resume found. Upload a resume first.\"")
      .error({422});
  router.add(Method::Get, "/v2/jobs/match", AuthKind::Bearer, BodyKind::None, search_doc,
             [](RequestContext& ctx) {
               return Reply::json(to_json(ctx.engine.match_jobs_query(ctx.me(), ctx.query())));
             });

  router.add(
      Method::Post, "/v2/jobs/score", AuthKind::Bearer, BodyKind::Required,
      doc("ATS report for résumé vs. job description", kJobs)
          .describe("Exactly one of resume_id or resume_text, and exactly one of "
                    "job_description or job_id (else 422 value_error). score = round(0.5 "
                    "× required-skill coverage + 0.3 × keyword_coverage + 0.2 × share of "
                    "passed section checks).")
          .request("ScoreRequest")
          .response("ScoreReport")
          .error(404, "\"Resume not found\" or \"Job not found\""),
      [](RequestContext& ctx) { return Reply::json(ctx.engine.score_resume(ctx.me(), ctx.body)); });

  // ---- bookmarks ---------------------------------------------------------------------------

  const RouteDoc bookmark_doc =
      doc("Bookmark a job", kJobs)
          .describe(
              "Unknown job: 404 \"Job not found\"; already bookmarked: 400 \"Job already "
              "bookmarked\" (code conflict).")
          .request("BookmarkRequest")
          .response("BookmarkCreated")
          .error(400, "\"Job already bookmarked\" (code conflict)")
          .error(404, "\"Job not found\"");
  auto add_bookmark = [](RequestContext& ctx) {
    return bookmark_added(ctx.engine.add_bookmark(ctx.me(), ctx.body));
  };
  router.add(Method::Post, "/v2/jobs/bookmark", AuthKind::Bearer, BodyKind::Required, bookmark_doc,
             add_bookmark);
  RouteDoc bookmarks_post_doc = bookmark_doc;
  bookmarks_post_doc.summary = "Alias of POST /v2/jobs/bookmark";
  router.add(Method::Post, "/v2/jobs/bookmarks", AuthKind::Bearer, BodyKind::Required,
             bookmarks_post_doc, add_bookmark);

  router.add(
      Method::Get, "/v2/jobs/bookmarks", AuthKind::Bearer, BodyKind::None,
      doc("List bookmarks with nested job", kJobs)
          .describe("The caller's bookmarks, newest first, each with the job's title, "
                    "company, location and url and the nested Job object.")
          .response("BookmarkList"),
      [](RequestContext& ctx) { return Reply::json(to_json(ctx.engine.bookmarks(ctx.me()))); });

  auto remove_bookmark = [](std::string param) {
    return [param = std::move(param)](RequestContext& ctx) {
      ctx.engine.remove_bookmark(ctx.me(), ctx.param(param));
      return Reply::message("Bookmark removed successfully");
    };
  };
  router.add(Method::Delete, "/v2/jobs/bookmark/{job_id}", AuthKind::Bearer, BodyKind::None,
             doc("Remove bookmark by job id", kJobs)
                 .response("Message")
                 .error(404, "\"Bookmark not found\""),
             remove_bookmark("job_id"));
  router.add(Method::Delete, "/v2/jobs/bookmarks/{id}", AuthKind::Bearer, BodyKind::None,
             doc("Remove bookmark by bookmark id or job id", kJobs)
                 .describe("{id} is a bookmark id or a job_id.")
                 .response("Message")
                 .error(404, "\"Bookmark not found\""),
             remove_bookmark("id"));

  // ---- applications ------------------------------------------------------------------------

  const RouteDoc apply_doc =
      doc("Record or update an application", kJobs)
          .describe(
              "Creates the caller's application for the job (status default \"applied\") "
              "or, when there is one, updates it (omitted status and notes are kept); the "
              "message tells which. A status change is appended to history.")
          .request("ApplicationRequest")
          .response("ApplicationRecorded")
          .error(404, "\"Job not found\"");
  auto apply = [](RequestContext& ctx) {
    bool created = false;
    const Application application = ctx.engine.apply(ctx.me(), ctx.body, &created);
    return Reply::json(Json{{"message", created ? "Job application recorded successfully"
                                                : "Application updated successfully"},
                            {"application_id", application.id}});
  };
  router.add(Method::Post, "/v2/jobs/apply", AuthKind::Bearer, BodyKind::Required, apply_doc,
             apply);
  RouteDoc applications_post_doc = apply_doc;
  applications_post_doc.summary = "Alias of POST /v2/jobs/apply";
  router.add(Method::Post, "/v2/jobs/applications", AuthKind::Bearer, BodyKind::Required,
             applications_post_doc, apply);

  router.add(
      Method::Get, "/v2/jobs/applications", AuthKind::Bearer, BodyKind::None,
      doc("List applications with history and nested job", kJobs)
          .describe("The caller's applications, most recently updated first.")
          .response("ApplicationList"),
      [](RequestContext& ctx) { return Reply::json(to_json(ctx.engine.applications(ctx.me()))); });

  auto update = [](bool partial) {
    return [partial](RequestContext& ctx) {
      return Reply::json(
          to_json(ctx.engine.update_application(ctx.me(), ctx.param("id"), ctx.body, partial)));
    };
  };
  router.add(Method::Put, "/v2/jobs/applications/{id}", AuthKind::Bearer, BodyKind::Required,
             doc("Change status / notes", kJobs)
                 .describe("{id} is an application id or a job_id. status is required; notes "
                           "is optional (null clears it).")
                 .request("ApplicationUpdate")
                 .response("Application")
                 .error(404, "\"Application not found\""),
             update(false));
  router.add(Method::Patch, "/v2/jobs/applications/{id}", AuthKind::Bearer, BodyKind::Required,
             doc("Partial update of status / notes", kJobs)
                 .describe("{id} is an application id or a job_id. Either key may be omitted, "
                           "not both (422); notes null clears it.")
                 .request("ApplicationUpdate")
                 .response("Application")
                 .error(404, "\"Application not found\""),
             update(true));
  router.add(Method::Delete, "/v2/jobs/applications/{id}", AuthKind::Bearer, BodyKind::None,
             doc("Delete an application", kJobs)
                 .describe("{id} is an application id or a job_id.")
                 .response("Message")
                 .error(404, "\"Application not found\""),
             [](RequestContext& ctx) {
               ctx.engine.delete_application(ctx.me(), ctx.param("id"));
               return Reply::message("Application deleted successfully");
             });
}

}  // namespace aligncv::http
