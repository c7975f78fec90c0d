// Jobs (api-v2.md §4): the Engine's job operations, added to the Engine class bound in
// bind_engine.cpp, and the functions that need no engine (score_texts, demo_jobs). Every call
// releases the GIL for the C++ work; JSON is converted while the GIL is held.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <aligncv/engine.hpp>
#include <aligncv/match.hpp>

#include <string>
#include <utility>
#include <vector>

#include "bytes_view.hpp"
#include "json_caster.hpp"

namespace py = pybind11;

namespace aligncv::python {
namespace {

using release_gil = py::call_guard<py::gil_scoped_release>;

void init_engine_jobs(py::module_& m) {
  // The class registered by init_engine; methods are added to it here.
  auto engine = py::reinterpret_borrow<py::class_<Engine>>(m.attr("Engine"));
  engine
      .def(
          "import_jobs",
          [](Engine& e, const Principal& me, py::handle data, const std::string& format,
             const std::string& content_type, const std::string& file_name) {
            BytesView bytes(data);
            Json result;
            {
              py::gil_scoped_release release;
              result = to_json(e.import_jobs(me, bytes.view(), format, content_type, file_name));
            }
            return result;
          },
          py::arg("principal"), py::arg("data"), py::arg("format") = "",
          py::arg("content_type") = "", py::arg("file_name") = "",
          "Imports postings (admin only); returns {total, new_jobs, updated_jobs, rejected}.")
      .def(
          "ingest_demo_jobs",
          [](Engine& e, const Principal& me) { return to_ingest_json(e.ingest_demo_jobs(me)); },
          py::arg("principal"), release_gil(),
          "(Re)loads the demo catalogue (admin only); returns {total_ingested, new_jobs, "
          "updated_jobs, embeddings_created}.")
      .def(
          "jobs",
          [](Engine& e, const Principal& me, const Json& query) {
            const JobPage page = e.jobs(me, query);
            // The HTTP face sends the total as X-Total-Count; here it travels with the list.
            return Json{{"jobs", to_json(page)}, {"total", page.total}};
          },
          py::arg("principal"), py::arg("query") = Json::object(), release_gil(),
          "{jobs: [Job, ...], total: n}.")
      .def(
          "job_stats", [](Engine& e, const Principal& me) { return e.job_stats(me); },
          py::arg("principal"), release_gil())
      .def(
          "job",
          [](Engine& e, const Principal& me, const std::string& job_id) {
            return to_json(e.job(me, job_id));
          },
          py::arg("principal"), py::arg("job_id"), release_gil())
      .def(
          "match_jobs",
          [](Engine& e, const Principal& me, const Json& body) {
            return to_json(e.match_jobs(me, body));
          },
          py::arg("principal"), py::arg("body"), release_gil())
      .def(
          "match_jobs_query",
          [](Engine& e, const Principal& me, const Json& query) {
            return to_json(e.match_jobs_query(me, query));
          },
          py::arg("principal"), py::arg("query") = Json::object(), release_gil())
      .def(
          "score_resume",
          [](Engine& e, const Principal& me, const Json& body) { return e.score_resume(me, body); },
          py::arg("principal"), py::arg("body"), release_gil())

      // Bookmarks.
      .def(
          "add_bookmark",
          [](Engine& e, const Principal& me, const Json& body) { return e.add_bookmark(me, body); },
          py::arg("principal"), py::arg("body"), release_gil(), "Returns the bookmark id.")
      .def(
          "bookmarks", [](Engine& e, const Principal& me) { return to_json(e.bookmarks(me)); },
          py::arg("principal"), release_gil())
      .def(
          "remove_bookmark",
          [](Engine& e, const Principal& me, const std::string& id) { e.remove_bookmark(me, id); },
          py::arg("principal"), py::arg("id"), release_gil())

      // Applications.
      .def(
          "apply",
          [](Engine& e, const Principal& me, const Json& body) {
            bool created = false;
            Application application = e.apply(me, body, &created);
            return std::make_pair(to_json(application), created);
          },
          py::arg("principal"), py::arg("body"), release_gil(), "Returns (application, created).")
      .def(
          "applications",
          [](Engine& e, const Principal& me) { return to_json(e.applications(me)); },
          py::arg("principal"), release_gil())
      .def(
          "update_application",
          [](Engine& e, const Principal& me, const std::string& id, const Json& body,
             bool partial) { return to_json(e.update_application(me, id, body, partial)); },
          py::arg("principal"), py::arg("id"), py::arg("body"), py::arg("partial") = true,
          release_gil())
      .def(
          "delete_application",
          [](Engine& e, const Principal& me, const std::string& id) {
            e.delete_application(me, id);
          },
          py::arg("principal"), py::arg("id"), release_gil());
}

}  // namespace

void init_jobs(py::module_& m) {
  init_engine_jobs(m);

  m.def(
      "score_texts",
      [](const std::string& resume_text, const std::string& job_description) {
        return match::to_json(score_texts(resume_text, job_description));
      },
      py::arg("resume_text"), py::arg("job_description"), release_gil(),
      "ATS report of a résumé text against a job description, with no database.");
  m.def(
      "demo_jobs",
      [] {
        Json jobs = Json::array();
        for (const match::Job& job : demo_jobs()) jobs.push_back(match::to_json(job));
        return jobs;
      },
      release_gil(), "The bundled demo catalogue, as Job objects.");
}

}  // namespace aligncv::python
