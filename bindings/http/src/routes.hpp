// The route table, one registration function per area of api-v2.md. Each handler reads the
// context, makes one Engine call and shapes the reply.
#pragma once

#include "metrics.hpp"
#include "router.hpp"

#include <aligncv/engine.hpp>

#include <cstdint>
#include <string>

namespace aligncv::http {

// What routes need beyond the request: filled in by the Dispatcher before it serves.
struct Services {
  Metrics* metrics = nullptr;
  std::string openapi_json;  // generated once from the finished route table
  bool metrics_enabled = true;
  uint64_t max_upload_bytes = 0;        // the file limit of POST /v2/documents/upload
  std::string upload_too_large_detail;  // its 413 sentence
  uint64_t max_import_bytes = 0;        // the body limit of POST /v2/jobs/import
  std::string import_too_large_detail;  // its 413 sentence
};

void add_meta_routes(Router& router, const Services& services);      // §7
void add_auth_routes(Router& router);                                // §2
void add_document_routes(Router& router, const Services& services);  // §3
void add_job_routes(Router& router, const Services& services);       // §4
void add_rewrite_routes(Router& router);                             // §5
void add_settings_routes(Router& router);                            // §6.1 settings
void add_notification_routes(Router& router);                        // §6 list, read, test, ...
void add_web_routes(Router& router);                                 // GET / and /static/*

// Every route of the face, in documentation order.
inline void add_all_routes(Router& router, const Services& services) {
  add_meta_routes(router, services);
  add_auth_routes(router);
  add_document_routes(router, services);
  add_job_routes(router, services);
  add_rewrite_routes(router);
  add_notification_routes(router);
  add_settings_routes(router);
  add_web_routes(router);
}

}  // namespace aligncv::http
