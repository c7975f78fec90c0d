// §6.1 Notification settings (with the existing frontend's alias fields).
#include "context.hpp"
#include "routes.hpp"

namespace aligncv::http {

void add_settings_routes(Router& router) {
  constexpr const char* kNotifications = "Notifications";

  router.add(
      Method::Get, "/v2/notifications/settings", AuthKind::Bearer, BodyKind::None,
      doc("Notification settings (with aliases)", kNotifications).response("NotificationSettings"),
      [](RequestContext& ctx) {
        return Reply::json(notify::to_json(ctx.engine.notification_settings(ctx.me())));
      });

  auto update = [](RequestContext& ctx) {
    return Reply::json(
        notify::to_json(ctx.engine.update_notification_settings(ctx.me(), ctx.body)));
  };
  const RouteDoc update_doc =
      doc("Update settings (merge)", kNotifications)
          .describe(
              "Any subset of the canonical and alias fields; omitted keys keep their "
              "value; quiet_hours_* accept null to clear.")
          .request("NotificationSettingsUpdate")
          .response("NotificationSettings");
  router.add(Method::Put, "/v2/notifications/settings", AuthKind::Bearer, BodyKind::Required,
             update_doc, update);
  RouteDoc patch_doc = update_doc;
  patch_doc.summary = "Same as PUT /v2/notifications/settings";
  router.add(Method::Patch, "/v2/notifications/settings", AuthKind::Bearer, BodyKind::Required,
             patch_doc, update);
}

}  // namespace aligncv::http
