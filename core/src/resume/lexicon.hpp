// Word lists that tell the parts of an entry header apart: job titles, organisations, degrees,
// schools and places. Scores are small integers; only their comparison matters.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace aligncv::taxonomy {
class Taxonomy;
}

namespace aligncv::resume::detail {

// How much s reads like a job title ("Senior Software Engineer", "Head of Sales").
int title_score(std::string_view s);
// How much s reads like an organisation ("Acme Corp", "Garmin Ltd", "Bank of X").
int company_score(std::string_view s);
// How much s reads like a degree ("BSc Computer Science", "Master of Arts in History").
int degree_score(std::string_view s);
// How much s reads like a school ("Kingsreach University", "École Polytechnique").
int institution_score(std::string_view s);
// A place: "Berlin, Germany", "Austin, TX", "Remote", "London, UK".
bool looks_like_place(std::string_view s);
// ISO 3166-1 alpha-2 code for a country name or code as written ("Germany", "USA", "UK").
std::optional<std::string> country_code(std::string_view s);
// A US state / Canadian province code such as "CA", "NY", "ON".
bool is_region_code(std::string_view s);
// A natural language name ("English", "Deutsch", "Mandarin").
bool is_natural_language(std::string_view s);

}  // namespace aligncv::resume::detail
