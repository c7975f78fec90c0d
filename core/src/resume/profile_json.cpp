// Profile -> JSON: the contract's object (nulls kept) and a JSON Resume v1.0.0 document.
#include <aligncv/resume.hpp>

namespace aligncv::resume {

namespace {

Json opt(const std::optional<std::string>& v) { return v ? Json(*v) : Json(nullptr); }

Json basics_json(const Basics& b) {
  Json profiles = Json::array();
  for (const auto& p : b.profiles) {
    profiles.push_back({{"network", p.network}, {"username", p.username}, {"url", p.url}});
  }
  return {{"name", opt(b.name)},
          {"label", opt(b.label)},
          {"email", opt(b.email)},
          {"phone", opt(b.phone)},
          {"url", opt(b.url)},
          {"summary", opt(b.summary)},
          {"location",
           {{"city", opt(b.location.city)},
            {"region", opt(b.location.region)},
            {"countryCode", opt(b.location.countryCode)}}},
          {"profiles", profiles}};
}

Json sections_json(const Profile& p) {
  Json out = Json::object();
  Json work = Json::array();
  for (const auto& w : p.work) {
    work.push_back({{"name", w.name},
                    {"position", w.position},
                    {"location", opt(w.location)},
                    {"startDate", opt(w.startDate)},
                    {"endDate", opt(w.endDate)},
                    {"highlights", w.highlights}});
  }
  Json education = Json::array();
  for (const auto& e : p.education) {
    education.push_back({{"institution", e.institution},
                         {"area", opt(e.area)},
                         {"studyType", opt(e.studyType)},
                         {"startDate", opt(e.startDate)},
                         {"endDate", opt(e.endDate)},
                         {"score", opt(e.score)}});
  }
  Json skills = Json::array();
  for (const auto& s : p.skills) skills.push_back({{"name", s.name}, {"keywords", s.keywords}});
  Json projects = Json::array();
  for (const auto& pr : p.projects) {
    projects.push_back({{"name", pr.name},
                        {"description", opt(pr.description)},
                        {"url", opt(pr.url)},
                        {"startDate", opt(pr.startDate)},
                        {"endDate", opt(pr.endDate)},
                        {"highlights", pr.highlights}});
  }
  Json certificates = Json::array();
  for (const auto& c : p.certificates) {
    certificates.push_back(
        {{"name", c.name}, {"issuer", opt(c.issuer)}, {"date", opt(c.date)}, {"url", opt(c.url)}});
  }
  Json languages = Json::array();
  for (const auto& l : p.languages) {
    languages.push_back({{"language", l.language}, {"fluency", opt(l.fluency)}});
  }
  Json awards = Json::array();
  for (const auto& a : p.awards) {
    awards.push_back({{"title", a.title},
                      {"awarder", opt(a.awarder)},
                      {"date", opt(a.date)},
                      {"summary", opt(a.summary)}});
  }
  out["basics"] = basics_json(p.basics);
  out["work"] = std::move(work);
  out["education"] = std::move(education);
  out["skills"] = std::move(skills);
  out["projects"] = std::move(projects);
  out["certificates"] = std::move(certificates);
  out["languages"] = std::move(languages);
  out["awards"] = std::move(awards);
  return out;
}

// Removes null members of objects, recursively (array items are kept).
Json without_nulls(const Json& v) {
  if (v.is_object()) {
    Json out = Json::object();
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (!it.value().is_null()) out[it.key()] = without_nulls(it.value());
    }
    return out;
  }
  if (v.is_array()) {
    Json out = Json::array();
    for (const auto& x : v) out.push_back(without_nulls(x));
    return out;
  }
  return v;
}

}  // namespace

Json to_json(const Profile& profile) {
  Json out = sections_json(profile);
  out["experience_months"] = profile.experience_months;
  Json evidence = Json::object();
  for (const auto& [pointer, line] : profile.evidence) evidence[pointer] = line;
  out["evidence"] = std::move(evidence);
  return out;
}

Json to_json_resume(const Profile& profile) {
  Json out = without_nulls(sections_json(profile));
  out["$schema"] = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json";
  out["meta"] = {{"version", "v1.0.0"}};
  return out;
}

}  // namespace aligncv::resume
