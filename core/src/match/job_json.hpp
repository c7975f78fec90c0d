// The stored form of a Job, written without building a Json tree: an import writes thousands of
// rows a second, and nlohmann's tree and serialiser were a third of that work.
#pragma once

#include <aligncv/match.hpp>

#include <string>

namespace aligncv::match {

// Byte for byte to_json(job).dump(): the same keys in the same (sorted) order, the same escaping
// (UTF-8 kept, control characters escaped). Text that is not UTF-8 throws as dump() does.
std::string dump_job(const Job& job);

}  // namespace aligncv::match
