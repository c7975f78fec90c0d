// JSON Schemas of the request and response objects, for the OpenAPI document only: the rules
// themselves are enforced in core/ (the Engine), these describe them for clients.
#include "openapi.hpp"

namespace aligncv::http {

namespace {

constexpr const char* kSchemas = R"json({
  "Error": {
    "type": "object",
    "description": "Every error except 422: a human sentence and a stable machine code (api-v2.md §1.4).",
    "required": ["detail", "code"],
    "properties": {
      "detail": {"type": "string", "examples": ["Document not found"]},
      "code": {"type": "string", "enum": ["bad_request", "conflict", "not_authenticated", "invalid_token",
               "invalid_credentials", "forbidden", "not_found", "method_not_allowed", "payload_too_large",
               "unsupported_media_type", "rate_limited", "internal_error", "not_configured", "unavailable"]},
      "request_id": {"type": "string", "description": "Only on 500: the id under which the error was logged."}
    }
  },
  "ValidationIssue": {
    "type": "object",
    "description": "One failing field, in the pydantic-v2 shape.",
    "required": ["type", "loc", "msg", "input"],
    "properties": {
      "type": {"type": "string", "examples": ["missing", "string_too_short", "json_invalid", "value_error"]},
      "loc": {"type": "array", "items": {"type": ["string", "integer"]}, "examples": [["body", "password"]]},
      "msg": {"type": "string", "examples": ["Field required"]},
      "input": {"description": "The offending value (for missing: the enclosing object)."},
      "ctx": {"type": "object", "description": "Parameters of msg, when it has any."}
    }
  },
  "ValidationError": {
    "type": "object",
    "required": ["detail", "code"],
    "properties": {
      "detail": {"type": "array", "items": {"$ref": "#/components/schemas/ValidationIssue"}},
      "code": {"type": "string", "const": "validation_error"}
    }
  },
  "Message": {
    "type": "object",
    "required": ["message"],
    "properties": {"message": {"type": "string"}}
  },
  "ApiInfo": {
    "type": "object",
    "required": ["message", "version", "docs", "features"],
    "properties": {
      "message": {"type": "string", "examples": ["AlignCV V2 API"]},
      "version": {"type": "string", "examples": ["2.0.0"]},
      "docs": {"type": "string", "examples": ["/v2/docs"]},
      "features": {"type": "array", "items": {"type": "string"},
                   "description": "Only what works with the current configuration."}
    }
  },
  "Health": {
    "type": "object",
    "required": ["status", "version", "environment", "checks"],
    "properties": {
      "status": {"type": "string", "enum": ["healthy", "unhealthy"]},
      "version": {"type": "string"},
      "environment": {"type": "string", "enum": ["development", "testing", "staging", "production"]},
      "checks": {
        "type": "object",
        "properties": {
          "database": {"type": "string", "enum": ["ok", "error"]},
          "storage": {"type": "string", "enum": ["ok", "error"]},
          "llm": {"type": "string", "enum": ["configured", "not_configured"]},
          "smtp": {"type": "string", "enum": ["configured", "not_configured"]}
        }
      },
      "detail": {"type": "string", "description": "Only when unhealthy: \"Service unhealthy\"."},
      "code": {"type": "string", "description": "Only when unhealthy: \"unavailable\"."}
    }
  },
  "OpenApiDocument": {"type": "object", "description": "An OpenAPI 3.1 document."},
  "SignupRequest": {
    "type": "object",
    "required": ["name", "email", "password"],
    "properties": {
      "name": {"type": "string", "minLength": 2, "maxLength": 100, "description": "Trimmed before the length check."},
      "email": {"type": "string", "format": "email", "maxLength": 254},
      "password": {"type": "string", "minLength": 8, "maxLength": 128, "description": "Unicode code points; never trimmed."}
    }
  },
  "LoginRequest": {
    "type": "object",
    "required": ["email", "password"],
    "properties": {
      "email": {"type": "string", "format": "email", "maxLength": 254},
      "password": {"type": "string", "minLength": 1, "maxLength": 128}
    }
  },
  "GoogleRequest": {
    "type": "object",
    "required": ["token"],
    "properties": {"token": {"type": "string", "description": "A Google ID token."}}
  },
  "RefreshRequest": {
    "type": "object",
    "required": ["refresh_token"],
    "properties": {"refresh_token": {"type": "string"}}
  },
  "LogoutRequest": {
    "type": "object",
    "properties": {"refresh_token": {"type": ["string", "null"], "description": "Also revoke this token's family (if it is yours)."}}
  },
  "AuthUser": {
    "type": "object",
    "required": ["id", "name", "email", "google_id", "created_at"],
    "properties": {
      "id": {"type": "string", "format": "uuid"},
      "name": {"type": "string"},
      "email": {"type": "string", "format": "email"},
      "google_id": {"type": ["string", "null"]},
      "created_at": {"type": "string", "format": "date-time", "examples": ["2026-11-26T09:41:07.123Z"]}
    }
  },
  "User": {
    "type": "object",
    "required": ["id", "name", "email", "google_id", "created_at", "updated_at", "is_admin", "has_password", "preferences"],
    "properties": {
      "id": {"type": "string", "format": "uuid"},
      "name": {"type": "string"},
      "email": {"type": "string", "format": "email"},
      "google_id": {"type": ["string", "null"]},
      "created_at": {"type": "string", "format": "date-time"},
      "updated_at": {"type": "string", "format": "date-time"},
      "phone": {"type": ["string", "null"]},
      "location": {"type": ["string", "null"]},
      "linkedin_url": {"type": ["string", "null"], "format": "uri"},
      "github_url": {"type": ["string", "null"], "format": "uri"},
      "bio": {"type": ["string", "null"]},
      "is_admin": {"type": "boolean"},
      "has_password": {"type": "boolean"},
      "preferences": {"$ref": "#/components/schemas/Preferences"}
    }
  },
  "TokenPair": {
    "type": "object",
    "required": ["access_token", "refresh_token", "token_type", "expires_in"],
    "properties": {
      "access_token": {"type": "string"},
      "refresh_token": {"type": "string"},
      "token_type": {"type": "string", "const": "bearer"},
      "expires_in": {"type": "integer", "description": "Access-token lifetime in seconds.", "examples": [900]}
    }
  },
  "AuthResponse": {
    "type": "object",
    "required": ["user", "tokens", "message"],
    "properties": {
      "user": {"$ref": "#/components/schemas/AuthUser"},
      "tokens": {"$ref": "#/components/schemas/TokenPair"},
      "message": {"type": "string", "enum": ["User registered successfully", "Login successful"]}
    }
  },
  "ProfileUpdate": {
    "type": "object",
    "description": "Merge: omitted keys keep their value; \"\" or null clears an optional field.",
    "properties": {
      "name": {"type": "string", "minLength": 2, "maxLength": 100},
      "phone": {"type": ["string", "null"], "maxLength": 32, "description": "Digits, spaces and + ( ) - ."},
      "location": {"type": ["string", "null"], "maxLength": 100},
      "linkedin_url": {"type": ["string", "null"], "maxLength": 200, "description": "Absolute http(s) URL."},
      "github_url": {"type": ["string", "null"], "maxLength": 200, "description": "Absolute http(s) URL."},
      "bio": {"type": ["string", "null"], "maxLength": 1000}
    }
  },
  "ChangePasswordRequest": {
    "type": "object",
    "required": ["current_password", "new_password"],
    "properties": {
      "current_password": {"type": "string"},
      "new_password": {"type": "string", "minLength": 8, "maxLength": 128}
    }
  },
  "Preferences": {
    "type": "object",
    "properties": {
      "job_types": {"type": "array", "items": {"$ref": "#/components/schemas/JobType"}, "default": ["Full-time"]},
      "min_salary": {"type": ["integer", "null"], "minimum": 0, "maximum": 10000000, "default": 0},
      "preferred_locations": {"type": "array", "items": {"type": "string", "maxLength": 100}, "maxItems": 20, "default": []},
      "remote_only": {"type": "boolean", "default": false},
      "items_per_page": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20},
      "show_company_logos": {"type": "boolean", "default": true}
    }
  },
  "PreferencesUpdate": {
    "type": "object",
    "description": "Merge: omitted keys keep their value.",
    "properties": {
      "job_types": {"type": "array", "items": {"$ref": "#/components/schemas/JobType"}},
      "min_salary": {"type": ["integer", "null"], "minimum": 0, "maximum": 10000000},
      "preferred_locations": {
        "oneOf": [{"type": "array", "items": {"type": "string", "maxLength": 100}, "maxItems": 20},
                  {"type": "string", "description": "Comma-separated; split into the list."}]
      },
      "remote_only": {"type": "boolean"},
      "items_per_page": {"type": "integer", "minimum": 1, "maximum": 100},
      "show_company_logos": {"type": "boolean"}
    }
  },
  "JobType": {
    "type": "string",
    "enum": ["Full-time", "Part-time", "Contract", "Freelance", "Internship", "Temporary"],
    "description": "Matched case-insensitively, returned in this casing."
  },
  "ExportData": {
    "type": "object",
    "required": ["exported_at", "user", "notification_settings", "documents", "versions", "bookmarks", "applications", "notifications"],
    "properties": {
      "exported_at": {"type": "string", "format": "date-time"},
      "user": {"$ref": "#/components/schemas/User"},
      "notification_settings": {"$ref": "#/components/schemas/NotificationSettings"},
      "documents": {"type": "array", "items": {"$ref": "#/components/schemas/DocumentDetail"}},
      "versions": {"type": "array", "items": {"type": "object"}},
      "bookmarks": {"type": "array", "items": {"type": "object"}},
      "applications": {"type": "array", "items": {"type": "object"}},
      "notifications": {"type": "array", "items": {"type": "object"}}
    }
  },
  "DocumentUploadForm": {
    "type": "object",
    "required": ["file"],
    "properties": {
      "file": {"type": "string", "format": "binary", "contentMediaType": "application/octet-stream",
               "description": "The résumé: .pdf, .docx, .txt, .md or .markdown, at most MAX_FILE_SIZE_MB MiB. The type comes from the content and must agree with the extension. Other parts are ignored."}
    }
  },
  "DocumentSummary": {
    "type": "object",
    "required": ["id", "file_name", "file_type", "file_size", "text_length", "skills", "roles", "created_at", "updated_at"],
    "properties": {
      "id": {"type": "string", "format": "uuid"},
      "file_name": {"type": "string", "maxLength": 255, "description": "The client's name without directory part or control characters; display only.", "examples": ["jane_doe_resume.pdf"]},
      "file_type": {"type": "string", "enum": ["pdf", "docx", "txt", "md"]},
      "file_size": {"type": "integer", "description": "Bytes of the original file."},
      "text_length": {"type": "integer", "description": "Characters (code points) of the extracted text."},
      "skills": {"type": "array", "items": {"type": "string"}, "description": "Canonical taxonomy names, sorted case-insensitively.", "examples": [["AWS", "Docker", "PostgreSQL", "Python"]]},
      "roles": {"type": "array", "items": {"type": "string"}, "description": "Canonical job titles, sorted."},
      "created_at": {"type": "string", "format": "date-time"},
      "updated_at": {"type": "string", "format": "date-time"},
      "extracted_text": {"type": "string", "description": "Only with include_text=true."}
    }
  },
  "DocumentList": {
    "type": "object",
    "required": ["documents", "total"],
    "properties": {
      "documents": {"type": "array", "items": {"$ref": "#/components/schemas/DocumentSummary"}, "description": "Newest first."},
      "total": {"type": "integer", "description": "All of the caller's documents, whatever limit and offset."}
    }
  },
  "Entities": {
    "type": "object",
    "description": "Label -> de-duplicated strings.",
    "properties": {
      "PERSON": {"type": "array", "items": {"type": "string"}},
      "ORG": {"type": "array", "items": {"type": "string"}},
      "GPE": {"type": "array", "items": {"type": "string"}},
      "DATE": {"type": "array", "items": {"type": "string"}},
      "EMAIL": {"type": "array", "items": {"type": "string"}},
      "PHONE": {"type": "array", "items": {"type": "string"}},
      "URL": {"type": "array", "items": {"type": "string"}}
    }
  },
  "Section": {
    "type": "object",
    "required": ["name", "heading", "start_line", "end_line"],
    "properties": {
      "name": {"type": "string", "enum": ["contact", "summary", "experience", "education", "skills", "projects", "certifications", "languages", "awards", "other"]},
      "heading": {"type": ["string", "null"], "description": "As written; null when the section was inferred."},
      "start_line": {"type": "integer", "minimum": 1, "description": "1-based line of extracted_text."},
      "end_line": {"type": "integer", "minimum": 1}
    }
  },
  "Profile": {
    "type": "object",
    "description": "The structured résumé, shaped like JSON Resume, plus experience_months and evidence. Dates are YYYY, YYYY-MM or YYYY-MM-DD; endDate null means present.",
    "properties": {
      "basics": {
        "type": "object",
        "properties": {
          "name": {"type": ["string", "null"]}, "label": {"type": ["string", "null"]},
          "email": {"type": ["string", "null"]}, "phone": {"type": ["string", "null"]},
          "url": {"type": ["string", "null"]}, "summary": {"type": ["string", "null"]},
          "location": {"type": "object", "properties": {"city": {"type": ["string", "null"]}, "region": {"type": ["string", "null"]}, "countryCode": {"type": ["string", "null"]}}},
          "profiles": {"type": "array", "items": {"type": "object", "properties": {"network": {"type": "string"}, "username": {"type": "string"}, "url": {"type": "string"}}}}
        }
      },
      "work": {"type": "array", "items": {"type": "object", "properties": {
        "name": {"type": "string"}, "position": {"type": "string"}, "location": {"type": ["string", "null"]},
        "startDate": {"type": ["string", "null"]}, "endDate": {"type": ["string", "null"]},
        "highlights": {"type": "array", "items": {"type": "string"}}}}},
      "education": {"type": "array", "items": {"type": "object", "properties": {
        "institution": {"type": "string"}, "area": {"type": ["string", "null"]}, "studyType": {"type": ["string", "null"]},
        "startDate": {"type": ["string", "null"]}, "endDate": {"type": ["string", "null"]}, "score": {"type": ["string", "null"]}}}},
      "skills": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"}, "keywords": {"type": "array", "items": {"type": "string"}}}}},
      "projects": {"type": "array", "items": {"type": "object"}},
      "certificates": {"type": "array", "items": {"type": "object"}},
      "languages": {"type": "array", "items": {"type": "object", "properties": {"language": {"type": "string"}, "fluency": {"type": ["string", "null"]}}}},
      "awards": {"type": "array", "items": {"type": "object"}},
      "experience_months": {"type": "integer", "description": "Work periods merged where they overlap."},
      "evidence": {"type": "object", "additionalProperties": {"type": "integer"}, "description": "JSON Pointer into the profile -> 1-based line of extracted_text.", "examples": [{"/basics/email": 2}]}
    }
  },
  "DocumentDetail": {
    "allOf": [{"$ref": "#/components/schemas/DocumentSummary"}],
    "type": "object",
    "required": ["mime_type", "storage_path", "extracted_text", "parsed_content", "profile", "sections"],
    "properties": {
      "mime_type": {"type": "string", "enum": ["application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "text/plain", "text/markdown"]},
      "storage_path": {"type": "string", "description": "user_<user_id>/<document_id>.<ext>, relative to the uploads folder."},
      "extracted_text": {"type": "string"},
      "parsed_content": {
        "type": "object",
        "required": ["text", "text_hash", "skills", "roles", "entities"],
        "properties": {
          "text": {"type": "string"},
          "text_hash": {"type": "string", "pattern": "^[0-9a-f]{64}$", "description": "SHA-256 of the UTF-8 text."},
          "skills": {"type": "array", "items": {"type": "string"}},
          "roles": {"type": "array", "items": {"type": "string"}},
          "entities": {"$ref": "#/components/schemas/Entities"}
        }
      },
      "profile": {"$ref": "#/components/schemas/Profile"},
      "sections": {"type": "array", "items": {"$ref": "#/components/schemas/Section"}}
    }
  },
  "DocumentUpload": {
    "type": "object",
    "required": ["document_id", "message", "file_name", "file_type", "storage_path", "file_size", "text_length", "parsed_text", "skills", "roles", "entities", "profile", "sections"],
    "properties": {
      "document_id": {"type": "string", "format": "uuid"},
      "message": {"type": "string", "const": "Document uploaded and parsed successfully"},
      "file_name": {"type": "string"},
      "file_type": {"type": "string", "enum": ["pdf", "docx", "txt", "md"]},
      "storage_path": {"type": "string"},
      "file_size": {"type": "integer"},
      "text_length": {"type": "integer"},
      "parsed_text": {"type": "string", "description": "The first 500 characters followed by \"...\" when the text is longer, else the whole text."},
      "skills": {"type": "array", "items": {"type": "string"}},
      "roles": {"type": "array", "items": {"type": "string"}},
      "entities": {"$ref": "#/components/schemas/Entities"},
      "profile": {"$ref": "#/components/schemas/Profile"},
      "sections": {"type": "array", "items": {"$ref": "#/components/schemas/Section"}}
    }
  },
  "JsonResume": {
    "type": "object",
    "description": "A JSON Resume v1.0.0 document (https://jsonresume.org/schema); keys whose value is null are left out.",
    "required": ["$schema", "basics", "work", "education", "skills", "projects", "certificates", "languages", "awards", "meta"],
    "properties": {
      "$schema": {"type": "string", "const": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"},
      "basics": {"type": "object"},
      "work": {"type": "array", "items": {"type": "object"}},
      "education": {"type": "array", "items": {"type": "object"}},
      "skills": {"type": "array", "items": {"type": "object"}},
      "projects": {"type": "array", "items": {"type": "object"}},
      "certificates": {"type": "array", "items": {"type": "object"}},
      "languages": {"type": "array", "items": {"type": "object"}},
      "awards": {"type": "array", "items": {"type": "object"}},
      "meta": {"type": "object", "properties": {"version": {"type": "string", "const": "v1.0.0"}, "lastModified": {"type": "string", "examples": ["2026-11-26T09:45:12"]}}}
    }
  },
  "NotificationSettings": {
    "type": "object",
    "description": "Canonical fields followed by the existing frontend's alias fields (same values).",
    "properties": {
      "email_enabled": {"type": "boolean", "default": true},
      "digest_frequency": {"type": "string", "enum": ["daily", "weekly", "disabled"], "default": "daily"},
      "weekly_summary": {"type": "boolean", "default": true},
      "notify_new_matches": {"type": "boolean", "default": true},
      "notify_application_updates": {"type": "boolean", "default": true},
      "notify_system_updates": {"type": "boolean", "default": true},
      "email_new_matches": {"type": "boolean", "default": true},
      "email_application_updates": {"type": "boolean", "default": true},
      "min_match_score": {"type": "number", "minimum": 0, "maximum": 1, "default": 0.85},
      "quiet_hours_start": {"type": ["string", "null"], "pattern": "^\\d{2}:\\d{2}$", "default": null},
      "quiet_hours_end": {"type": ["string", "null"], "pattern": "^\\d{2}:\\d{2}$", "default": null},
      "timezone": {"type": "string", "default": "UTC", "examples": ["Europe/Berlin"]},
      "email_job_matches": {"type": "boolean", "description": "Alias of email_new_matches."},
      "email_weekly_digest": {"type": "boolean", "description": "Alias of weekly_summary."},
      "push_job_matches": {"type": "boolean", "description": "Alias of notify_new_matches."},
      "push_application_updates": {"type": "boolean", "description": "Alias of notify_application_updates."},
      "push_system_updates": {"type": "boolean", "description": "Alias of notify_system_updates."},
      "notification_frequency": {"type": "string", "enum": ["realtime", "daily", "weekly"],
                                 "description": "Alias of digest_frequency (disabled reads as realtime)."}
    }
  },
  "NotificationSettingsUpdate": {
    "type": "object",
    "description": "Any subset of the canonical and alias fields; a field and its alias must agree.",
    "properties": {
      "email_enabled": {"type": "boolean"},
      "digest_frequency": {"type": "string", "enum": ["daily", "weekly", "disabled"]},
      "weekly_summary": {"type": "boolean"},
      "notify_new_matches": {"type": "boolean"},
      "notify_application_updates": {"type": "boolean"},
      "notify_system_updates": {"type": "boolean"},
      "email_new_matches": {"type": "boolean"},
      "email_application_updates": {"type": "boolean"},
      "min_match_score": {"type": "number", "minimum": 0, "maximum": 1},
      "quiet_hours_start": {"type": ["string", "null"], "description": "HH:MM local time; null clears; both or neither."},
      "quiet_hours_end": {"type": ["string", "null"], "description": "HH:MM local time; null clears; both or neither."},
      "timezone": {"type": "string", "description": "IANA time zone name."},
      "email_job_matches": {"type": "boolean"},
      "email_weekly_digest": {"type": "boolean"},
      "push_job_matches": {"type": "boolean"},
      "push_application_updates": {"type": "boolean"},
      "push_system_updates": {"type": "boolean"},
      "notification_frequency": {"type": "string", "enum": ["realtime", "daily", "weekly"]}
    }
  }
})json";

}  // namespace

Json component_schemas() { return Json::parse(kSchemas); }

}  // namespace aligncv::http
