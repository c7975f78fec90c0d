// The schema's history: migration N brings a database from version N-1 to N. Never edit a
// released migration; append a new one.
#pragma once

#include <vector>

namespace aligncv::store {

struct Migration {
  int version;
  const char* sql;
};

const std::vector<Migration>& migrations();

}  // namespace aligncv::store
