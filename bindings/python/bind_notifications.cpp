// Notifications (api-v2.md §6): the Engine's notification operations, added to the Engine class
// bound in bind_engine.cpp. Every call releases the GIL for the C++ work (SMTP included).
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <aligncv/engine.hpp>

#include <optional>
#include <string>

#include "json_caster.hpp"

namespace py = pybind11;

namespace aligncv::python {

using release_gil = py::call_guard<py::gil_scoped_release>;

void init_notifications(py::module_& m) {
  auto engine = py::reinterpret_borrow<py::class_<Engine>>(m.attr("Engine"));
  engine
      .def(
          "notifications",
          [](Engine& e, const Principal& me, const Json& query) { return to_json(e.notifications(me, query)); },
          py::arg("principal"), py::arg("query") = Json::object(), release_gil(),
          "{total, unread, notifications: [...]}.")
      .def(
          "mark_notification_read",
          [](Engine& e, const Principal& me, const std::string& id) { e.mark_notification_read(me, id); },
          py::arg("principal"), py::arg("id"), release_gil())
      .def(
          "mark_all_notifications_read",
          [](Engine& e, const Principal& me) { return e.mark_all_notifications_read(me); },
          py::arg("principal"), release_gil(), "Returns how many were unread.")
      .def(
          "delete_notification",
          [](Engine& e, const Principal& me, const std::string& id) { e.delete_notification(me, id); },
          py::arg("principal"), py::arg("id"), release_gil())
      .def(
          "test_notification",
          [](Engine& e, const Principal& me) { return to_json(e.test_notification(me)); },
          py::arg("principal"), release_gil())
      .def(
          "send_test_email", [](Engine& e, const std::string& email) { return to_json(e.send_test_email(email)); },
          py::arg("email"), release_gil())
      .def(
          "unsubscribe_token", [](Engine& e, const std::string& user_id) { return e.unsubscribe_token(user_id); },
          py::arg("user_id"), release_gil())
      .def(
          "unsubscribe", [](Engine& e, const std::string& token) { e.unsubscribe(token); }, py::arg("token"),
          release_gil())
      .def(
          "run_due_notifications",
          [](Engine& e, std::optional<int64_t> now_ms) { return to_json(e.run_due_notifications(now_ms)); },
          py::arg("now_ms") = py::none(), release_gil(),
          "{smtp_configured, digests, sent, retried, dead}.")
      .def(
          "outbox_counts", [](Engine& e) { return e.outbox_counts(); }, release_gil());
}

}  // namespace aligncv::python
