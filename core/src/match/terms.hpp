// Words of a text as index terms: lower-cased, light plural folding, stop words dropped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace aligncv::match {

// Terms in text order (duplicates kept). Keeps tokens such as "c++", "c#", ".net" and "node.js".
std::vector<std::string> terms_of(std::string_view text);

// True for English function words and résumé/posting boilerplate that says nothing about a job.
bool is_stop_word(std::string_view term);

}  // namespace aligncv::match
