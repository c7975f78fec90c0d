// Reads fields of a JSON request object with the contract's lax typing (api-v2.md §1.2) and
// collects every failing field as a pydantic-shaped FieldIssue, so all are reported together.
#pragma once

#include <aligncv/error.hpp>
#include <aligncv/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace aligncv {

class FieldReader {
 public:
  // `root` is "body" or "query" (query values are strings; booleans may be spelled
  // true/false/1/0/yes/no/on/off). `body` should be an object; anything else records model_attributes_type at loc [root].
  // The reader keeps a reference: `body` must outlive it.
  explicit FieldReader(const Json& body, std::string root = "body");

  bool present(const char* key) const;  // present and not null
  bool is_null(const char* key) const;  // present and null
  const Json& raw(const char* key) const;

  // A string, trimmed unless trim=false, with code-point length bounds (-1 = none). Records
  // `missing` when required and absent (or null), string_type for other types.
  std::optional<std::string> string(const char* key, bool required, int min_len = -1,
                                    int max_len = -1, bool trim = true);
  std::optional<bool> boolean(const char* key, bool required = false);
  // Accepts numbers and numeric strings.
  std::optional<int64_t> integer(const char* key, bool required, std::optional<int64_t> ge,
                                 std::optional<int64_t> le);
  std::optional<double> number(const char* key, bool required, std::optional<double> ge,
                               std::optional<double> le);
  // One of `allowed`, matched case-insensitively after trimming; returns the canonical casing.
  std::optional<std::string> choice(const char* key, bool required,
                                    const std::vector<std::string>& allowed);

  void add(std::string type, const std::string& key, std::string msg, Json input, Json ctx = nullptr);
  // value_error with "Value error, <reason>".
  void value_error(const std::string& key, const std::string& reason, Json input);

  bool ok() const { return issues_.empty(); }
  // Throws Error::validation(issues) when any field failed.
  void throw_if_failed() const;

 private:
  Json loc(const std::string& key) const;
  const Json& body_;
  std::string root_;
  std::vector<FieldIssue> issues_;
};

// An id value: a string (trimmed), or an integer as its decimal string (api-v2.md §1.2); "" for
// anything else.
std::string id_string(const Json& value);
// A required id field: records `missing` or `string_type` in `in` and returns "" when it fails.
std::string read_id(FieldReader& in, const Json& body, const char* key);

}  // namespace aligncv
