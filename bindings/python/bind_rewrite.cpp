// Rewrite (api-v2.md §5): the Engine's rewrite operations, added to the Engine class bound in
// bind_engine.cpp, and rewrite_text(), which needs no engine. Every call releases the GIL for the
// C++ work; JSON is converted while the GIL is held.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <aligncv/engine.hpp>
#include <aligncv/rewrite.hpp>

#include <string>

#include "json_caster.hpp"

namespace py = pybind11;

namespace aligncv::python {
namespace {

using release_gil = py::call_guard<py::gil_scoped_release>;

void init_engine_rewrite(py::module_& m) {
  auto engine = py::reinterpret_borrow<py::class_<Engine>>(m.attr("Engine"));
  engine
      .def(
          "rewrite", [](Engine& e, const Principal& me, const Json& body) { return e.rewrite(me, body); },
          py::arg("principal"), py::arg("body"), release_gil(),
          "POST /v2/rewrite/: body {resume_id, rewrite_style}.")
      .def(
          "tailor", [](Engine& e, const Principal& me, const Json& body) { return e.tailor(me, body); },
          py::arg("principal"), py::arg("body"), release_gil(),
          "POST /v2/rewrite/tailor-to-job: body {resume_id, job_description, tailoring_level}.")
      .def(
          "cover_letter",
          [](Engine& e, const Principal& me, const Json& body) { return e.cover_letter(me, body); },
          py::arg("principal"), py::arg("body"), release_gil(),
          "POST /v2/rewrite/cover-letter: body {resume_id, job_description | job_id, tone}.")
      .def(
          "linkedin", [](Engine& e, const Principal& me, const Json& body) { return e.linkedin(me, body); },
          py::arg("principal"), py::arg("body"), release_gil(),
          "POST /v2/rewrite/linkedin: body {resume_id, target_role}.")
      .def(
          "versions",
          [](Engine& e, const Principal& me, const std::string& doc_id) { return e.versions(me, doc_id); },
          py::arg("principal"), py::arg("doc_id"), release_gil())
      .def(
          "version",
          [](Engine& e, const Principal& me, const std::string& version_id) {
            return e.version(me, version_id);
          },
          py::arg("principal"), py::arg("version_id"), release_gil());
}

}  // namespace

void init_rewrite(py::module_& m) {
  init_engine_rewrite(m);
  m.def(
      "rewrite_text",
      [](const std::string& text, const std::string& style) {
        return rewrite::to_json(rewrite_text(text, style));
      },
      py::arg("text"), py::arg("style") = "Technical", release_gil(),
      "Rewrites a résumé text with the local engine, with no database.");
}

}  // namespace aligncv::python
