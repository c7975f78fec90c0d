// Documents without an engine: parse_bytes() reads and parses a résumé in memory, with no data
// folder or database. The GIL is released while the engine extracts and parses.
#include <pybind11/pybind11.h>
#include <aligncv/engine.hpp>

#include <string>

#include "bytes_view.hpp"
#include "json_caster.hpp"

namespace py = pybind11;

namespace aligncv::python {

void init_documents(py::module_& m) {
  m.def(
      "parse_bytes",
      [](py::handle data, const std::string& file_name) {
        BytesView bytes(data);
        Json result;
        {
          py::gil_scoped_release release;
          result = to_json(parse_document(file_name, bytes.view()));
        }
        return result;
      },
      py::arg("data"), py::arg("file_name"),
      "Extracts and parses a document; the type comes from the content and must agree with "
      "file_name's extension. Returns {file_type, text, skills, roles, entities, profile, "
      "sections}.");
}

}  // namespace aligncv::python
