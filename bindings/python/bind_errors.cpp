// The one place where aligncv::Error becomes a Python exception. The classes are defined in
// aligncv/errors.py (so they can have Python bases such as LookupError); this file looks them up
// at import and maps every ErrorCode to one of them.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <aligncv/error.hpp>

#include <array>
#include <string>
#include <utility>

#include "json_caster.hpp"

namespace py = pybind11;

namespace aligncv::python {
namespace {

struct ErrorMapping {
  ErrorCode code;
  const char* class_name;  // in aligncv.errors
};

// Every ErrorCode appears exactly once; `code` attributes come from error_code_name().
constexpr std::array<ErrorMapping, 14> kErrorMappings = {{
    {ErrorCode::InvalidArgument, "InvalidArgumentError"},
    {ErrorCode::Conflict, "ConflictError"},
    {ErrorCode::Unauthenticated, "NotAuthenticatedError"},
    {ErrorCode::InvalidToken, "InvalidTokenError"},
    {ErrorCode::InvalidCredentials, "InvalidCredentialsError"},
    {ErrorCode::Forbidden, "ForbiddenError"},
    {ErrorCode::NotFound, "NotFoundError"},
    {ErrorCode::PayloadTooLarge, "PayloadTooLargeError"},
    {ErrorCode::UnsupportedMediaType, "UnsupportedMediaTypeError"},
    {ErrorCode::Validation, "ValidationError"},
    {ErrorCode::RateLimited, "RateLimitedError"},
    {ErrorCode::Internal, "InternalError"},
    {ErrorCode::NotConfigured, "NotConfiguredError"},
    {ErrorCode::Unavailable, "UnavailableError"},
}};

// The classes, resolved once at import. The references are deliberately leaked: they must stay
// valid for as long as the interpreter can raise them, and must not be released after it is gone.
std::array<PyObject*, kErrorMappings.size()> g_classes{};
PyObject* g_root = nullptr;

PyObject* class_for(ErrorCode code) {
  for (size_t i = 0; i < kErrorMappings.size(); ++i) {
    if (kErrorMappings[i].code == code) return g_classes[i];
  }
  return g_root;
}

void raise_python(const Error& error) {
  PyObject* cls = class_for(error.code());
  try {
    py::list issues;
    for (const FieldIssue& issue : error.issues()) issues.append(py::cast(to_json(issue)));
    py::object retry_after = py::none();
    if (error.code() == ErrorCode::RateLimited) retry_after = py::int_(error.retry_after_seconds());
    py::object instance =
        py::handle(cls)(error.detail(), py::arg("code") = error_code_name(error.code()),
                        py::arg("issues") = issues, py::arg("retry_after") = retry_after);
    PyErr_SetObject(cls, instance.ptr());
  } catch (py::error_already_set& e) {
    e.restore();  // building the exception failed: raise that failure instead
  }
}

// For the test-suite: raises the Error with this code name, so every mapping can be checked
// without provoking each failure for real.
[[noreturn]] void raise_for_testing(const std::string& code_name, const std::string& detail,
                                    int64_t retry_after_seconds, const Json& issues) {
  for (const ErrorMapping& mapping : kErrorMappings) {
    if (code_name != error_code_name(mapping.code)) continue;
    if (mapping.code == ErrorCode::RateLimited) {
      throw Error::rate_limited(detail, retry_after_seconds);
    }
    if (mapping.code == ErrorCode::Validation) {
      std::vector<FieldIssue> list;
      for (const Json& j : issues) {
        list.push_back({j.value("type", ""), j.value("loc", Json::array()), j.value("msg", ""),
                        j.value("input", Json()), j.value("ctx", Json())});
      }
      throw Error::validation(std::move(list));
    }
    throw Error(mapping.code, detail);
  }
  throw py::value_error("unknown error code: " + code_name);
}

}  // namespace

void init_errors(py::module_& m) {
  py::module_ errors = py::module_::import("aligncv.errors");
  g_root = py::object(errors.attr("Error")).release().ptr();
  for (size_t i = 0; i < kErrorMappings.size(); ++i) {
    g_classes[i] = py::object(errors.attr(kErrorMappings[i].class_name)).release().ptr();
  }

  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const Error& e) {
      raise_python(e);
    }
  });

  m.def("_raise_for_testing", &raise_for_testing, py::arg("code"), py::arg("detail") = "",
        py::arg("retry_after") = 0, py::arg("issues") = Json::array(),
        "Raises the aligncv::Error with this code name through the normal translation.");
  m.attr("_ERROR_CLASSES") = [] {
    py::dict table;
    for (const ErrorMapping& mapping : kErrorMappings) {
      table[py::str(error_code_name(mapping.code))] = py::str(mapping.class_name);
    }
    return table;
  }();
}

}  // namespace aligncv::python
