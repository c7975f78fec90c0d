// §2 Auth: accounts, tokens, profile, preferences, export and deletion.
#include "context.hpp"
#include "routes.hpp"

namespace aligncv::http {

namespace {

constexpr const char* kAuth = "Auth";

Reply user_reply(const User& user) { return Reply::json(to_json(user)); }

}  // namespace

void add_auth_routes(Router& router) {
  router.add(Method::Post, "/v2/auth/signup", AuthKind::None, BodyKind::Required,
             doc("Register; user + tokens", kAuth)
                 .describe("Creates the account, default preferences and notification settings, "
                           "and a new token family. Duplicate e-mail: 400 conflict.")
                 .request("SignupRequest")
                 .response("AuthResponse")
                 .status(201)
                 .error({400}),
             [](RequestContext& ctx) {
               return Reply::json(to_json(ctx.engine.signup(ctx.body, ctx.client)), 201);
             });

  router.add(Method::Post, "/v2/auth/login", AuthKind::None, BodyKind::Required,
             doc("Sign in; user + tokens", kAuth)
                 .describe("Wrong e-mail or password: 401 invalid_credentials. Throttled: 429.")
                 .request("LoginRequest")
                 .response("AuthResponse")
                 .error({401, 429}),
             [](RequestContext& ctx) {
               return Reply::json(to_json(ctx.engine.login(ctx.body, ctx.client)));
             });

  router.add(Method::Post, "/v2/auth/google", AuthKind::None, BodyKind::Required,
             doc("Sign in with a Google ID token", kAuth)
                 .describe("Finds the user by Google id, else by e-mail, else creates one. 501 "
                           "when Google sign-in is not configured; 503 when Google's keys are "
                           "unreachable.")
                 .request("GoogleRequest")
                 .response("AuthResponse")
                 .error({400, 401, 501, 503}),
             [](RequestContext& ctx) {
               return Reply::json(to_json(ctx.engine.google_sign_in(ctx.body, ctx.client)));
             });

  router.add(
      Method::Post, "/v2/auth/refresh", AuthKind::None, BodyKind::Required,
      doc("Rotate tokens", kAuth)
          .describe("Revokes the presented refresh token and returns a new pair in the "
                    "same family; reuse of a revoked token revokes the family (401).")
          .request("RefreshRequest")
          .response("TokenPair")
          .error({401}),
      [](RequestContext& ctx) { return Reply::json(to_json(ctx.engine.refresh(ctx.body))); });

  router.add(Method::Post, "/v2/auth/logout", AuthKind::Bearer, BodyKind::Optional,
             doc("Revoke this token family", kAuth)
                 .describe("Revokes the access token's family and, if given and yours, the "
                           "refresh token's family. Idempotent.")
                 .request("LogoutRequest")
                 .response("Message"),
             [](RequestContext& ctx) {
               ctx.engine.logout(ctx.me(), ctx.body);
               return Reply::message("Logged out successfully");
             });

  router.add(Method::Get, "/v2/auth/me", AuthKind::Bearer, BodyKind::None,
             doc("Current user with profile and preferences", kAuth).response("User"),
             [](RequestContext& ctx) { return user_reply(ctx.engine.me(ctx.me())); });

  auto update_profile = [](RequestContext& ctx) {
    return user_reply(ctx.engine.update_profile(ctx.me(), ctx.body));
  };
  const RouteDoc profile_doc =
      doc("Update profile (merge)", kAuth)
          .describe(
              "Omitted keys keep their value; \"\" or null clears an optional field. The "
              "e-mail cannot be changed here.")
          .request("ProfileUpdate")
          .response("User");
  router.add(Method::Put, "/v2/auth/profile", AuthKind::Bearer, BodyKind::Required, profile_doc,
             update_profile);
  RouteDoc profile_patch = profile_doc;
  profile_patch.summary = "Same as PUT /v2/auth/profile";
  router.add(Method::Patch, "/v2/auth/profile", AuthKind::Bearer, BodyKind::Required, profile_patch,
             update_profile);

  router.add(Method::Put, "/v2/auth/change-password", AuthKind::Bearer, BodyKind::Required,
             doc("Change password; sign out other devices", kAuth)
                 .describe("Revokes every other token family of the user. Wrong current "
                           "password: 400 (and counts as a failed login).")
                 .request("ChangePasswordRequest")
                 .response("Message")
                 .error({400, 429}),
             [](RequestContext& ctx) {
               ctx.engine.change_password(ctx.me(), ctx.body, ctx.client);
               return Reply::message("Password updated successfully");
             });

  router.add(Method::Get, "/v2/auth/preferences", AuthKind::Bearer, BodyKind::None,
             doc("Job-search preferences", kAuth).response("Preferences"), [](RequestContext& ctx) {
               return Reply::json(to_json(ctx.engine.preferences(ctx.me())));
             });
  auto update_preferences = [](RequestContext& ctx) {
    return Reply::json(to_json(ctx.engine.update_preferences(ctx.me(), ctx.body)));
  };
  const RouteDoc preferences_doc =
      doc("Update preferences (merge)", kAuth)
          .describe("Omitted keys keep their value; answers the full, normalised preferences.")
          .request("PreferencesUpdate")
          .response("Preferences");
  router.add(Method::Put, "/v2/auth/preferences", AuthKind::Bearer, BodyKind::Required,
             preferences_doc, update_preferences);
  RouteDoc preferences_patch = preferences_doc;
  preferences_patch.summary = "Same as PUT /v2/auth/preferences";
  router.add(Method::Patch, "/v2/auth/preferences", AuthKind::Bearer, BodyKind::Required,
             preferences_patch, update_preferences);

  router.add(Method::Get, "/v2/auth/export-data", AuthKind::Bearer, BodyKind::None,
             doc("Everything held on the user, as JSON", kAuth)
                 .describe("Never contains password hashes, tokens or file bytes.")
                 .response("ExportData")
                 .header("Content-Disposition", "attachment; filename=\"aligncv-export.json\""),
             [](RequestContext& ctx) {
               Reply reply = Reply::json(ctx.engine.export_data(ctx.me()));
               reply.headers.emplace_back("Content-Disposition",
                                          "attachment; filename=\"aligncv-export.json\"");
               return reply;
             });

  router.add(Method::Delete, "/v2/auth/account", AuthKind::Bearer, BodyKind::None,
             doc("Delete the account and all its data", kAuth)
                 .describe("Deletes the user and everything linked to them; revokes all tokens.")
                 .response("Message"),
             [](RequestContext& ctx) {
               ctx.engine.delete_account(ctx.me());
               return Reply::message("Account deleted successfully");
             });
}

}  // namespace aligncv::http
