// §6 Notifications: the list with filters and counts, read, mark-all-read, delete, the test
// notification and the unsubscribe link of every e-mail. Settings are in routes_settings.cpp.
#include "context.hpp"
#include "routes.hpp"

#include <string>

namespace aligncv::http {

namespace {

constexpr const char* kNotifications = "Notifications";

// GET never changes anything (link scanners follow links): it asks for a click that POSTs.
std::string confirmation_page(const std::string& token) {
  const std::string action = "/v2/notifications/unsubscribe?token=" + html_escape(token);
  return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<title>Unsubscribe from AlignCV emails</title>"
         "<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;"
         "line-height:1.5}button{font-size:1rem;padding:.5rem 1rem}</style></head><body>"
         "<h1>Unsubscribe from AlignCV emails?</h1>"
         "<p>You will no longer receive notification emails from AlignCV. In-app notifications "
         "are not affected, and you can turn emails back on in your notification settings.</p>"
         "<form method=\"post\" action=\"" +
         action + "\"><button type=\"submit\">Unsubscribe</button></form></body></html>\n";
}

}  // namespace

void add_notification_routes(Router& router) {
  router.add(Method::Get, "/v2/notifications", AuthKind::Bearer, BodyKind::None,
             doc("List notifications with counts", kNotifications)
                 .describe("Newest first. All filters apply together (unread_only=true equals "
                           "status=unread). total counts the notifications matching the filters "
                           "(before paging); unread counts all of the caller's unread "
                           "notifications, whatever the filters. Unknown type or status, "
                           "out-of-range numbers: 422.")
                 .query("unread_only", "boolean", "default false")
                 .query("status", "string", "read or unread")
                 .query("type", "string", "job_match, application_update or system")
                 .query("limit", "integer", "1..100, default 50")
                 .query("offset", "integer", ">= 0, default 0")
                 .response("NotificationList")
                 .error({422}),
             [](RequestContext& ctx) {
               return Reply::json(to_json(ctx.engine.notifications(ctx.me(), ctx.query())));
             });

  router.add(Method::Put, "/v2/notifications/{id}/read", AuthKind::Bearer, BodyKind::None,
             doc("Mark one as read", kNotifications)
                 .describe("Also 200 when already read; read_at is set the first time only.")
                 .response("Message")
                 .error(404, "\"Notification not found\""),
             [](RequestContext& ctx) {
               ctx.engine.mark_notification_read(ctx.me(), ctx.param("id"));
               return Reply::message("Notification marked as read");
             });

  auto mark_all = [](RequestContext& ctx) {
    const int64_t updated = ctx.engine.mark_all_notifications_read(ctx.me());
    return Reply::json(Json{{"message", "All notifications marked as read"}, {"updated", updated}});
  };
  const RouteDoc mark_all_doc = doc("Mark all as read", kNotifications)
                                    .describe("updated = the notifications that were unread.")
                                    .response("MarkAllRead");
  router.add(Method::Put, "/v2/notifications/mark-all-read", AuthKind::Bearer, BodyKind::None,
             mark_all_doc, mark_all);
  RouteDoc mark_all_post = mark_all_doc;
  mark_all_post.summary = "Same as PUT /v2/notifications/mark-all-read";
  router.add(Method::Post, "/v2/notifications/mark-all-read", AuthKind::Bearer, BodyKind::None,
             mark_all_post, mark_all);

  router.add(Method::Delete, "/v2/notifications/{id}", AuthKind::Bearer, BodyKind::None,
             doc("Delete one notification", kNotifications)
                 .response("Message")
                 .error(404, "\"Notification not found\""),
             [](RequestContext& ctx) {
               ctx.engine.delete_notification(ctx.me(), ctx.param("id"));
               return Reply::message("Notification deleted successfully");
             });

  router.add(Method::Post, "/v2/notifications/test", AuthKind::Bearer, BodyKind::None,
             doc("Create a test notification and e-mail", kNotifications)
                 .describe("Creates a system notification (\"Test notification\") and, only "
                           "when SMTP is configured, queues a test e-mail to the caller's "
                           "address (delivery \"queued\"); otherwise delivery is "
                           "\"smtp_not_configured\" and no e-mail is claimed.")
                 .response("TestNotification"),
             [](RequestContext& ctx) {
               return Reply::json(to_json(ctx.engine.test_notification(ctx.me())));
             });

  router.add(Method::Get, "/v2/notifications/unsubscribe", AuthKind::None, BodyKind::None,
             doc("Unsubscribe confirmation page", kNotifications)
                 .describe("The target of every e-mail's unsubscribe link: an HTML page with a "
                           "confirmation button that POSTs to this path. Changes nothing, so "
                           "link scanners cannot unsubscribe anyone. A bad or missing token: "
                           "400 \"Invalid unsubscribe link\".")
                 .query("token", "string", "the signed token of the e-mail's link")
                 .type(kHtmlType)
                 .error(400, "\"Invalid unsubscribe link\""),
             [](RequestContext& ctx) {
               const std::string token = ctx.query().value("token", std::string());
               ctx.engine.check_unsubscribe_token(token);
               return Reply::html(confirmation_page(token));
             });

  router.add(Method::Post, "/v2/notifications/unsubscribe", AuthKind::None, BodyKind::Raw,
             doc("One-click unsubscribe", kNotifications)
                 .describe("RFC 8058 one-click (List-Unsubscribe-Post); any body and content "
                           "type. Sets email_enabled false for the token's user.")
                 .query("token", "string", "the signed token of the e-mail's link")
                 .response("Message")
                 .error(400, "\"Invalid unsubscribe link\""),
             [](RequestContext& ctx) {
               ctx.engine.unsubscribe(ctx.query().value("token", std::string()));
               return Reply::message("You have been unsubscribed from AlignCV emails");
             });
}

}  // namespace aligncv::http
