// The web UI (outside the /v2 contract, api-v2.md §7): the single page at "/" and its static
// files at "/static/<name>", all embedded from bindings/http/web/. Unknown names answer the
// JSON 404 of every unknown path.
#include "context.hpp"
#include "routes.hpp"
#include "web_assets.hpp"

#include <aligncv/error.hpp>

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace aligncv::http {

namespace {

constexpr const char* kWeb = "Web";

// The page reads the Google client id from this tag; the server fills it in when
// GOOGLE_CLIENT_ID is set, so the page never asks the API for it.
constexpr std::string_view kClientIdTag = R"(<meta name="aligncv-google-client-id" content="">)";

// A Google client id is "<digits>-<letters>.apps.googleusercontent.com": anything else is left
// out of the page instead of being escaped into it.
bool is_plain_client_id(std::string_view id) {
  if (id.empty() || id.size() > 200) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

// No inline script or style, nothing from other origins; Google Identity Services' origins
// (its documented CSP) only when Google sign-in is configured.
std::string content_security_policy(bool google) {
  std::string script = "'self'";
  std::string style = "'self'";
  std::string connect = "'self'";
  std::string frame = "'none'";
  if (google) {
    script += " https://accounts.google.com/gsi/client";
    style += " https://accounts.google.com/gsi/style";
    connect += " https://accounts.google.com/gsi/";
    frame = "https://accounts.google.com/gsi/";
  }
  return "default-src 'self'; script-src " + script + "; style-src " + style +
         "; img-src 'self' data:; connect-src " + connect + "; frame-src " + frame +
         "; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
}

// A strong validator from the bytes (FNV-1a, 64 bits): the files change only with the binary.
std::string etag_of(std::string_view body) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : body) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  char text[24];
  std::snprintf(text, sizeof text, "\"%016llx\"", static_cast<unsigned long long>(hash));
  return text;
}

// "no-cache": browsers keep the files but revalidate each use, so a new binary is picked up at
// once while an unchanged file costs a 304 without a body.
Reply cached(const RequestContext& ctx, std::string body, const char* content_type) {
  Reply reply;
  const std::string etag = etag_of(body);
  reply.headers = {{"Cache-Control", "no-cache"}, {"ETag", etag}};
  const std::string if_none_match = ctx.header("If-None-Match");
  if (if_none_match == "*" || if_none_match.find(etag) != std::string::npos) {
    reply.status = 304;
    return reply;
  }
  reply.body = std::move(body);
  reply.content_type = content_type;
  return reply;
}

Reply index_page(const RequestContext& ctx) {
  std::string page(web_asset("index.html"));
  const std::string& client_id = ctx.engine.options().google_client_id;
  const bool google = is_plain_client_id(client_id);
  if (google) {
    const std::size_t at = page.find(kClientIdTag);
    if (at != std::string::npos) {
      std::string tag(kClientIdTag);
      tag.insert(tag.size() - 2, client_id);  // inside content=""
      page.replace(at, kClientIdTag.size(), tag);
    }
  }
  Reply reply = cached(ctx, std::move(page), kHtmlType);
  reply.headers.emplace_back("Content-Security-Policy", content_security_policy(google));
  reply.headers.emplace_back("Referrer-Policy", "same-origin");
  return reply;
}

// The media type of a static file by its extension; nullptr for names not served here (the
// HTML pages have routes of their own).
const char* static_type(std::string_view name) {
  auto ends_with = [&](std::string_view suffix) {
    return name.size() > suffix.size() && name.substr(name.size() - suffix.size()) == suffix;
  };
  if (ends_with(".js")) return "text/javascript; charset=utf-8";
  if (ends_with(".css")) return "text/css; charset=utf-8";
  if (ends_with(".svg")) return "image/svg+xml";
  return nullptr;
}

}  // namespace

void add_web_routes(Router& router) {
  router.add(Method::Get, "/", AuthKind::None, BodyKind::None,
             doc("Web UI", kWeb)
                 .describe("The single-page web app (outside the /v2 contract). Strict "
                           "Content-Security-Policy; Cache-Control: no-cache with an ETag "
                           "(If-None-Match answers 304).")
                 .type(kHtmlType)
                 .header("Content-Security-Policy", "default-src 'self' and no inline script")
                 .header("ETag", "validator of the page"),
             [](RequestContext& ctx) { return index_page(ctx); });

  Route& files = router.add(
      Method::Get, "/static/{name}", AuthKind::None, BodyKind::None,
      doc("Web UI static file", kWeb)
          .describe("A script (text/javascript), style sheet (text/css) or image (image/svg+xml) "
                    "of the web UI. Cache-Control: no-cache with an ETag (If-None-Match answers "
                    "304). Unknown names: 404.")
          .type("text/javascript; charset=utf-8")
          .header("ETag", "validator of the file"),
      [](RequestContext& ctx) {
        const std::string name = ctx.param("name");
        const char* type = static_type(name);
        const std::string_view bytes = type ? web_asset(name) : std::string_view();
        if (bytes.empty()) throw Error(ErrorCode::NotFound, "Not Found");
        return cached(ctx, std::string(bytes), type);
      });
  files.openapi_alias_slash = false;
}

}  // namespace aligncv::http
