// Bytes-like Python arguments (bytes, bytearray, memoryview, mmap) seen by C++ without a copy
// (private to the module).
#pragma once

#include <pybind11/pybind11.h>

#include <string>
#include <string_view>

namespace aligncv::python {

namespace py = pybind11;

// Holds the object's buffer export for its lifetime, so the memory stays put (a bytearray cannot
// be resized meanwhile) while C++ reads it with the GIL released. Create and destroy it with the
// GIL held.
class BytesView {
 public:
  explicit BytesView(py::handle object) {
    if (PyUnicode_Check(object.ptr())) {
      throw py::type_error(
          "expected bytes-like data (bytes, bytearray, memoryview), not str; "
          "encode it first");
    }
    // PyBUF_SIMPLE: one contiguous block of bytes, or an error.
    if (PyObject_GetBuffer(object.ptr(), &buffer_, PyBUF_SIMPLE) != 0) {
      PyErr_Clear();
      throw py::type_error(
          "expected contiguous bytes-like data (bytes, bytearray, memoryview), not " +
          std::string(Py_TYPE(object.ptr())->tp_name));
    }
  }
  ~BytesView() { PyBuffer_Release(&buffer_); }
  BytesView(const BytesView&) = delete;
  BytesView& operator=(const BytesView&) = delete;

  std::string_view view() const {
    return {static_cast<const char*>(buffer_.buf), static_cast<std::size_t>(buffer_.len)};
  }

 private:
  Py_buffer buffer_{};
};

}  // namespace aligncv::python
