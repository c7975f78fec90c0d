// Options, Principal and Engine. Every Engine operation releases the GIL for the C++ call; JSON
// arguments are converted before (and results after) that, while the GIL is held.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <aligncv/engine.hpp>
#include <aligncv/options.hpp>

#include <memory>
#include <set>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "bytes_view.hpp"
#include "json_caster.hpp"

namespace py = pybind11;

namespace aligncv::python {
namespace {

using release_gil = py::call_guard<py::gil_scoped_release>;

// ---- Options from keyword arguments ---------------------------------------------------------
// Types are checked strictly (True is not a port, "8000" is not an int): the message names the fix.
// Ranges and formats are checked by Options::validate() in core, not here.

std::string type_name(py::handle v) { return Py_TYPE(v.ptr())->tp_name; }

template <typename T>
T convert(py::handle v);

template <>
std::string convert<std::string>(py::handle v) {
  if (PyUnicode_Check(v.ptr())) return v.cast<std::string>();
  if (py::hasattr(v, "__fspath__")) {
    py::object path = py::module_::import("os").attr("fspath")(v);
    if (PyUnicode_Check(path.ptr())) return path.cast<std::string>();
  }
  throw py::type_error("expected str, got " + type_name(v));
}

template <>
bool convert<bool>(py::handle v) {
  if (!PyBool_Check(v.ptr())) throw py::type_error("expected bool, got " + type_name(v));
  return v.ptr() == Py_True;
}

template <>
int convert<int>(py::handle v) {
  if (!PyLong_Check(v.ptr()) || PyBool_Check(v.ptr())) {
    throw py::type_error("expected int, got " + type_name(v));
  }
  return v.cast<int>();  // raises on overflow
}

template <>
uint32_t convert<uint32_t>(py::handle v) {
  if (!PyLong_Check(v.ptr()) || PyBool_Check(v.ptr())) {
    throw py::type_error("expected int, got " + type_name(v));
  }
  long long x = v.cast<long long>();
  if (x < 0 || x > static_cast<long long>(UINT32_MAX)) {
    throw py::value_error("expected an int in 0.." + std::to_string(UINT32_MAX) + ", got " +
                          std::to_string(x));
  }
  return static_cast<uint32_t>(x);
}

template <>
std::vector<std::string> convert<std::vector<std::string>>(py::handle v) {
  if (!PyList_Check(v.ptr()) && !PyTuple_Check(v.ptr())) {
    throw py::type_error("expected a list of str, got " + type_name(v));
  }
  std::vector<std::string> out;
  for (py::handle item : py::reinterpret_borrow<py::sequence>(v)) {
    if (!PyUnicode_Check(item.ptr())) {
      throw py::type_error("expected a list of str, got an item of type " + type_name(item));
    }
    out.push_back(item.cast<std::string>());
  }
  return out;
}

template <>
std::optional<std::string> convert<std::optional<std::string>>(py::handle v) {
  if (v.is_none()) return std::nullopt;
  return convert<std::string>(v);
}

template <>
std::shared_ptr<Clock> convert<std::shared_ptr<Clock>>(py::handle v) {
  if (v.is_none()) return system_clock();
  if (!py::isinstance<Clock>(v)) {
    throw py::type_error("expected an aligncv.Clock (e.g. ManualClock()), got " + type_name(v));
  }
  return v.cast<std::shared_ptr<Clock>>();
}

py::object to_python(const std::string& v) { return py::str(v); }
py::object to_python(int v) { return py::int_(v); }
py::object to_python(uint32_t v) { return py::int_(v); }
py::object to_python(bool v) { return py::bool_(v); }
py::object to_python(const std::vector<std::string>& v) { return py::cast(v); }
py::object to_python(const std::optional<std::string>& v) {
  return v ? py::object(py::str(*v)) : py::object(py::none());
}
py::object to_python(const std::shared_ptr<Clock>& v) { return py::cast(v); }

template <auto Member>
void set_field(Options& o, py::handle v) {
  using T = std::decay_t<decltype(o.*Member)>;
  o.*Member = convert<T>(v);
}
template <auto Member>
py::object get_field(const Options& o) {
  return to_python(o.*Member);
}
template <auto Outer, auto Inner>
void set_nested(Options& o, py::handle v) {
  auto& sub = o.*Outer;
  using T = std::decay_t<decltype(sub.*Inner)>;
  sub.*Inner = convert<T>(v);
}
template <auto Outer, auto Inner>
py::object get_nested(const Options& o) {
  return to_python((o.*Outer).*Inner);
}

struct OptionField {
  const char* name;
  void (*set)(Options&, py::handle);
  py::object (*get)(const Options&);
  bool secret;  // redacted in repr()
};

// clang-format off
#define ALIGNCV_FIELD(name) \
  OptionField { #name, &set_field<&Options::name>, &get_field<&Options::name>, false }
#define ALIGNCV_SECRET(name) \
  OptionField { #name, &set_field<&Options::name>, &get_field<&Options::name>, true }
#define ALIGNCV_NESTED(py_name, outer, type, inner) \
  OptionField { py_name, &set_nested<&Options::outer, &type::inner>, \
                &get_nested<&Options::outer, &type::inner>, false }
// clang-format on

// Every field of options.hpp, in its order. Nested structs are flattened with the prefix of their
// environment variables (ARGON2_MEMORY_KIB -> argon2_memory_kib).
const std::vector<OptionField>& option_fields() {
  static const std::vector<OptionField> fields = {
      ALIGNCV_FIELD(data_dir),
      ALIGNCV_FIELD(database_url),
      ALIGNCV_FIELD(host),
      ALIGNCV_FIELD(port),
      ALIGNCV_FIELD(http_threads),
      ALIGNCV_FIELD(public_url),
      ALIGNCV_FIELD(environment),
      ALIGNCV_SECRET(jwt_secret_key),
      ALIGNCV_FIELD(jwt_algorithm),
      ALIGNCV_FIELD(access_token_minutes),
      ALIGNCV_FIELD(refresh_token_days),
      ALIGNCV_NESTED("argon2_memory_kib", argon2, Argon2Params, memory_kib),
      ALIGNCV_NESTED("argon2_iterations", argon2, Argon2Params, iterations),
      ALIGNCV_NESTED("argon2_parallelism", argon2, Argon2Params, parallelism),
      ALIGNCV_FIELD(admin_emails),
      ALIGNCV_FIELD(google_client_id),
      ALIGNCV_FIELD(google_jwks_url),
      ALIGNCV_FIELD(llm_base_url),
      ALIGNCV_SECRET(llm_api_key),
      ALIGNCV_FIELD(llm_model),
      ALIGNCV_FIELD(llm_timeout_seconds),
      ALIGNCV_FIELD(embeddings_base_url),
      ALIGNCV_SECRET(embeddings_api_key),
      ALIGNCV_FIELD(embeddings_model),
      ALIGNCV_FIELD(smtp_url),
      ALIGNCV_FIELD(smtp_user),
      ALIGNCV_SECRET(smtp_password),
      ALIGNCV_FIELD(smtp_from),
      ALIGNCV_FIELD(smtp_max_attempts),
      ALIGNCV_FIELD(digest_hour),
      ALIGNCV_FIELD(max_file_size_mb),
      ALIGNCV_FIELD(max_import_size_mb),
      ALIGNCV_FIELD(cors_origins),
      ALIGNCV_FIELD(trusted_proxies),
      ALIGNCV_NESTED("rate_limit_login_failures_per_account", rate_limits, RateLimits,
                     login_failures_per_account),
      ALIGNCV_NESTED("rate_limit_login_failures_per_ip", rate_limits, RateLimits,
                     login_failures_per_ip),
      ALIGNCV_NESTED("rate_limit_login_delay_after", rate_limits, RateLimits, login_delay_after),
      ALIGNCV_NESTED("rate_limit_login_max_delay_seconds", rate_limits, RateLimits,
                     login_max_delay_seconds),
      ALIGNCV_NESTED("rate_limit_uploads_per_hour", rate_limits, RateLimits, uploads_per_hour),
      ALIGNCV_NESTED("rate_limit_rewrites_per_hour", rate_limits, RateLimits, rewrites_per_hour),
      ALIGNCV_FIELD(metrics_enabled),
      ALIGNCV_FIELD(demo_jobs),
      ALIGNCV_FIELD(log_level),
      ALIGNCV_FIELD(log_file),
      ALIGNCV_FIELD(log_to_console),
      ALIGNCV_FIELD(clock),
  };
  return fields;
}

#undef ALIGNCV_FIELD
#undef ALIGNCV_SECRET
#undef ALIGNCV_NESTED

const OptionField* find_field(const std::string& name) {
  for (const OptionField& f : option_fields()) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

void apply_options(Options& o, const py::kwargs& kwargs) {
  for (auto [key, value] : kwargs) {
    std::string name = py::str(key);
    const OptionField* field = find_field(name);
    if (field == nullptr) {
      throw py::type_error("unknown option '" + name +
                           "'; see aligncv.Options.field_names() for the valid ones");
    }
    try {
      field->set(o, value);
    } catch (py::type_error& e) {
      throw py::type_error("option '" + name + "': " + e.what());
    } catch (py::value_error& e) {
      throw py::value_error("option '" + name + "': " + e.what());
    } catch (py::cast_error& e) {
      throw py::value_error("option '" + name + "': " + e.what());
    }
  }
}

py::dict options_to_dict(const Options& o) {
  py::dict d;
  for (const OptionField& f : option_fields()) d[f.name] = f.get(o);
  return d;
}

std::string options_repr(const Options& o) {
  std::string out = "Options(";
  bool first = true;
  for (const OptionField& f : option_fields()) {
    if (!first) out += ", ";
    first = false;
    py::object value = f.get(o);
    bool redact = f.secret && !value.is_none() && !py::str(value).cast<std::string>().empty();
    out += std::string(f.name) + "=" + (redact ? "'***'" : py::repr(value).cast<std::string>());
  }
  return out + ")";
}

void init_options(py::module_& m) {
  py::class_<Options> cls(m, "Options",
                          "Configuration of an Engine (api-v2.md section 8). Keyword arguments "
                          "set fields; unset fields keep the defaults of options.hpp.");
  cls.def(py::init([](const py::kwargs& kwargs) {
       Options o;
       apply_options(o, kwargs);
       return o;
     }))
      .def(
          "update", [](Options& o, const py::kwargs& kwargs) { apply_options(o, kwargs); },
          "Sets the named fields.")
      .def_static("from_env", &Options::from_env,
                  "Reads ./.env (if present), then the environment, which wins.")
      .def_static("from_map", &Options::from_map, py::arg("variables"),
                  "Like from_env() from an explicit {VARIABLE: value} mapping.")
      .def_static(
          "field_names",
          [] {
            py::list names;
            for (const OptionField& f : option_fields()) names.append(f.name);
            return names;
          },
          "Names of every option, in the order of options.hpp.")
      .def("validate", &Options::validate, "Raises InvalidArgumentError naming a bad setting.")
      .def("to_dict", &options_to_dict, "Every field as {name: value} (secrets included).")
      .def("sqlite_path", &Options::sqlite_path)
      .def("effective_public_url", &Options::effective_public_url)
      .def("effective_http_threads", &Options::effective_http_threads)
      .def("__copy__", [](const Options& o) { return Options(o); })
      .def("__repr__", &options_repr);
  for (const OptionField& f : option_fields()) {
    auto get = f.get;
    auto set = f.set;
    std::string name = f.name;
    cls.def_property(
        f.name, [get](const Options& o) { return get(o); },
        [set, name](Options& o, py::handle v) {
          py::kwargs kw;
          kw[py::str(name)] = v;
          apply_options(o, kw);
        });
  }
}

// ---- Principal and Engine -------------------------------------------------------------------

ClientInfo client(const std::string& ip, const std::string& request_id) {
  return ClientInfo{ip, request_id};
}

void init_principal(py::module_& m) {
  py::class_<Principal>(m, "Principal",
                        "An authenticated caller, from Engine.authenticate(access_token).")
      .def_readonly("user_id", &Principal::user_id)
      .def_readonly("email", &Principal::email)
      .def_readonly("session_id", &Principal::session_id, "The token family (sid).")
      .def_readonly("token_id", &Principal::token_id, "The access token's jti.")
      .def_readonly("token_expires_at", &Principal::token_expires_at, "Unix seconds.")
      .def_readonly("is_admin", &Principal::is_admin)
      .def("__repr__", [](const Principal& p) {
        return "Principal(user_id='" + p.user_id + "', email='" + p.email +
               "', is_admin=" + (p.is_admin ? "True" : "False") + ")";
      });
}

void init_engine_class(py::module_& m) {
  py::class_<Engine>(m, "Engine",
                     "The product's operations. Thread-safe; every call releases the GIL.")
      .def_static(
          "open", [](const Options& options) { return Engine::open(options); }, py::arg("options"),
          release_gil())
      .def_property_readonly(
          "options", [](const Engine& e) { return e.options(); },
          "A copy of the options the engine was opened with.")

      // Accounts and tokens.
      .def(
          "signup",
          [](Engine& e, const Json& body, const std::string& ip, const std::string& rid) {
            return to_json(e.signup(body, client(ip, rid)));
          },
          py::arg("body"), py::arg("client_ip") = "", py::arg("request_id") = "", release_gil())
      .def(
          "login",
          [](Engine& e, const Json& body, const std::string& ip, const std::string& rid) {
            return to_json(e.login(body, client(ip, rid)));
          },
          py::arg("body"), py::arg("client_ip") = "", py::arg("request_id") = "", release_gil())
      .def(
          "google_sign_in",
          [](Engine& e, const Json& body, const std::string& ip, const std::string& rid) {
            return to_json(e.google_sign_in(body, client(ip, rid)));
          },
          py::arg("body"), py::arg("client_ip") = "", py::arg("request_id") = "", release_gil())
      .def(
          "refresh", [](Engine& e, const Json& body) { return to_json(e.refresh(body)); },
          py::arg("body"), release_gil())
      .def(
          "logout", [](Engine& e, const Principal& me, const Json& body) { e.logout(me, body); },
          py::arg("principal"), py::arg("body") = Json::object(), release_gil())
      .def(
          "authenticate",
          [](const Engine& e, const std::string& token) { return e.authenticate(token); },
          py::arg("access_token"), release_gil())
      .def(
          "authenticate_header",
          [](const Engine& e, const std::string& header) { return e.authenticate_header(header); },
          py::arg("authorization"), release_gil())
      .def(
          "me", [](Engine& e, const Principal& me) { return to_json(e.me(me)); },
          py::arg("principal"), release_gil())
      .def(
          "update_profile",
          [](Engine& e, const Principal& me, const Json& patch) {
            return to_json(e.update_profile(me, patch));
          },
          py::arg("principal"), py::arg("patch"), release_gil())
      .def(
          "change_password",
          [](Engine& e, const Principal& me, const Json& body, const std::string& ip,
             const std::string& rid) { e.change_password(me, body, client(ip, rid)); },
          py::arg("principal"), py::arg("body"), py::arg("client_ip") = "",
          py::arg("request_id") = "", release_gil())
      .def(
          "preferences", [](Engine& e, const Principal& me) { return to_json(e.preferences(me)); },
          py::arg("principal"), release_gil())
      .def(
          "update_preferences",
          [](Engine& e, const Principal& me, const Json& patch) {
            return to_json(e.update_preferences(me, patch));
          },
          py::arg("principal"), py::arg("patch"), release_gil())
      .def(
          "export_data", [](Engine& e, const Principal& me) { return e.export_data(me); },
          py::arg("principal"), release_gil())
      .def(
          "delete_account", [](Engine& e, const Principal& me) { e.delete_account(me); },
          py::arg("principal"), release_gil())

      // Documents. The upload reads the caller's buffer in place; the original file comes back
      // as (bytes, mime_type, file_name).
      .def(
          "upload_document",
          [](Engine& e, const Principal& me, const std::string& file_name, py::handle data) {
            BytesView bytes(data);
            Json result;
            {
              py::gil_scoped_release release;
              result = to_upload_json(e.upload_document(me, file_name, bytes.view()));
            }
            return result;
          },
          py::arg("principal"), py::arg("file_name"), py::arg("data"))
      .def(
          "documents",
          [](Engine& e, const Principal& me, const Json& query) {
            return to_json(e.documents(me, query));
          },
          py::arg("principal"), py::arg("query") = Json::object(), release_gil())
      .def(
          "document",
          [](Engine& e, const Principal& me, const std::string& id) {
            return to_json(e.document(me, id));
          },
          py::arg("principal"), py::arg("document_id"), release_gil())
      .def(
          "document_file",
          [](Engine& e, const Principal& me, const std::string& id) {
            DocumentFile file;
            {
              py::gil_scoped_release release;
              file = e.document_file(me, id);
            }
            return py::make_tuple(py::bytes(file.bytes), file.mime_type, file.file_name);
          },
          py::arg("principal"), py::arg("document_id"))
      .def(
          "document_json_resume",
          [](Engine& e, const Principal& me, const std::string& id) {
            return e.document_json_resume(me, id);
          },
          py::arg("principal"), py::arg("document_id"), release_gil())
      .def(
          "delete_document",
          [](Engine& e, const Principal& me, const std::string& id) { e.delete_document(me, id); },
          py::arg("principal"), py::arg("document_id"), release_gil())

      // Notification settings.
      .def(
          "notification_settings",
          [](Engine& e, const Principal& me) {
            return notify::to_json(e.notification_settings(me));
          },
          py::arg("principal"), release_gil())
      .def(
          "update_notification_settings",
          [](Engine& e, const Principal& me, const Json& patch) {
            return notify::to_json(e.update_notification_settings(me, patch));
          },
          py::arg("principal"), py::arg("patch"), release_gil())

      // Administration.
      .def(
          "create_user",
          [](Engine& e, const std::string& email, const std::string& name,
             const std::string& password) { return to_json(e.create_user(email, name, password)); },
          py::arg("email"), py::arg("name"), py::arg("password"), release_gil())
      .def(
          "promote_admin",
          [](Engine& e, const std::string& email) { return to_json(e.promote_admin(email)); },
          py::arg("email"), release_gil())

      // Meta.
      .def(
          "health", [](Engine& e) { return to_json(e.health()); }, release_gil())
      .def(
          "api_info", [](const Engine& e) { return e.api_info(); }, release_gil());
}

}  // namespace

void init_engine(py::module_& m) {
  init_options(m);
  init_principal(m);
  init_engine_class(m);
}

}  // namespace aligncv::python
