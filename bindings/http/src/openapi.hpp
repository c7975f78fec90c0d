// The OpenAPI 3.1 document of the face, generated from the route table so it describes exactly
// the routes served (both slash forms, aliases, auth, bodies, the §1.4 error shapes).
#pragma once

#include "router.hpp"

#include <aligncv/json.hpp>

namespace aligncv::http {

Json build_openapi(const Router& router);

// components.schemas: the request and response objects the routes name.
Json component_schemas();

}  // namespace aligncv::http
