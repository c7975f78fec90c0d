// The `aligncv` command line: serve, parse, match, rewrite, tailor, import-jobs, user
// administration. Translates
// arguments to Engine calls.
#include <aligncv/aligncv.hpp>
#include <aligncv/http/server.hpp>

#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr const char* kUsage = R"(Usage: aligncv <command> [options]

Commands:
  serve                      run the HTTP server (/v2 API)
  parse FILE [--json]        parse a résumé (PDF, DOCX, TXT, MD) and print what was found
  match RESUME_FILE          rank job postings for a résumé (the demo catalogue, or --jobs FILE)
  rewrite FILE --style S     rewrite a résumé's bullets in a style (local engine)
  tailor FILE --job JD.txt   tailor a résumé to a job description (local engine)
  import-jobs FILE           import job postings (JSON, JSON Lines, CSV) into the data folder
  user create EMAIL          create an account
  user promote-admin EMAIL   give an account admin rights
  notify run-due             queue due digests and deliver due e-mail (for cron)
  notify send-test EMAIL     send a test e-mail now

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

constexpr const char* kParseUsage = R"(Usage: aligncv parse FILE [--json]

Reads a résumé (.pdf, .docx, .txt, .md or .markdown) and prints what the parser found: name,
headline, contact details, sections, work history with dates, education and skills. Nothing is
stored and no data folder is needed. The type comes from the content and must agree with the
file's extension.
  --json    print the whole result as JSON (file_type, text, skills, roles, entities, profile,
            sections) instead of the summary
)";

constexpr const char* kMatchUsage = R"(Usage: aligncv match RESUME_FILE [--jobs FILE] [--top N] [--json]

Reads a résumé (.pdf, .docx, .txt, .md or .markdown) and ranks job postings for it, best first:
rank, fit percentage, title, company and location, a one-line explanation, and the matched and
missing skills. Nothing is stored and no data folder is needed.
  --jobs FILE   the postings to rank (.json, .jsonl, .ndjson or .csv, the formats of import-jobs);
                default: the bundled demo catalogue
  --top N       how many to show (default 10)
  --json        print the match results as a JSON array instead
)";

constexpr const char* kRewriteUsage = R"(Usage: aligncv rewrite FILE --style STYLE [--json]

Reads a résumé (.pdf, .docx, .txt, .md or .markdown) and rewrites its bullets with the local
engine: action verbs suited to the style, weak openers, first person and filler removed; figures
are proposed as suggestions only, never invented. Prints the rewritten text, the impact score
before and after, the changes made and the suggestions. Nothing is stored, no data folder is
needed and no LLM is called.
  --style STYLE   Technical, Management, Creative, Sales, Academic or Executive
                  (case-insensitive)
  --json          print the whole result as JSON (the body of POST /v2/rewrite/ without
                  version_id and resume_id)
)";

constexpr const char* kTailorUsage = R"(Usage: aligncv tailor FILE --job JD_FILE [--level LEVEL] [--json]

Reads a résumé (.pdf, .docx, .txt, .md or .markdown) and tailors it to the job description in
JD_FILE (plain UTF-8 text, 50..20,000 characters) with the local engine. Missing skills are
suggested, never inserted. Prints the tailored text, the match score before and after, the
requirements with the résumé line that shows each, the changes made and what to improve first.
Nothing is stored, no data folder is needed and no LLM is called.
  --job JD_FILE   the job description
  --level LEVEL   conservative, moderate (default) or aggressive
  --json          print the whole result as JSON (the body of POST /v2/rewrite/tailor-to-job
                  without version_id)
)";

constexpr const char* kImportUsage = R"(Usage: aligncv import-jobs FILE [--format json|jsonl|csv] [--data-dir DIR]

Imports job postings into the data folder's database, as POST /v2/jobs/import does for an admin:
a JSON array of records (or one record), JSON Lines, or CSV with a header row (the CSV that
JobSpy writes is understood). A posting whose job id is already stored is updated. Records that
cannot be read are listed with their line and the import goes on. Prints a progress bar on
standard error when it is a terminal, then "N new, M updated, K rejected".
  --format FMT    json, jsonl or csv (default: from the file's extension: .json, .jsonl,
                  .ndjson, .csv)
  --data-dir DIR  data folder (default ./aligncv-data, or $ALIGNCV_DATA_DIR)
)";

