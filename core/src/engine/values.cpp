// JSON forms of the Engine's values: one field name everywhere (HTTP, Python, export).
#include <aligncv/engine.hpp>

namespace aligncv {

namespace {
Json optional_json(const std::optional<std::string>& s) { return s ? Json(*s) : Json(nullptr); }
}  // namespace

Json to_json(const Preferences& p) {
  return {{"job_types", p.job_types},
          {"min_salary", p.min_salary ? Json(*p.min_salary) : Json(nullptr)},
          {"preferred_locations", p.preferred_locations},
          {"remote_only", p.remote_only},
          {"items_per_page", p.items_per_page},
          {"show_company_logos", p.show_company_logos}};
}

Json to_auth_user_json(const User& u) {
  return {{"id", u.id},
          {"name", u.name},
          {"email", u.email},
          {"google_id", optional_json(u.google_id)},
          {"created_at", format_timestamp(u.created_at)}};
}

Json to_json(const User& u) {
  Json j = to_auth_user_json(u);
  j["updated_at"] = format_timestamp(u.updated_at);
  j["phone"] = optional_json(u.phone);
  j["location"] = optional_json(u.location);
  j["linkedin_url"] = optional_json(u.linkedin_url);
  j["github_url"] = optional_json(u.github_url);
  j["bio"] = optional_json(u.bio);
  j["is_admin"] = u.is_admin;
  j["has_password"] = u.has_password;
  j["preferences"] = to_json(u.preferences);
  return j;
}

Json to_json(const TokenPair& t) {
  return {{"access_token", t.access_token},
          {"refresh_token", t.refresh_token},
          {"token_type", t.token_type},
          {"expires_in", t.expires_in}};
}

Json to_json(const AuthResult& r) {
  return {{"user", to_auth_user_json(r.user)}, {"tokens", to_json(r.tokens)}, {"message", r.message}};
}

Json to_json(const Health& h) {
  Json checks = Json::object();
  for (const auto& [k, v] : h.checks) checks[k] = v;
  return {{"status", h.healthy ? "healthy" : "unhealthy"},
          {"version", h.version},
          {"environment", h.environment},
          {"checks", checks}};
}

}  // namespace aligncv
