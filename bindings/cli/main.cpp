// The `aligncv` command line: serve, user administration. Translates arguments to Engine calls.
#include <aligncv/aligncv.hpp>
#include <aligncv/http/server.hpp>

#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace {

constexpr const char* kUsage = R"(Usage: aligncv <command> [options]

Commands:
  serve                      run the HTTP server (/v2 API)
  user create EMAIL          create an account
  user promote-admin EMAIL   give an account admin rights

Options:
  -h, --help                 show help (also after any command)
  --version                  print the version

Configuration comes from the environment and ./.env (see docs/configuration.md);
command options override it.
)";

constexpr const char* kServeUsage = R"(Usage: aligncv serve [--host HOST] [--port PORT] [--data-dir DIR]

Runs the HTTP server until interrupted (Ctrl-C or SIGTERM); in-flight requests finish.
  --host HOST       listen address (default 127.0.0.1, or $HOST)
  --port PORT       listen port (default 8000, or $PORT; 0 picks a free port)
  --data-dir DIR    data folder (default ./aligncv-data, or $ALIGNCV_DATA_DIR)
)";

constexpr const char* kUserUsage = R"(Usage: aligncv user create EMAIL [--name NAME] [--password-stdin] [--data-dir DIR]
       aligncv user promote-admin EMAIL [--data-dir DIR]

  create          creates an account; the password is read from standard input with
                  --password-stdin, otherwise asked for twice on the terminal
  promote-admin   gives the account admin rights (job imports, metrics)
  --name NAME     display name (default: the part of EMAIL before the @)
  --data-dir DIR  data folder (default ./aligncv-data, or $ALIGNCV_DATA_DIR)
)";

struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::string> values;  // --key VALUE
  std::vector<std::string> flags;             // --flag
  bool has_flag(const std::string& f) const {
    return std::find(flags.begin(), flags.end(), f) != flags.end();
  }
};

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Options taking a value; everything else starting with '-' is a flag.
const std::vector<std::string> kValueOptions = {"--host", "--port", "--data-dir", "--name"};
const std::vector<std::string> kFlags = {"--help", "-h", "--version", "--password-stdin"};

Args parse_args(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    std::string value;
    bool inline_value = false;
    if (a.rfind("--", 0) == 0 && a.find('=') != std::string::npos) {
      value = a.substr(a.find('=') + 1);
      a = a.substr(0, a.find('='));
      inline_value = true;
    }
    if (std::find(kValueOptions.begin(), kValueOptions.end(), a) != kValueOptions.end()) {
      if (!inline_value) {
        if (i + 1 >= argc) throw UsageError("option " + a + " needs a value");
        value = argv[++i];
      }
      args.values[a] = value;
    } else if (std::find(kFlags.begin(), kFlags.end(), a) != kFlags.end()) {
      args.flags.push_back(a == "-h" ? "--help" : a);
    } else if (!a.empty() && a[0] == '-') {
      throw UsageError("unknown option " + a);
    } else {
      args.positional.push_back(a);
    }
  }
  return args;
}

aligncv::Options options_from(const Args& args) {
  aligncv::Options options = aligncv::Options::from_env();
  if (auto it = args.values.find("--host"); it != args.values.end()) options.host = it->second;
  if (auto it = args.values.find("--port"); it != args.values.end()) {
    try {
      std::size_t used = 0;
      options.port = std::stoi(it->second, &used);
      if (used != it->second.size() || options.port < 0 || options.port > 65535) throw std::out_of_range("");
    } catch (const std::exception&) {
      throw UsageError("--port must be a number from 0 to 65535");
    }
  }
  if (auto it = args.values.find("--data-dir"); it != args.values.end()) options.data_dir = it->second;
  return options;
}

std::string read_password_from_terminal(const char* prompt) {
  std::cerr << prompt << std::flush;
  termios old{};
  bool tty = tcgetattr(STDIN_FILENO, &old) == 0;
  if (tty) {
    termios silent = old;
    silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &silent);
  }
  std::string line;
  std::getline(std::cin, line);
  if (tty) tcsetattr(STDIN_FILENO, TCSANOW, &old);
  std::cerr << "\n";
  return line;
}

int cmd_serve(const Args& args) {
  if (args.has_flag("--help")) {
    std::cout << kServeUsage;
    return 0;
  }
  if (args.positional.size() > 1) throw UsageError("serve takes no arguments");
  return aligncv::http::serve(options_from(args));
}

int cmd_user(const Args& args) {
  if (args.has_flag("--help") || args.positional.size() < 2) {
    std::cout << kUserUsage;
    return args.has_flag("--help") ? 0 : 2;
  }
  const std::string& action = args.positional[1];
  if (args.positional.size() != 3) throw UsageError("user " + action + " takes exactly one EMAIL");
  const std::string& email = args.positional[2];
  aligncv::Options options = options_from(args);
  options.log_to_console = false;
  if (action == "create") {
    std::string name = args.values.count("--name") ? args.values.at("--name") : email.substr(0, email.find('@'));
    std::string password;
    if (args.has_flag("--password-stdin")) {
      std::getline(std::cin, password);
      if (!password.empty() && password.back() == '\r') password.pop_back();
    } else {
      if (!isatty(STDIN_FILENO)) throw UsageError("no terminal to ask for a password: use --password-stdin");
      password = read_password_from_terminal("Password: ");
      if (read_password_from_terminal("Repeat password: ") != password) {
        throw UsageError("the passwords do not match");
      }
    }
    auto engine = aligncv::Engine::open(options);
    auto user = engine->create_user(email, name, password);
    std::cout << "Created user " << user.email << " (id " << user.id << ")\n";
    return 0;
  }
  if (action == "promote-admin") {
    auto engine = aligncv::Engine::open(options);
    auto user = engine->promote_admin(email);
    std::cout << user.email << " is now an admin\n";
    return 0;
  }
  throw UsageError("unknown user command '" + action + "'");
}

void print_validation(const aligncv::Error& e) {
  for (const auto& issue : e.issues()) {
    std::string field = issue.loc.size() > 1 ? issue.loc.back().dump() : "request";
    if (issue.loc.size() > 1 && issue.loc.back().is_string()) field = issue.loc.back().get<std::string>();
    std::cerr << "aligncv: " << field << ": " << issue.msg << "\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  try {
    Args args = parse_args(argc, argv);
    if (args.has_flag("--version") && args.positional.empty()) {
      std::cout << "aligncv " << aligncv::kVersion << "\n";
      return 0;
    }
    if (args.positional.empty()) {
      std::cout << kUsage;
      return args.has_flag("--help") ? 0 : 2;
    }
    const std::string& command = args.positional[0];
    if (command == "serve") return cmd_serve(args);
    if (command == "user") return cmd_user(args);
    if (command == "help") {
      std::cout << kUsage;
      return 0;
    }
    throw UsageError("unknown command '" + command + "'");
  } catch (const UsageError& e) {
    std::cerr << "aligncv: " << e.what() << "\nRun 'aligncv --help' for usage.\n";
    return 2;
  } catch (const aligncv::Error& e) {
    if (e.code() == aligncv::ErrorCode::Validation) {
      print_validation(e);
    } else {
      std::cerr << "aligncv: " << e.detail() << "\n";
    }
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "aligncv: unexpected error: " << e.what() << "\n";
    return 1;
  }
}
