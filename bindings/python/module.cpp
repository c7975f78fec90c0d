// aligncv._aligncv: the compiled half of the Python package. Each area binds itself in its own
// bind_<area>.cpp; the Pythonic API (keyword arguments, docstrings, type hints) is in aligncv/.
#include <pybind11/pybind11.h>
#include <aligncv/version.hpp>

namespace py = pybind11;

namespace aligncv::python {
void init_errors(py::module_& m);     // aligncv::Error -> aligncv.errors classes (one table)
void init_clock(py::module_& m);      // Clock, SystemClock, ManualClock
void init_engine(py::module_& m);     // Options, Principal, Engine
void init_documents(py::module_& m);  // parse_bytes() (no engine needed)
void init_jobs(py::module_& m);       // Engine job methods; score_texts(), demo_jobs()
void init_rewrite(py::module_& m);    // Engine rewrite methods; rewrite_text()
void init_notifications(py::module_& m);  // Engine notification methods
void init_http(py::module_& m);       // serve(), BackgroundServer
}  // namespace aligncv::python

PYBIND11_MODULE(_aligncv, m) {
  m.doc() = "AlignCV engine bindings (use the aligncv package, not this module directly).";
  m.attr("__version__") = aligncv::kVersion;

  aligncv::python::init_errors(m);
  aligncv::python::init_clock(m);  // before init_engine: Options holds a Clock
  aligncv::python::init_engine(m);
  aligncv::python::init_documents(m);
  aligncv::python::init_jobs(m);  // after init_engine: adds methods to Engine
  aligncv::python::init_rewrite(m);  // after init_engine: adds methods to Engine
  aligncv::python::init_notifications(m);  // after init_engine: adds methods to Engine
  aligncv::python::init_http(m);
}