constexpr const char* kUserUsage = R"(Usage: aligncv user create EMAIL [--name NAME] [--password-stdin] [--data-dir DIR]
       aligncv user promote-admin EMAIL [--data-dir DIR]

  create          creates an account; the password is read from standard input with
                  --password-stdin, otherwise asked for twice on the terminal
  promote-admin   gives the account admin rights (job imports, metrics)
  --name NAME     display name (default: the part of EMAIL before the @)
  --data-dir DIR  data folder (default ./aligncv-data, or $ALIGNCV_DATA_DIR)
)";

constexpr const char* kNotifyUsage = R"(Usage: aligncv notify run-due [--now TIME] [--data-dir DIR]
       aligncv notify send-test EMAIL [--data-dir DIR]

  run-due     queues the digests and weekly summaries that are due (each user's DIGEST_HOUR in
              their time zone) and delivers every due message of the e-mail outbox over SMTP,
              retrying failed ones on their schedule; prints what it did. `aligncv serve` does
              the same every 30 seconds; this command is for cron or a separate worker.
  send-test   queues a test e-mail to EMAIL (with a test notification when it is an account's
              address) and delivers it at once; exit status 1 when it could not be delivered.
  --now TIME      act as if it were TIME: Unix milliseconds or YYYY-MM-DDTHH:MM[:SS]Z (default: now)
  --data-dir DIR  data folder (default ./aligncv-data, or $ALIGNCV_DATA_DIR)

E-mail needs SMTP_URL (and usually SMTP_FROM, SMTP_USER, SMTP_PASSWORD) in the environment.
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

// A command that could not do its work (exit status 1), e.g. an unreadable file.
class Failure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Options taking a value; everything else starting with '-' is a flag.
const std::vector<std::string> kValueOptions = {"--host", "--port", "--data-dir", "--name",
                                                "--jobs", "--top",  "--format", "--style",
                                                "--job",  "--level", "--now"};
const std::vector<std::string> kFlags = {"--help", "-h", "--version", "--password-stdin", "--json"};

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

// ---- parse ---------------------------------------------------------------------------------

std::string read_file(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) throw Failure("cannot read " + path + ": " + std::strerror(errno));
  std::string bytes;
  char buffer[1 << 16];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) bytes.append(buffer, n);
  const bool failed = std::ferror(file) != 0;
  const int error = errno;
  std::fclose(file);
  if (failed) throw Failure("cannot read " + path + ": " + std::strerror(error));
  return bytes;
}

