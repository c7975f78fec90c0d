// Clocks: the time source an Engine reads. ManualClock lets tests move time instead of sleeping:
//   clock = aligncv.ManualClock(); engine = aligncv.Engine(data_dir, clock=clock)
//   clock.advance_seconds(901)  # the access token has now expired
#include <pybind11/pybind11.h>
#include <aligncv/clock.hpp>

#include <memory>
#include <string>

namespace py = pybind11;

namespace aligncv::python {

void init_clock(py::module_& m) {
  // shared_ptr holders: Options::clock shares the object with Python.
  py::class_<Clock, std::shared_ptr<Clock>>(m, "Clock", "A time source (Unix milliseconds, UTC).")
      .def("now_ms", &Clock::now_ms, "Milliseconds since the Unix epoch.")
      .def("now_seconds", &Clock::now_seconds, "Seconds since the Unix epoch.");

  py::class_<SystemClock, Clock, std::shared_ptr<SystemClock>>(m, "SystemClock", "The wall clock.")
      .def(py::init<>())
      .def("__repr__", [](const SystemClock&) { return std::string("SystemClock()"); });

  py::class_<ManualClock, Clock, std::shared_ptr<ManualClock>>(
      m, "ManualClock",
      "A clock that only moves when told to; pass it as Engine(clock=...) in tests. Thread-safe.")
      .def(py::init<int64_t>(), py::arg("start_ms") = ManualClock().now_ms(),
           "Starts at start_ms (Unix milliseconds).")
      .def("set_ms", &ManualClock::set_ms, py::arg("ms"))
      .def("advance_ms", &ManualClock::advance_ms, py::arg("ms"))
      .def("advance_seconds", &ManualClock::advance_seconds, py::arg("seconds"))
      .def("__repr__", [](const ManualClock& c) {
        return "ManualClock(start_ms=" + std::to_string(c.now_ms()) + ")";
      });

  m.def("format_timestamp", &format_timestamp, py::arg("unix_ms"),
        "ISO-8601 UTC with milliseconds and a Z suffix, as in every API timestamp.");
}

}  // namespace aligncv::python
