// Uses libaligncv directly: parse a résumé and rank the bundled demo jobs against it (no database),
// then open an engine on a data folder, sign up (or log in when the account exists) and read the
// account back.
#include <aligncv/aligncv.hpp>

#include <cmath>
#include <iostream>
#include <string>
#include <vector>

namespace {

constexpr const char* kResume = R"(Ada Lovelace
ada@example.com | London, UK

Experience
Senior Data Engineer, Analytical Engines Ltd, 2019 - Present
- Built data pipelines in Python and SQL used by 40 analysts
- Cut report run time by 60% with PostgreSQL indexes and Docker-based test environments

Education
BSc Mathematics, University of London, 2012 - 2015

Skills
Python, SQL, PostgreSQL, Docker, Kubernetes, Linux
)";

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    // 1. Parsing and matching need no database. The file name's extension gives the type
    //    (.txt, .md, .pdf, .docx); the bytes of a PDF or DOCX file go in the same way.
    const aligncv::ParsedDocument parsed = aligncv::parse_document("ada.txt", kResume);
    const aligncv::resume::Profile& profile = parsed.result.profile;
    std::cout << "Name: " << profile.basics.name.value_or("?") << "\n";
    if (!profile.work.empty()) {
      std::cout << "Latest job: " << profile.work[0].position << " at " << profile.work[0].name
                << "\n";
    }
    std::cout << "Skills: " << join(parsed.result.skills) << "\n";

    // An empty job list means the bundled demo catalogue.
    for (const aligncv::match::Hit& hit : aligncv::match_document("ada.txt", kResume, {}, 3)) {
      std::cout << "Match " << std::lround(hit.combined_score) << "/100: " << hit.job->title
                << " at " << hit.job->company << "\n";
    }

    // 2. Accounts, stored résumés, bookmarks... go through an Engine on a data folder.
    aligncv::Options options;
    options.data_dir = argc > 1 ? argv[1] : "./aligncv-example-data";
    options.log_to_console = false;
    auto engine = aligncv::Engine::open(options);

    const aligncv::Json account = {
        {"name", "Ada Lovelace"}, {"email", "ada@example.com"}, {"password", "analytical-engine"}};
    aligncv::AuthResult auth;
    try {
      auth = engine->signup(account);
    } catch (const aligncv::Error& e) {
      if (e.code() != aligncv::ErrorCode::Conflict) throw;
      std::cout << "Sign-up refused (" << aligncv::error_code_name(e.code()) << "): " << e.detail()
                << "\n";
      auth = engine->login({{"email", account["email"]}, {"password", account["password"]}});
    }
    std::cout << auth.message << "\n";

    const aligncv::Principal me = engine->authenticate(auth.tokens.access_token);
    const aligncv::User user = engine->me(me);
    std::cout << "Me: " << user.name << " <" << user.email << ">\n";
    // Every result type has a to_json: the objects of the HTTP API (docs/api-http.md).
    std::cout << aligncv::to_json(user).dump() << "\n";
  } catch (const aligncv::Error& e) {
    std::cerr << "error (" << aligncv::error_code_name(e.code()) << "): " << e.detail() << "\n";
    return 1;
  }
  return 0;
}