std::string base_name(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::size_t code_points(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string join(const std::vector<std::string>& items, const char* separator = ", ") {
  std::string out;
  for (const std::string& item : items) {
    if (item.empty()) continue;
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

// "2021-03 - present", "2012-10 - 2016-09", "2019", or "" when the document gives no dates.
std::string date_range(const std::optional<std::string>& start,
                       const std::optional<std::string>& end) {
  if (!start && !end) return "";
  if (!start) return "until " + *end;
  return *start + " - " + (end ? *end : "present");
}

void print_field(const char* label, const std::string& value) {
  if (!value.empty()) std::cout << label << value << "\n";
}

void print_summary(const std::string& path, const aligncv::ParsedDocument& parsed) {
  const aligncv::text::Document& doc = parsed.document;
  const aligncv::resume::ParseResult& result = parsed.result;
  const aligncv::resume::Profile& profile = result.profile;
  const aligncv::resume::Basics& basics = profile.basics;

  std::cout << "File:        " << base_name(path) << " ("
            << aligncv::text::file_type_name(doc.type);
  if (doc.pages > 0) std::cout << ", " << doc.pages << (doc.pages == 1 ? " page" : " pages");
  std::cout << ", " << code_points(doc.text) << " characters)\n";
  std::cout << "Name:        " << basics.name.value_or("(not found)") << "\n";
  std::cout << "Label:       " << basics.label.value_or("(not found)") << "\n";
  print_field("Email:       ", basics.email.value_or(""));
  print_field("Phone:       ", basics.phone.value_or(""));
  print_field("Website:     ", basics.url.value_or(""));
  print_field("Location:    ",
              join({basics.location.city.value_or(""), basics.location.region.value_or(""),
                    basics.location.countryCode.value_or("")}));
  for (const auto& link : basics.profiles) {
    std::cout << "Profile:     " << link.network
              << (link.username.empty() ? "" : " " + link.username)
              << (link.url.empty() ? "" : " <" + link.url + ">") << "\n";
  }
  if (profile.experience_months > 0) {
    std::cout << "Experience:  " << profile.experience_months << " months ("
              << profile.experience_months / 12 << " y " << profile.experience_months % 12
              << " m)\n";
  }

  std::cout << "\nSections (" << result.sections.size() << "):\n";
  for (const auto& section : result.sections) {
    std::cout << "  " << section.name
              << std::string(section.name.size() < 15 ? 15 - section.name.size() : 1, ' ')
              << "lines " << section.start_line << "-" << section.end_line;
    if (section.heading) std::cout << "  \"" << *section.heading << "\"";
    std::cout << "\n";
  }

  std::cout << "\nWork (" << profile.work.size() << "):\n";
  for (const auto& job : profile.work) {
    std::cout << "  " << join({job.position, job.name})
              << (job.location ? " (" + *job.location + ")" : "");
    const std::string dates = date_range(job.startDate, job.endDate);
    if (!dates.empty()) std::cout << "  " << dates;
    std::cout << "\n";
    for (const std::string& highlight : job.highlights) std::cout << "    - " << highlight << "\n";
  }

  std::cout << "\nEducation (" << profile.education.size() << "):\n";
  for (const auto& school : profile.education) {
    std::cout << "  "
              << join({join({school.studyType.value_or(""), school.area.value_or("")}, " "),
                       school.institution});
    const std::string dates = date_range(school.startDate, school.endDate);
    if (!dates.empty()) std::cout << "  " << dates;
    if (school.score) std::cout << "  (" << *school.score << ")";
    std::cout << "\n";
  }

  std::cout << "\nSkills (" << result.skills.size() << "): " << join(result.skills) << "\n";
  for (const auto& group : profile.skills) {
    std::cout << "  " << group.name << ": " << join(group.keywords) << "\n";
  }
  print_field("Roles:       ", join(result.roles));
  std::vector<std::string> languages;
  for (const auto& language : profile.languages) {
    languages.push_back(language.language +
                        (language.fluency ? " (" + *language.fluency + ")" : ""));
  }
  print_field("Languages:   ", join(languages));
  std::vector<std::string> certificates;
  for (const auto& certificate : profile.certificates) certificates.push_back(certificate.name);
  print_field("Certificates: ", join(certificates, "; "));
  std::vector<std::string> projects;
  for (const auto& project : profile.projects) projects.push_back(project.name);
  print_field("Projects:    ", join(projects, "; "));
}

int cmd_parse(const Args& args) {
  if (args.has_flag("--help")) {
    std::cout << kParseUsage;
    return 0;
  }
  if (args.positional.size() != 2) throw UsageError("parse takes exactly one FILE");
  const std::string& path = args.positional[1];
  const std::string bytes = read_file(path);
  const aligncv::ParsedDocument parsed = aligncv::parse_document(base_name(path), bytes);
  if (args.has_flag("--json")) {
    std::cout << aligncv::to_json(parsed).dump(2, ' ', false,
                                               aligncv::Json::error_handler_t::replace)
              << "\n";
  } else {
    print_summary(path, parsed);
  }
  return 0;
}

// ---- jobs: shared ----------------------------------------------------------------------------

namespace match = aligncv::match;

std::string dump(const aligncv::Json& json, int indent = -1) {
  return json.dump(indent, ' ', false, aligncv::Json::error_handler_t::replace);
}

// The import format of FILE: --format when given (which must name one), else its extension.
match::ImportFormat import_format_of(const Args& args, const std::string& path) {
  if (auto it = args.values.find("--format"); it != args.values.end()) {
    const auto format = match::import_format(it->second, "", "");
    if (!format) throw UsageError("--format must be json, jsonl or csv");
    return *format;
  }
  const auto format = match::import_format("", "", base_name(path));
  if (!format) {
    throw UsageError("cannot tell the format of " + base_name(path) +
                     " from its extension (.json, .jsonl, .ndjson, .csv): use --format");
  }
  return *format;
}

const char* format_name(match::ImportFormat format) {
  switch (format) {
    case match::ImportFormat::Json:
      return "json";
    case match::ImportFormat::JsonLines:
      return "jsonl";
    case match::ImportFormat::Csv:
      return "csv";
  }
  return "json";
}

// ---- match -----------------------------------------------------------------------------------

std::size_t parse_top(const Args& args) {
  auto it = args.values.find("--top");
  if (it == args.values.end()) return 10;
  try {
    std::size_t used = 0;
    const long value = std::stol(it->second, &used);
    if (used != it->second.size() || value < 1) throw std::out_of_range("");
    return static_cast<std::size_t>(value);
  } catch (const std::exception&) {
    throw UsageError("--top must be a whole number of at least 1");
  }
}

// The postings of a --jobs file; records that cannot be read are reported and skipped.
std::vector<match::Job> read_jobs(const Args& args, const std::string& path) {
  const match::ImportFormat format = import_format_of(args, path);
  const std::string bytes = read_file(path);
  match::ImportBatch batch =
      match::parse_import(bytes, format, aligncv::taxonomy::Taxonomy::builtin());
  for (const match::ImportReject& reject : batch.rejected) {
    std::cerr << "aligncv: " << base_name(path) << " line " << reject.line << ": " << reject.detail
              << " (skipped)\n";
  }
  std::vector<match::Job> jobs;
  jobs.reserve(batch.records.size());
  for (match::ImportRecord& record : batch.records) jobs.push_back(std::move(record.job));
  return jobs;
}

std::string list_or_none(const aligncv::Json& items) {
  std::vector<std::string> names;
  for (const auto& item : items) {
    if (item.is_string()) names.push_back(item.get<std::string>());
  }
  return names.empty() ? "(none)" : join(names);
}

void print_hits(const std::vector<match::Hit>& hits) {
  if (hits.empty()) {
    std::cout << "No matching jobs.\n";
    return;
  }
  const int width = static_cast<int>(std::to_string(hits.size()).size());
  for (std::size_t i = 0; i < hits.size(); ++i) {
    const match::Hit& hit = hits[i];
    // The display values (fit percentage, skill lists) come from the library's JSON, so the CLI
    // shows exactly what the API returns.
    const aligncv::Json json = match::to_json(hit);
    const std::string rank = std::to_string(i + 1);
    const std::string indent(static_cast<std::size_t>(width) + 2, ' ');
    std::cout << std::string(static_cast<std::size_t>(width) - rank.size(), ' ') << rank << ". "
              << json.value("fit_percentage", 0) << "%  " << hit.job->title << " \u2014 "
              << hit.job->company;
    if (hit.job->location && !hit.job->location->empty()) std::cout << ", " << *hit.job->location;
    std::cout << "\n";
    if (!hit.summary.empty()) std::cout << indent << "   " << hit.summary << "\n";
    std::cout << indent << "   matched: "
              << list_or_none(json.value("matched_skills", aligncv::Json::array())) << "\n";
    std::cout << indent << "   missing: "
              << list_or_none(json.value("gap_skills", aligncv::Json::array())) << "\n";
  }
}

int cmd_match(const Args& args) {
  if (args.has_flag("--help")) {
    std::cout << kMatchUsage;
    return 0;
  }
  if (args.positional.size() != 2) throw UsageError("match takes exactly one RESUME_FILE");
  const std::size_t top = parse_top(args);
  const std::string& path = args.positional[1];
  const std::string bytes = read_file(path);
  std::vector<match::Job> jobs;
  if (auto it = args.values.find("--jobs"); it != args.values.end()) {
    jobs = read_jobs(args, it->second);
    if (jobs.empty()) throw Failure("no job postings could be read from " + it->second);
  } else if (args.values.count("--format")) {
    throw UsageError("--format applies to --jobs FILE");
  }
  const std::vector<match::Hit> hits = aligncv::match_document(base_name(path), bytes, jobs, top);
  if (args.has_flag("--json")) {
    aligncv::Json out = aligncv::Json::array();
    for (const match::Hit& hit : hits) out.push_back(match::to_json(hit));
    std::cout << dump(out, 2) << "\n";
  } else {
    print_hits(hits);
  }
  return 0;
}

// ---- rewrite and tailor ----------------------------------------------------------------------

void print_list(const char* title, const std::vector<std::string>& items) {
  if (items.empty()) return;
  std::cout << "\n" << title << ":\n";
  for (const std::string& item : items) std::cout << "  - " << item << "\n";
}

int cmd_rewrite(const Args& args) {
  if (args.has_flag("--help")) {
    std::cout << kRewriteUsage;
    return 0;
  }
  if (args.positional.size() != 2) throw UsageError("rewrite takes exactly one FILE");
  auto style = args.values.find("--style");
  if (style == args.values.end()) throw UsageError("rewrite needs --style STYLE");
  const std::string& path = args.positional[1];
  const std::string bytes = read_file(path);
  const aligncv::rewrite::RewriteResult result =
      aligncv::rewrite_document(base_name(path), bytes, style->second);
  if (args.has_flag("--json")) {
    std::cout << dump(aligncv::rewrite::to_json(result), 2) << "\n";
    return 0;
  }
  std::cout << result.rewritten_text;
  if (!result.rewritten_text.empty() && result.rewritten_text.back() != '\n') std::cout << "\n";
  std::cout << "\nStyle: " << aligncv::rewrite::style_name(result.style) << "   Impact score: "
            << result.impact_score_before << " -> " << result.impact_score << "\n";
  print_list("Changes", result.improvements);
  print_list("Suggestions", result.suggestions);
  return 0;
}

int cmd_tailor(const Args& args) {
  if (args.has_flag("--help")) {
    std::cout << kTailorUsage;
    return 0;
  }
  if (args.positional.size() != 2) throw UsageError("tailor takes exactly one FILE");
  auto job = args.values.find("--job");
  if (job == args.values.end()) throw UsageError("tailor needs --job JD_FILE");
  auto level = args.values.find("--level");
  const std::string& path = args.positional[1];
  const std::string bytes = read_file(path);
  const std::string description = read_file(job->second);
  const aligncv::rewrite::TailorResult result = aligncv::tailor_document(
      base_name(path), bytes, description, level == args.values.end() ? "moderate" : level->second);
  if (args.has_flag("--json")) {
    std::cout << dump(aligncv::rewrite::to_json(result), 2) << "\n";
    return 0;
  }
  std::cout << result.tailored_resume;
  if (!result.tailored_resume.empty() && result.tailored_resume.back() != '\n') std::cout << "\n";
  std::cout << "\nLevel: " << aligncv::rewrite::level_name(result.level) << "   Match score: "
            << result.match_score_before << " -> " << result.match_score << "\n";
  if (!result.requirements.empty()) {
    std::cout << "\nRequirements:\n";
    for (const auto& r : result.requirements) {
      std::cout << "  " << (r.line ? "[x] " : "[ ] ") << r.requirement << (r.required ? "" : " (preferred)");
      if (r.line) std::cout << "  line " << *r.line << ": " << r.text.value_or("");
      std::cout << "\n";
    }
  }
  print_list("Missing skills (not added)", result.missing_skills);
  print_list("Changes", result.changes_made);
  print_list("Improve first", result.priority_improvements);
  print_list("Keywords to consider", result.keyword_suggestions);
  return 0;
}

// ---- import-jobs -------------------------------------------------------------------------------

// A progress bar on standard error, drawn only when it is a terminal.
class ProgressBar {
 public:
  explicit ProgressBar(std::size_t total) : total_(total), shown_(isatty(STDERR_FILENO) != 0) {}
  ~ProgressBar() { finish(); }
  void update(std::size_t done) {
    if (!shown_ || total_ == 0) return;
    constexpr std::size_t kWidth = 30;
    const std::size_t filled = std::min(kWidth, done * kWidth / total_);
    const int percent = static_cast<int>(std::min<std::size_t>(100, done * 100 / total_));
    std::cerr << "\r[" << std::string(filled, '#') << std::string(kWidth - filled, '.') << "] "
              << percent << "%  " << done << "/" << total_ << " records" << std::flush;
    drawn_ = true;
  }
  void finish() {
    if (drawn_) std::cerr << "\n" << std::flush;
    drawn_ = false;
  }

 private:
  std::size_t total_;
  bool shown_;
  bool drawn_ = false;
};

int cmd_import_jobs(const Args& args) {
  if (args.has_flag("--help")) {
    std::cout << kImportUsage;
    return 0;
  }
  if (args.positional.size() != 2) throw UsageError("import-jobs takes exactly one FILE");
  const std::string& path = args.positional[1];
  const match::ImportFormat format = import_format_of(args, path);
  const std::string bytes = read_file(path);
  aligncv::Options options = options_from(args);
  options.log_to_console = false;
  auto engine = aligncv::Engine::open(options);

  // The command acts for whoever runs it on the data folder: an admin without an account.
  aligncv::Principal system;
  system.is_admin = true;

  std::optional<ProgressBar> bar;
  const aligncv::ImportSummary total = engine->import_jobs(
      system, bytes, format_name(format), "", base_name(path), [&](std::size_t saved, std::size_t records) {
        if (!bar) bar.emplace(records);
        bar->update(saved);
      });
  if (bar) bar->finish();

  std::cout << total.new_jobs << " new, " << total.updated_jobs << " updated, "
            << total.rejected.size() << " rejected\n";
  for (const match::ImportReject& reject : total.rejected) {
    std::cout << "  line " << reject.line << ": " << reject.detail << "\n";
  }
  return 0;
}

// ---- user ----------------------------------------------------------------------------------

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

// ---- notify ----------------------------------------------------------------------------------

int64_t parse_now(const std::string& text) {
  if (!text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::stoll(text);
  }
  std::tm tm{};
  int seconds = 0;
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                  &tm.tm_min, &consumed) != 5) {
    throw UsageError("--now must be Unix milliseconds or YYYY-MM-DDTHH:MM[:SS]Z");
  }
  std::string rest = text.substr(static_cast<std::size_t>(consumed));
  if (rest.size() >= 3 && rest[0] == ':') {
    seconds = std::atoi(rest.substr(1, 2).c_str());
    rest = rest.substr(3);
  }
  if (rest != "Z") throw UsageError("--now must be Unix milliseconds or YYYY-MM-DDTHH:MM[:SS]Z");
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  tm.tm_sec = seconds;
  return static_cast<int64_t>(timegm(&tm)) * 1000;
}

void print_run(const aligncv::NotificationRunReport& report) {
  std::cout << report.digests << " digests queued, " << report.sent << " sent, " << report.retried
            << " to retry, " << report.dead << " dead\n";
}

int cmd_notify(const Args& args) {
  if (args.has_flag("--help") || args.positional.size() < 2) {
    std::cout << kNotifyUsage;
    return args.has_flag("--help") ? 0 : 2;
  }
  const std::string& action = args.positional[1];
  aligncv::Options options = options_from(args);
  options.log_to_console = false;
  if (action == "run-due") {
    if (args.positional.size() != 2) throw UsageError("notify run-due takes no arguments");
    std::optional<int64_t> now;
    if (auto it = args.values.find("--now"); it != args.values.end()) now = parse_now(it->second);
    auto engine = aligncv::Engine::open(options);
    const auto report = engine->run_due_notifications(now);
    if (!report.smtp_configured) {
      std::cout << "SMTP_URL is not set: no e-mail to send\n";
      return 0;
    }
    print_run(report);
    return 0;
  }
  if (action == "send-test") {
    if (args.positional.size() != 3) throw UsageError("notify send-test takes exactly one EMAIL");
    auto engine = aligncv::Engine::open(options);
    const auto queued = engine->send_test_email(args.positional[2]);
    const auto report = engine->run_due_notifications();
    print_run(report);
    if (report.sent == 0) {
      throw Failure("the test e-mail to " + queued.email + " was not delivered; it stays queued and is retried");
    }
    std::cout << "Test e-mail sent to " << queued.email << "\n";
    return 0;
  }
  throw UsageError("unknown notify command '" + action + "'");
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
    if (command == "parse") return cmd_parse(args);
    if (command == "match") return cmd_match(args);
    if (command == "rewrite") return cmd_rewrite(args);
    if (command == "tailor") return cmd_tailor(args);
    if (command == "import-jobs") return cmd_import_jobs(args);
    if (command == "user") return cmd_user(args);
    if (command == "notify") return cmd_notify(args);
    if (command == "help") {
      std::cout << kUsage;
      return 0;
    }
    throw UsageError("unknown command '" + command + "'");
  } catch (const UsageError& e) {
    std::cerr << "aligncv: " << e.what() << "\nRun 'aligncv --help' for usage.\n";
    return 2;
  } catch (const Failure& e) {
    std::cerr << "aligncv: " << e.what() << "\n";
    return 1;
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
