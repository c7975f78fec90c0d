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
  "EmploymentType": {
    "type": "string",
    "enum": ["full-time", "part-time", "contract", "internship", "temporary", "freelance"],
    "description": "Matched case-insensitively after normalisation, returned in this casing."
  },
  "ExperienceLevel": {
    "type": "string",
    "enum": ["entry", "mid", "senior", "lead", "executive"]
  },
  "Job": {
    "type": "object",
    "description": "A job posting (api-v2.md §4.1). title and company are always strings; other fields may be null (lists are []). In lists the description is cut to 500 characters with \"...\" appended when cut.",
    "required": ["id", "job_id", "title", "company", "location", "remote", "url", "source", "description", "tags", "required_skills", "preferred_skills", "salary_min", "salary_max", "salary_currency", "employment_type", "experience_level", "posted_date", "created_at", "updated_at"],
    "properties": {
      "id": {"type": "string", "pattern": "^[0-9a-f]{16}$", "description": "Equals job_id."},
      "job_id": {"type": "string", "pattern": "^[0-9a-f]{16}$", "description": "First 16 hex of sha256(\"<source>:<company>:<title>:<url>\").", "examples": ["bbf45408ae59d62f"]},
      "title": {"type": "string", "examples": ["Senior Backend Engineer"]},
      "company": {"type": "string", "examples": ["Northwind Analytics"]},
      "location": {"type": ["string", "null"], "examples": ["Berlin, Germany"]},
      "remote": {"type": ["boolean", "null"]},
      "url": {"type": ["string", "null"]},
      "source": {"type": "string", "examples": ["indeed", "linkedin", "demo", "import"]},
      "description": {"type": ["string", "null"]},
      "tags": {"type": "array", "items": {"type": "string"}, "description": "As given, else the first 10 required skills."},
      "required_skills": {"type": "array", "items": {"type": "string"}, "description": "Canonical skill names."},
      "preferred_skills": {"type": "array", "items": {"type": "string"}, "description": "Canonical skill names."},
      "salary_min": {"type": ["integer", "null"], "description": "Per year, in salary_currency."},
      "salary_max": {"type": ["integer", "null"], "description": "Per year, in salary_currency."},
      "salary_currency": {"type": ["string", "null"], "description": "ISO 4217, upper case.", "examples": ["EUR"]},
      "employment_type": {"oneOf": [{"$ref": "#/components/schemas/EmploymentType"}, {"type": "null"}]},
      "experience_level": {"oneOf": [{"$ref": "#/components/schemas/ExperienceLevel"}, {"type": "null"}]},
      "posted_date": {"type": ["string", "null"], "format": "date"},
      "created_at": {"type": "string", "format": "date-time"},
      "updated_at": {"type": "string", "format": "date-time"}
    }
  },
  "JobList": {
    "type": "array",
    "items": {"$ref": "#/components/schemas/Job"},
    "description": "Newest created_at first, ties by job_id; the X-Total-Count header counts every job matching the filters."
  },
  "JobDetail": {
    "allOf": [{"$ref": "#/components/schemas/Job"}],
    "type": "object",
    "description": "The full Job object (description whole) plus the caller's flags.",
    "required": ["is_bookmarked", "is_applied"],
    "properties": {
      "is_bookmarked": {"type": "boolean"},
      "is_applied": {"type": "boolean"}
    }
  },
  "JobStats": {
    "type": "object",
    "required": ["jobs", "sources", "index"],
    "properties": {
      "jobs": {"type": "integer", "examples": [1730]},
      "sources": {"type": "object", "additionalProperties": {"type": "integer"}, "examples": [{"demo": 622, "import": 1, "indeed": 1249}]},
      "index": {
        "type": "object",
        "required": ["size", "memory_bytes"],
        "properties": {
          "size": {"type": "integer", "description": "Postings in the in-memory index."},
          "memory_bytes": {"type": "integer", "description": "Bytes held by the index structures."}
        }
      }
    }
  },
  "JobImportRecord": {
    "type": "object",
    "description": "One posting under Job field names, JobSpy column names or JSON Resume job-schema keys; for each Job field the first present name wins (api-v2.md §4.2).",
    "required": ["title", "company"],
    "properties": {
      "title": {"type": "string"},
      "company": {"type": "string"},
      "url": {"type": ["string", "null"], "description": "Also job_url, job_url_direct, meta.canonical."},
      "source": {"type": ["string", "null"], "description": "Also site; lower-cased; default \"import\"."},
      "location": {"description": "A string, or a JSON Resume location object."},
      "remote": {"description": "Also is_remote: a boolean, true/false/1/0/yes/no, or JSON Resume Full/Hybrid/None."},
      "description": {"type": ["string", "null"]},
      "required_skills": {"description": "Also skills: a list of strings, a comma-separated string, or JSON Resume skills[].keywords."},
      "preferred_skills": {"description": "A list of strings or a comma-separated string."},
      "salary_min": {"type": ["number", "string", "null"], "description": "Also min_amount; annualised by interval."},
      "salary_max": {"type": ["number", "string", "null"], "description": "Also max_amount; annualised by interval."},
      "interval": {"type": ["string", "null"], "enum": ["yearly", "monthly", "weekly", "daily", "hourly", "", null]},
      "salary_currency": {"type": ["string", "null"], "description": "Also currency."},
      "employment_type": {"type": ["string", "null"], "description": "Also job_type, type."},
      "experience_level": {"type": ["string", "null"], "description": "Also job_level, experience."},
      "posted_date": {"type": ["string", "null"], "description": "Also date_posted, date: YYYY-MM-DD or YYYY-MM."},
      "tags": {"type": "array", "items": {"type": "string"}}
    }
  },
  "JobImportRecords": {
    "oneOf": [
      {"type": "array", "items": {"$ref": "#/components/schemas/JobImportRecord"}},
      {"$ref": "#/components/schemas/JobImportRecord"}
    ]
  },
  "JobImportForm": {
    "type": "object",
    "required": ["file"],
    "properties": {
      "file": {"type": "string", "format": "binary", "description": "A .json, .jsonl, .ndjson or .csv file; the extension names the format. Other parts are ignored."}
    }
  },
  "ImportReject": {
    "type": "object",
    "required": ["line", "detail"],
    "properties": {
      "line": {"type": "integer", "minimum": 1, "description": "1-based physical line where the record starts (CSV: the header is line 1), or the element number of a JSON array."},
      "detail": {"type": "string", "examples": ["Missing required field: company", "Invalid JSON: unexpected end of input", "Row has 3 fields, header has 5"]}
    }
  },
  "ImportSummary": {
    "type": "object",
    "required": ["total", "new_jobs", "updated_jobs", "rejected"],
    "properties": {
      "total": {"type": "integer", "description": "new_jobs + updated_jobs + len(rejected)."},
      "new_jobs": {"type": "integer"},
      "updated_jobs": {"type": "integer"},
      "rejected": {"type": "array", "items": {"$ref": "#/components/schemas/ImportReject"}}
    }
  },
  "IngestSummary": {
    "type": "object",
    "required": ["total_ingested", "new_jobs", "updated_jobs", "embeddings_created"],
    "properties": {
      "total_ingested": {"type": "integer"},
      "new_jobs": {"type": "integer"},
      "updated_jobs": {"type": "integer"},
      "embeddings_created": {"type": "integer", "description": "Postings (re)indexed."}
    }
  },
  "MatchRequest": {
    "type": "object",
    "required": ["resume_id"],
    "properties": {
      "resume_id": {"type": ["string", "integer"], "description": "One of the caller's documents; an integer is read as its decimal string."},
      "top_k": {"type": "integer", "minimum": 1, "maximum": 50, "default": 10},
      "min_salary": {"type": ["integer", "null"], "minimum": 0, "description": "Keeps jobs whose salary_max (else salary_min) is at least this; jobs without a salary are excluded."},
      "location": {"type": ["string", "null"], "description": "Case-insensitive substring of the job's location."},
      "remote": {"type": ["boolean", "null"]},
      "employment_type": {"oneOf": [{"$ref": "#/components/schemas/EmploymentType"}, {"type": "null"}]},
      "experience_level": {"oneOf": [{"$ref": "#/components/schemas/ExperienceLevel"}, {"type": "null"}]},
      "min_score": {"type": ["number", "null"], "minimum": 0, "maximum": 1, "description": "Keeps match_score >= min_score."},
      "query": {"type": ["string", "null"], "maxLength": 200, "description": "Keeps jobs containing at least one term; adds query_boost = 10 × matched terms / terms."}
    }
  },
  "MatchExplanation": {
    "type": "object",
    "required": ["summary", "matched", "missing_required", "missing_preferred", "experience", "components", "weights", "query_terms_matched", "query_boost"],
    "properties": {
      "summary": {"type": "string", "examples": ["Good fit: 3 of 4 required skills and 7 years of experience for a senior role; Kubernetes is missing."]},
      "matched": {"type": "array", "items": {"type": "object", "properties": {
        "skill": {"type": "string"}, "required": {"type": "boolean"},
        "line": {"type": "integer", "description": "1-based line of the résumé text that shows the skill."},
        "text": {"type": "string"}}}},
      "missing_required": {"type": "array", "items": {"type": "string"}},
      "missing_preferred": {"type": "array", "items": {"type": "string"}},
      "experience": {"type": "object", "properties": {
        "resume_years": {"type": ["number", "null"]},
        "level": {"type": ["string", "null"]},
        "fit": {"type": "string", "enum": ["below", "meets", "above", "unknown"]}}},
      "components": {"type": "object", "description": "0..100 each, null when unknown.", "properties": {
        "skills": {"type": ["number", "null"]}, "semantic": {"type": ["number", "null"]}, "title": {"type": ["number", "null"]},
        "seniority": {"type": ["number", "null"]}, "location": {"type": ["number", "null"]}, "salary": {"type": ["number", "null"]}}},
      "weights": {"type": "object", "additionalProperties": {"type": "number"}, "description": "The weights used, re-normalised over the non-null components."},
      "query_terms_matched": {"type": "array", "items": {"type": "string"}},
      "query_boost": {"type": "number"}
    }
  },
  "MatchResult": {
    "type": "object",
    "description": "One hit (api-v2.md §4.3). salary_range, job_type, description and required_skills are never null.",
    "required": ["job_id", "title", "company", "location", "remote", "url", "description", "tags", "salary_min", "salary_max", "employment_type", "experience_level", "vector_score", "skill_score", "combined_score", "fit_percentage", "match_score", "matched_skills", "gap_skills", "required_skills", "salary_range", "job_type", "posted_date", "is_bookmarked", "is_applied", "explanation"],
    "properties": {
      "job_id": {"type": "string"},
      "title": {"type": "string"},
      "company": {"type": "string"},
      "location": {"type": ["string", "null"]},
      "remote": {"type": ["boolean", "null"]},
      "url": {"type": ["string", "null"]},
      "description": {"type": "string", "description": "Cut to 500 characters; \"\" when absent."},
      "tags": {"type": "array", "items": {"type": "string"}},
      "salary_min": {"type": ["integer", "null"]},
      "salary_max": {"type": ["integer", "null"]},
      "employment_type": {"type": ["string", "null"]},
      "experience_level": {"type": ["string", "null"]},
      "vector_score": {"type": ["number", "null"], "description": "0..100: semantic similarity (components.semantic)."},
      "skill_score": {"type": ["number", "null"], "description": "0..100: skill coverage through the taxonomy (components.skills)."},
      "combined_score": {"type": "number", "description": "0..100: Σ weights × components + query_boost, capped at 100."},
      "fit_percentage": {"type": "integer", "description": "round(combined_score)."},
      "match_score": {"type": "number", "minimum": 0, "maximum": 1, "description": "combined_score / 100, 2 decimals."},
      "matched_skills": {"type": "array", "items": {"type": "string"}},
      "gap_skills": {"type": "array", "items": {"type": "string"}, "description": "missing_required then missing_preferred."},
      "required_skills": {"type": "array", "items": {"type": "string"}},
      "salary_range": {"type": "string", "examples": ["EUR 75,000 - 95,000", "$60,000 - 80,000", "From EUR 75,000", "Up to EUR 95,000", "Not specified"]},
      "job_type": {"type": "string", "enum": ["Full-time", "Part-time", "Contract", "Internship", "Temporary", "Freelance", "Not specified"]},
      "posted_date": {"type": ["string", "null"], "format": "date"},
      "is_bookmarked": {"type": "boolean"},
      "is_applied": {"type": "boolean"},
      "explanation": {"$ref": "#/components/schemas/MatchExplanation"}
    }
  },
  "MatchResults": {
    "type": "array",
    "items": {"$ref": "#/components/schemas/MatchResult"},
    "description": "combined_score descending, ties by job_id."
  },
  "ScoreRequest": {
    "type": "object",
    "description": "Exactly one of resume_id or resume_text, and exactly one of job_description or job_id.",
    "properties": {
      "resume_id": {"type": ["string", "integer", "null"]},
      "resume_text": {"type": ["string", "null"], "minLength": 50, "maxLength": 100000},
      "job_description": {"type": ["string", "null"], "minLength": 50, "maxLength": 20000},
      "job_id": {"type": ["string", "null"]}
    }
  },
  "SectionCheck": {
    "type": "object",
    "required": ["check", "status", "detail"],
    "properties": {
      "check": {"type": "string", "enum": ["contact", "summary", "experience", "education", "skills", "length", "quantified_achievements"]},
      "status": {"type": "string", "enum": ["pass", "warn", "fail"]},
      "detail": {"type": "string", "examples": ["E-mail and phone found"]}
    }
  },
  "ScoreReport": {
    "type": "object",
    "required": ["score", "resume_id", "job_id", "matched_skills", "missing_skills", "keyword_coverage", "missing_keywords", "section_checks", "suggestions"],
    "properties": {
      "score": {"type": "integer", "minimum": 0, "maximum": 100},
      "resume_id": {"type": ["string", "null"]},
      "job_id": {"type": ["string", "null"]},
      "matched_skills": {"type": "array", "items": {"type": "string"}},
      "missing_skills": {"type": "array", "items": {"type": "string"}, "description": "Required first, then preferred."},
      "keyword_coverage": {"type": "number", "minimum": 0, "maximum": 100, "description": "Percentage of the posting's 30 most weighted terms found in the résumé."},
      "missing_keywords": {"type": "array", "items": {"type": "string"}},
      "section_checks": {"type": "array", "items": {"$ref": "#/components/schemas/SectionCheck"}},
      "suggestions": {"type": "array", "items": {"type": "string"}}
    }
  },
  "BookmarkRequest": {
    "type": "object",
    "required": ["job_id"],
    "properties": {
      "job_id": {"type": ["string", "integer"]},
      "notes": {"type": ["string", "null"], "maxLength": 2000}
    }
  },
  "BookmarkCreated": {
    "type": "object",
    "required": ["message", "bookmark_id"],
    "properties": {
      "message": {"type": "string", "const": "Job bookmarked successfully"},
      "bookmark_id": {"type": "string", "format": "uuid"}
    }
  },
  "Bookmark": {
    "type": "object",
    "required": ["id", "job_id", "notes", "created_at", "title", "company", "location", "url", "job"],
    "properties": {
      "id": {"type": "string", "format": "uuid"},
      "job_id": {"type": "string"},
      "notes": {"type": ["string", "null"]},
      "created_at": {"type": "string", "format": "date-time"},
      "title": {"type": "string"},
      "company": {"type": "string"},
      "location": {"type": ["string", "null"]},
      "url": {"type": ["string", "null"]},
      "job": {"$ref": "#/components/schemas/Job"}
    }
  },
  "BookmarkList": {
    "type": "array",
    "items": {"$ref": "#/components/schemas/Bookmark"},
    "description": "Newest first."
  },
  "ApplicationStatus": {
    "type": "string",
    "enum": ["saved", "applied", "interviewing", "offered", "rejected", "withdrawn", "accepted"],
    "description": "Any transition is allowed and recorded in history."
  },
  "ApplicationRequest": {
    "type": "object",
    "required": ["job_id"],
    "properties": {
      "job_id": {"type": ["string", "integer"]},
      "status": {"$ref": "#/components/schemas/ApplicationStatus", "description": "Default \"applied\" on creation; kept when omitted on an update."},
      "notes": {"type": ["string", "null"], "maxLength": 2000, "description": "Kept when omitted."}
    }
  },
  "ApplicationRecorded": {
    "type": "object",
    "required": ["message", "application_id"],
    "properties": {
      "message": {"type": "string", "enum": ["Job application recorded successfully", "Application updated successfully"]},
      "application_id": {"type": "string", "format": "uuid"}
    }
  },
  "ApplicationUpdate": {
    "type": "object",
    "description": "PUT requires status; PATCH needs at least one key.",
    "properties": {
      "status": {"$ref": "#/components/schemas/ApplicationStatus"},
      "notes": {"type": ["string", "null"], "maxLength": 2000, "description": "null clears."}
    }
  },
  "Application": {
    "type": "object",
    "required": ["id", "job_id", "status", "notes", "applied_date", "created_at", "updated_at", "history", "title", "company", "location", "url", "job"],
    "properties": {
      "id": {"type": "string", "format": "uuid"},
      "job_id": {"type": "string"},
      "status": {"$ref": "#/components/schemas/ApplicationStatus"},
      "notes": {"type": ["string", "null"]},
      "applied_date": {"type": ["string", "null"], "format": "date", "description": "UTC date the application first had a status other than saved."},
      "created_at": {"type": "string", "format": "date-time"},
      "updated_at": {"type": "string", "format": "date-time"},
      "history": {"type": "array", "items": {"type": "object", "required": ["status", "at"], "properties": {
        "status": {"$ref": "#/components/schemas/ApplicationStatus"}, "at": {"type": "string", "format": "date-time"}}}},
      "title": {"type": "string"},
      "company": {"type": "string"},
      "location": {"type": ["string", "null"]},
      "url": {"type": ["string", "null"]},
      "job": {"$ref": "#/components/schemas/Job"}
    }
  },
  "ApplicationList": {
    "type": "array",
    "items": {"$ref": "#/components/schemas/Application"},
    "description": "Most recently updated first."
  },
  "RewriteStyle": {
    "type": "string",
    "enum": ["Technical", "Management", "Creative", "Sales", "Academic", "Executive"],
    "description": "Matched case-insensitively; returned in this casing."
  },
  "ApiStatus": {
    "type": "object",
    "required": ["latency", "api_status", "warning"],
    "properties": {
      "latency": {"type": "number", "description": "Seconds spent producing the result, 2 decimals."},
      "api_status": {"type": "string", "enum": ["local", "success", "fallback"]},
      "warning": {"type": ["string", "null"], "examples": ["LLM API error (timeout) - local result returned"]}
    }
  },
  "RewriteRequest": {
    "type": "object",
    "required": ["resume_id", "rewrite_style"],
    "properties": {
      "resume_id": {"type": ["string", "integer"]},
      "rewrite_style": {"$ref": "#/components/schemas/RewriteStyle"}
    }
  },
  "RewriteResult": {
    "allOf": [{"$ref": "#/components/schemas/ApiStatus"}],
    "type": "object",
    "required": ["version_id", "resume_id", "original_text", "rewritten_text", "diff_html", "improvements", "suggestions", "impact_score", "style"],
    "properties": {
      "version_id": {"type": "string", "format": "uuid"},
      "resume_id": {"type": "string"},
      "original_text": {"type": "string"},
      "rewritten_text": {"type": "string"},
      "diff_html": {"type": "string", "description": "Word-level diff, every fragment HTML-escaped: <div class=\"diff\"><p>... <del>old</del><ins>new</ins> ...</p></div>."},
      "improvements": {"type": "array", "items": {"type": "string"}, "description": "The changes actually made, with counts."},
      "suggestions": {"type": "array", "items": {"type": "string"}, "description": "Figures to add ([X%] placeholders appear only here)."},
      "impact_score": {"type": "integer", "minimum": 0, "maximum": 100},
      "style": {"$ref": "#/components/schemas/RewriteStyle"}
    }
  },
  "TailorRequest": {
    "type": "object",
    "required": ["resume_id", "job_description"],
    "properties": {
      "resume_id": {"type": ["string", "integer"]},
      "job_description": {"type": "string", "minLength": 50, "maxLength": 20000},
      "tailoring_level": {"type": "string", "enum": ["conservative", "moderate", "aggressive"], "default": "moderate",
                          "description": "Another value: 400 \"Invalid tailoring level. Must be one of: conservative, moderate, aggressive\"."}
    }
  },
  "Requirement": {
    "type": "object",
    "required": ["requirement", "required", "line", "text"],
    "properties": {
      "requirement": {"type": "string", "examples": ["Python"]},
      "required": {"type": "boolean"},
      "line": {"type": ["integer", "null"], "description": "1-based line of the résumé that shows it."},
      "text": {"type": ["string", "null"]}
    }
  },
  "TailorResult": {
    "allOf": [{"$ref": "#/components/schemas/ApiStatus"}],
    "type": "object",
    "required": ["version_id", "resume_id", "tailored_resume", "original_resume", "match_score", "match_score_before", "missing_skills", "keyword_suggestions", "changes_made", "priority_improvements", "requirements", "tailoring_level", "diff_html"],
    "properties": {
      "version_id": {"type": "string", "format": "uuid"},
      "resume_id": {"type": "string"},
      "tailored_resume": {"type": "string"},
      "original_resume": {"type": "string"},
      "match_score": {"type": "integer", "minimum": 0, "maximum": 100},
      "match_score_before": {"type": "integer", "minimum": 0, "maximum": 100},
      "missing_skills": {"type": "array", "items": {"type": "string"}, "description": "Required first; never inserted into the text."},
      "keyword_suggestions": {"type": "array", "items": {"type": "string"}},
      "changes_made": {"type": "array", "items": {"type": "string"}},
      "priority_improvements": {"type": "array", "items": {"type": "string"}},
      "requirements": {"type": "array", "items": {"$ref": "#/components/schemas/Requirement"}},
      "tailoring_level": {"type": "string", "enum": ["conservative", "moderate", "aggressive"]},
      "diff_html": {"type": "string"}
    }
  },
  "CoverLetterRequest": {
    "type": "object",
    "required": ["resume_id"],
    "description": "Exactly one of job_description or job_id.",
    "properties": {
      "resume_id": {"type": ["string", "integer"]},
      "job_description": {"type": ["string", "null"], "minLength": 50, "maxLength": 20000},
      "job_id": {"type": ["string", "integer", "null"]},
      "tone": {"type": "string", "enum": ["professional", "enthusiastic", "concise"], "default": "professional"}
    }
  },
  "CoverLetterResult": {
    "allOf": [{"$ref": "#/components/schemas/ApiStatus"}],
    "type": "object",
    "required": ["version_id", "resume_id", "job_id", "text", "tone", "word_count"],
    "properties": {
      "version_id": {"type": "string", "format": "uuid"},
      "resume_id": {"type": "string"},
      "job_id": {"type": ["string", "null"]},
      "text": {"type": "string"},
      "tone": {"type": "string", "enum": ["professional", "enthusiastic", "concise"]},
      "word_count": {"type": "integer"}
    }
  },
  "LinkedInRequest": {
    "type": "object",
    "required": ["resume_id"],
    "properties": {
      "resume_id": {"type": ["string", "integer"]},
      "target_role": {"type": ["string", "null"], "maxLength": 100, "description": "Default: the most recent position."}
    }
  },
  "LinkedInResult": {
    "allOf": [{"$ref": "#/components/schemas/ApiStatus"}],
    "type": "object",
    "required": ["version_id", "resume_id", "headline", "about", "target_role"],
    "properties": {
      "version_id": {"type": "string", "format": "uuid"},
      "resume_id": {"type": "string"},
      "headline": {"type": "string", "maxLength": 220},
      "about": {"type": "string", "maxLength": 2600},
      "target_role": {"type": "string"}
    }
  },
  "VersionSummary": {
    "type": "object",
    "required": ["version_id", "kind", "style", "source", "created_at", "impact_score"],
    "properties": {
      "version_id": {"type": "string", "format": "uuid"},
      "kind": {"type": "string", "enum": ["rewrite", "tailor", "cover_letter", "linkedin"]},
      "style": {"type": ["string", "null"], "description": "The style, tailoring level or tone; null for LinkedIn."},
      "source": {"type": "string", "enum": ["local", "llm"]},
      "created_at": {"type": "string", "format": "date-time"},
      "impact_score": {"type": ["integer", "null"], "description": "The rewrite's impact_score, the tailoring's match_score, else null."}
    }
  },
  "VersionList": {
    "type": "array",
    "items": {"$ref": "#/components/schemas/VersionSummary"},
    "description": "Newest first."
  },
  "Version": {
    "type": "object",
    "description": "The body the creating call returned (RewriteResult, TailorResult, CoverLetterResult or LinkedInResult) plus kind, source and created_at.",
    "required": ["version_id", "resume_id", "kind", "source", "created_at"],
    "properties": {
      "version_id": {"type": "string", "format": "uuid"},
      "resume_id": {"type": "string"},
      "kind": {"type": "string", "enum": ["rewrite", "tailor", "cover_letter", "linkedin"]},
      "source": {"type": "string", "enum": ["local", "llm"]},
      "created_at": {"type": "string", "format": "date-time"}
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
  },
  "Notification": {
    "type": "object",
    "required": ["id", "type", "title", "message", "job_id", "match_score", "email_sent", "is_read",
                 "read_at", "created_at", "job_title", "job_company"],
    "properties": {
      "id": {"type": "string", "format": "uuid"},
      "type": {"type": "string", "enum": ["job_match", "application_update", "system"]},
      "title": {"type": "string", "examples": ["New match: Data Engineer"]},
      "message": {"type": "string", "examples": ["Contoso Health is hiring! 87% match"]},
      "job_id": {"type": ["string", "null"], "description": "Job-related types only."},
      "match_score": {"type": ["number", "null"], "minimum": 0, "maximum": 1, "description": "job_match only."},
      "email_sent": {"type": "boolean", "description": "True once the event went out by e-mail (alone or in a digest)."},
      "is_read": {"type": "boolean"},
      "read_at": {"type": ["string", "null"], "format": "date-time"},
      "created_at": {"type": "string", "format": "date-time"},
      "job_title": {"type": ["string", "null"]},
      "job_company": {"type": ["string", "null"]}
    }
  },
  "NotificationList": {
    "type": "object",
    "required": ["total", "unread", "notifications"],
    "properties": {
      "total": {"type": "integer", "description": "Notifications matching the filters, before paging."},
      "unread": {"type": "integer", "description": "All of the caller's unread notifications, whatever the filters."},
      "notifications": {"type": "array", "items": {"$ref": "#/components/schemas/Notification"},
                        "description": "Newest first."}
    }
  },
  "MarkAllRead": {
    "type": "object",
    "required": ["message", "updated"],
    "properties": {
      "message": {"type": "string", "examples": ["All notifications marked as read"]},
      "updated": {"type": "integer", "description": "Notifications that were unread."}
    }
  },
  "TestNotification": {
    "type": "object",
    "required": ["message", "notification_id", "email", "delivery"],
    "properties": {
      "message": {"type": "string", "examples": ["Test notification queued successfully",
                                                  "Test notification created; email delivery is not configured"]},
      "notification_id": {"type": "string", "format": "uuid"},
      "email": {"type": "string", "format": "email"},
      "delivery": {"type": "string", "enum": ["queued", "smtp_not_configured"]}
    }
  }
})json";

}  // namespace

Json component_schemas() { return Json::parse(kSchemas); }

}  // namespace aligncv::http
