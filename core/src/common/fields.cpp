#include "common/fields.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "common/text.hpp"

namespace aligncv {

namespace {
const Json kNull = nullptr;

std::string number_text(double v) {
  if (std::floor(v) == v && std::fabs(v) < 1e15) return std::to_string(static_cast<int64_t>(v));
  Json j = v;
  return j.dump();
}
}  // namespace

FieldReader::FieldReader(const Json& body, std::string root) : body_(body), root_(std::move(root)) {
  if (!body_.is_object()) {
    issues_.push_back({"model_attributes_type", Json::array({root_}),
                       "Input should be a valid dictionary or object to extract fields from", body_,
                       nullptr});
  }
}

Json FieldReader::loc(const std::string& key) const { return Json::array({root_, key}); }

bool FieldReader::present(const char* key) const {
  if (!body_.is_object()) return false;
  auto it = body_.find(key);
  return it != body_.end() && !it->is_null();
}

bool FieldReader::is_null(const char* key) const {
  if (!body_.is_object()) return false;
  auto it = body_.find(key);
  return it != body_.end() && it->is_null();
}

const Json& FieldReader::raw(const char* key) const {
  if (!body_.is_object()) return kNull;
  auto it = body_.find(key);
  return it == body_.end() ? kNull : *it;
}

void FieldReader::add(std::string type, const std::string& key, std::string msg, Json input, Json ctx) {
  issues_.push_back({std::move(type), loc(key), std::move(msg), std::move(input), std::move(ctx)});
}

void FieldReader::value_error(const std::string& key, const std::string& reason, Json input) {
  add("value_error", key, "Value error, " + reason, std::move(input), Json{{"error", reason}});
}

std::optional<std::string> FieldReader::string(const char* key, bool required, int min_len,
                                               int max_len, bool do_trim) {
  if (!present(key)) {
    if (required && body_.is_object()) add("missing", key, "Field required", body_);
    return std::nullopt;
  }
  const Json& v = raw(key);
  if (!v.is_string()) {
    add("string_type", key, "Input should be a valid string", v);
    return std::nullopt;
  }
  std::string s = do_trim ? trim(v.get<std::string>()) : v.get<std::string>();
  auto len = static_cast<int>(utf8_length(s));
  if (min_len >= 0 && len < min_len) {
    add("string_too_short", key,
        "String should have at least " + std::to_string(min_len) + (min_len == 1 ? " character" : " characters"),
        v, Json{{"min_length", min_len}});
    return std::nullopt;
  }
  if (max_len >= 0 && len > max_len) {
    add("string_too_long", key,
        "String should have at most " + std::to_string(max_len) + (max_len == 1 ? " character" : " characters"),
        v, Json{{"max_length", max_len}});
    return std::nullopt;
  }
  return s;
}

std::optional<bool> FieldReader::boolean(const char* key, bool required) {
  if (!present(key)) {
    if (required && body_.is_object()) add("missing", key, "Field required", body_);
    return std::nullopt;
  }
  const Json& v = raw(key);
  if (v.is_boolean()) return v.get<bool>();
  if (root_ == "query" && v.is_string()) {  // query strings spell booleans in words (§1.2)
    std::string word = to_lower_ascii(trim(v.get<std::string>()));
    if (word == "true" || word == "1" || word == "yes" || word == "on") return true;
    if (word == "false" || word == "0" || word == "no" || word == "off") return false;
  }
  add("bool_parsing", key, "Input should be a valid boolean, unable to interpret input", v);
  return std::nullopt;
}

std::optional<int64_t> FieldReader::integer(const char* key, bool required, std::optional<int64_t> ge,
                                            std::optional<int64_t> le) {
  if (!present(key)) {
    if (required && body_.is_object()) add("missing", key, "Field required", body_);
    return std::nullopt;
  }
  const Json& v = raw(key);
  std::optional<int64_t> value;
  if (v.is_number_integer()) {
    value = v.get<int64_t>();
  } else if (v.is_number_float() && std::floor(v.get<double>()) == v.get<double>()) {
    value = static_cast<int64_t>(v.get<double>());
  } else if (v.is_string()) {
    std::string s = trim(v.get<std::string>());
    int64_t parsed = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), parsed);
    if (ec == std::errc() && ptr == s.data() + s.size() && !s.empty()) value = parsed;
  }
  if (!value) {
    add("int_parsing", key, "Input should be a valid integer, unable to parse string as an integer", v);
    return std::nullopt;
  }
  if (ge && *value < *ge) {
    add("greater_than_equal", key, "Input should be greater than or equal to " + std::to_string(*ge), v,
        Json{{"ge", *ge}});
    return std::nullopt;
  }
  if (le && *value > *le) {
    add("less_than_equal", key, "Input should be less than or equal to " + std::to_string(*le), v,
        Json{{"le", *le}});
    return std::nullopt;
  }
  return value;
}

std::optional<double> FieldReader::number(const char* key, bool required, std::optional<double> ge,
                                          std::optional<double> le) {
  if (!present(key)) {
    if (required && body_.is_object()) add("missing", key, "Field required", body_);
    return std::nullopt;
  }
  const Json& v = raw(key);
  std::optional<double> value;
  if (v.is_number()) {
    value = v.get<double>();
  } else if (v.is_string()) {
    std::string s = trim(v.get<std::string>());
    char* end = nullptr;
    double parsed = s.empty() ? 0 : std::strtod(s.c_str(), &end);
    if (!s.empty() && end == s.c_str() + s.size() && std::isfinite(parsed)) value = parsed;
  }
  if (!value) {
    add("float_parsing", key, "Input should be a valid number, unable to parse string as a number", v);
    return std::nullopt;
  }
  if (ge && *value < *ge) {
    add("greater_than_equal", key, "Input should be greater than or equal to " + number_text(*ge), v,
        Json{{"ge", *ge}});
    return std::nullopt;
  }
  if (le && *value > *le) {
    add("less_than_equal", key, "Input should be less than or equal to " + number_text(*le), v,
        Json{{"le", *le}});
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> FieldReader::choice(const char* key, bool required,
                                               const std::vector<std::string>& allowed) {
  auto s = string(key, required);
  if (!s) return std::nullopt;
  for (const auto& a : allowed) {
    if (iequals_ascii(a, *s)) return a;
  }
  std::string expected;
  for (std::size_t i = 0; i < allowed.size(); ++i) {
    if (i > 0) expected += (i + 1 == allowed.size()) ? " or " : ", ";
    expected += "'" + allowed[i] + "'";
  }
  add("literal_error", key, "Input should be " + expected, raw(key), Json{{"expected", expected}});
  return std::nullopt;
}

void FieldReader::throw_if_failed() const {
  if (!issues_.empty()) throw Error::validation(issues_);
}

std::string id_string(const Json& value) {
  if (value.is_number_integer()) return std::to_string(value.get<int64_t>());
  return value.is_string() ? trim(value.get<std::string>()) : std::string();
}

std::string read_id(FieldReader& in, const Json& body, const char* key) {
  if (!in.present(key)) {
    in.add("missing", key, "Field required", body);
    return {};
  }
  const Json& value = in.raw(key);
  if (!value.is_string() && !value.is_number_integer()) {
    in.add("string_type", key, "Input should be a valid string", value);
    return {};
  }
  return id_string(value);
}

}  // namespace aligncv
