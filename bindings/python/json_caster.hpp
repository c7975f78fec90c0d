// nlohmann::json <-> Python values, as a pybind11 type caster (private to the module).
//
//   JSON      Python
//   object    dict (keys must be str)
//   array     list (a tuple is also accepted on the way in)
//   string    str
//   integer   int (bool is checked first, so True stays a boolean)
//   float     float
//   boolean   bool
//   null      None
//
// Conversions run while the GIL is held: arguments are converted before a bound function's
// call_guard releases the GIL, results after it is re-acquired. Include this header in every
// file that binds a function taking or returning aligncv::Json, so the specialisation is the same
// everywhere.
#pragma once

#include <pybind11/pybind11.h>
#include <aligncv/json.hpp>

#include <cstdint>
#include <string>

namespace aligncv::python {

namespace py = pybind11;

// Deeper values are refused instead of risking the C stack.
inline constexpr int kMaxJsonDepth = 512;

// Throws TypeError naming the offending type (and ValueError for out-of-range integers).
inline Json to_json_value(py::handle value, int depth = 0) {
  if (depth > kMaxJsonDepth) {
    throw py::value_error("value is nested more than " + std::to_string(kMaxJsonDepth) +
                          " levels deep");
  }
  PyObject* o = value.ptr();
  if (o == Py_None) return nullptr;
  if (PyBool_Check(o)) return o == Py_True;
  if (PyLong_Check(o)) {
    int overflow = 0;
    long long v = PyLong_AsLongLongAndOverflow(o, &overflow);
    if (overflow == 0) {
      if (v == -1 && PyErr_Occurred()) throw py::error_already_set();
      return static_cast<int64_t>(v);
    }
    if (overflow > 0) {
      unsigned long long u = PyLong_AsUnsignedLongLong(o);
      if (!PyErr_Occurred()) return static_cast<uint64_t>(u);
      PyErr_Clear();
    }
    throw py::value_error("integer does not fit in 64 bits: " +
                          py::repr(value).cast<std::string>());
  }
  if (PyFloat_Check(o)) return PyFloat_AS_DOUBLE(o);
  if (PyUnicode_Check(o)) {
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(o, &size);  // fails on lone surrogates
    if (data == nullptr) throw py::error_already_set();
    return std::string(data, static_cast<size_t>(size));
  }
  if (PyDict_Check(o)) {
    Json object = Json::object();
    PyObject* key = nullptr;
    PyObject* item = nullptr;
    Py_ssize_t pos = 0;
    while (PyDict_Next(o, &pos, &key, &item)) {
      if (!PyUnicode_Check(key)) {
        throw py::type_error("JSON object keys must be str, not " +
                             std::string(Py_TYPE(key)->tp_name));
      }
      Json k = to_json_value(key, depth + 1);
      object[k.get<std::string>()] = to_json_value(item, depth + 1);
    }
    return object;
  }
  if (PyList_Check(o) || PyTuple_Check(o)) {
    Json array = Json::array();
    for (py::handle item : py::reinterpret_borrow<py::sequence>(value)) {
      array.push_back(to_json_value(item, depth + 1));
    }
    return array;
  }
  throw py::type_error("cannot convert " + std::string(Py_TYPE(o)->tp_name) +
                       " to JSON; use dict, list, tuple, str, int, float, bool or None");
}

inline py::object from_json_value(const Json& j) {
  switch (j.type()) {
    case Json::value_t::null:
    case Json::value_t::discarded:
      return py::none();
    case Json::value_t::boolean:
      return py::bool_(j.get<bool>());
    case Json::value_t::number_integer:
      return py::int_(j.get<int64_t>());
    case Json::value_t::number_unsigned:
      return py::int_(j.get<uint64_t>());
    case Json::value_t::number_float:
      return py::float_(j.get<double>());
    case Json::value_t::string: {
      const auto& s = j.get_ref<const std::string&>();
      // The engine emits UTF-8; "replace" keeps a stray byte from turning a result into an error.
      PyObject* str = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "replace");
      if (str == nullptr) throw py::error_already_set();
      return py::reinterpret_steal<py::object>(str);
    }
    case Json::value_t::array: {
      py::list list(j.size());
      size_t i = 0;
      for (const auto& item : j) list[i++] = from_json_value(item);
      return std::move(list);
    }
    case Json::value_t::object: {
      py::dict dict;
      for (const auto& [key, item] : j.items()) dict[py::str(key)] = from_json_value(item);
      return std::move(dict);
    }
    case Json::value_t::binary: {
      const auto& bytes = j.get_binary();
      return py::bytes(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    }
  }
  return py::none();
}

}  // namespace aligncv::python

namespace pybind11::detail {

template <>
struct type_caster<aligncv::Json> {
  PYBIND11_TYPE_CASTER(aligncv::Json, const_name("JSON"));

  bool load(handle src, bool /*convert*/) {
    value = aligncv::python::to_json_value(src);
    return true;
  }

  static handle cast(const aligncv::Json& src, return_value_policy /*policy*/, handle /*parent*/) {
    return aligncv::python::from_json_value(src).release();
  }
};

}  // namespace pybind11::detail
