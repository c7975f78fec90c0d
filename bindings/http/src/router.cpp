#include "router.hpp"

#include <array>
#include <stdexcept>

namespace aligncv::http {

struct PathNode {
  std::map<std::string, std::unique_ptr<PathNode>, std::less<>> literals;
  std::unique_ptr<PathNode> param;  // at most one parameter child per level
  std::string param_name;
  std::string pattern;                               // canonical pattern of this node
  std::array<const Route*, kMethodCount> methods{};  // by Method
  std::string allow;                                 // precomputed Allow header value
  bool has_routes = false;
};

namespace {

constexpr std::array<const char*, kMethodCount> kMethodNames = {"GET",   "HEAD",   "POST",   "PUT",
                                                                "PATCH", "DELETE", "OPTIONS"};

bool is_param_segment(std::string_view s) {
  return s.size() > 2 && s.front() == '{' && s.back() == '}';
}

void rebuild_allow(PathNode& node) {
  std::string allow;
  auto append = [&allow](const char* name) {
    if (!allow.empty()) allow += ", ";
    allow += name;
  };
  const auto& m = node.methods;
  if (m[static_cast<int>(Method::Get)]) append("GET");
  if (m[static_cast<int>(Method::Get)] || m[static_cast<int>(Method::Head)]) append("HEAD");
  for (Method x : {Method::Post, Method::Put, Method::Patch, Method::Delete}) {
    if (m[static_cast<int>(x)]) append(method_name(x));
  }
  append("OPTIONS");
  node.allow = std::move(allow);
}

// Depth-first: a literal child first, then the parameter child, so a literal beats a parameter
// while a dead end under a literal still falls back to the parameter branch.
const PathNode* find(const PathNode& node, const std::vector<std::string_view>& segments,
                     std::size_t index, std::vector<std::string_view>& captured) {
  if (index == segments.size()) return node.has_routes ? &node : nullptr;
  std::string_view segment = segments[index];
  auto it = node.literals.find(segment);
  if (it != node.literals.end()) {
    if (const PathNode* hit = find(*it->second, segments, index + 1, captured)) return hit;
  }
  if (node.param && !segment.empty()) {
    captured.push_back(segment);
    if (const PathNode* hit = find(*node.param, segments, index + 1, captured)) return hit;
    captured.pop_back();
  }
  return nullptr;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<Method> parse_method(std::string_view name) {
  for (int i = 0; i < kMethodCount; ++i) {
    if (name == kMethodNames[i]) return static_cast<Method>(i);
  }
  return std::nullopt;
}

const char* method_name(Method method) { return kMethodNames[static_cast<int>(method)]; }

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segments;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  if (!path.empty() && path.back() == '/') path.remove_suffix(1);
  if (path.empty()) return segments;
  std::size_t start = 0;
  while (true) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) {
      segments.push_back(path.substr(start));
      break;
    }
    segments.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return segments;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      int hi = hex_value(text[i + 1]);
      int lo = hex_value(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

Router::Router() : root_(std::make_unique<PathNode>()) { root_->pattern = "/"; }

Router::~Router() = default;

Route& Router::add(Method method, std::string pattern, AuthKind auth, BodyKind body, RouteDoc doc,
                   Handler handler) {
  if (pattern.empty() || pattern.front() != '/') {
    throw std::logic_error("route pattern must start with '/': " + pattern);
  }
  if (method == Method::Head || method == Method::Options) {
    throw std::logic_error("HEAD and OPTIONS are derived, not registered: " + pattern);
  }
  auto segments = split_path(pattern);
  std::string canonical;
  std::vector<std::string> params;
  PathNode* node = root_.get();
  for (std::string_view segment : segments) {
    if (segment.empty()) throw std::logic_error("empty segment in route pattern: " + pattern);
    canonical += '/';
    canonical += segment;
    if (is_param_segment(segment)) {
      std::string name(segment.substr(1, segment.size() - 2));
      if (!node->param) {
        node->param = std::make_unique<PathNode>();
        node->param->param_name = name;
      } else if (node->param->param_name != name) {
        throw std::logic_error("conflicting parameter names at " + canonical);
      }
      params.push_back(std::move(name));
      node = node->param.get();
    } else {
      auto& child = node->literals[std::string(segment)];
      if (!child) child = std::make_unique<PathNode>();
      node = child.get();
    }
    node->pattern = canonical;
  }
  if (canonical.empty()) canonical = "/";
  auto& slot = node->methods[static_cast<int>(method)];
  if (slot)
    throw std::logic_error("duplicate route " + std::string(method_name(method)) + " " + canonical);

  auto route = std::make_unique<Route>();
  route->id = static_cast<int>(routes_.size());
  route->method = method;
  route->pattern = canonical;
  route->auth = auth;
  route->body = body;
  route->doc = std::move(doc);
  route->handler = std::move(handler);
  route->param_names = std::move(params);
  slot = route.get();
  node->has_routes = true;
  rebuild_allow(*node);
  routes_.push_back(std::move(route));
  return *routes_.back();
}

Router::Match Router::match(Method method, std::string_view path) const {
  Match result;
  auto segments = split_path(path);
  std::vector<std::string_view> captured;
  const PathNode* node = find(*root_, segments, 0, captured);
  if (!node) return result;
  result.node = node;
  Method lookup = method == Method::Head ? Method::Get : method;
  if (method == Method::Options) return result;
  const Route* route = node->methods[static_cast<int>(lookup)];
  if (!route) return result;
  result.route = route;
  result.params.reserve(captured.size());
  for (std::size_t i = 0; i < captured.size() && i < route->param_names.size(); ++i) {
    result.params.emplace_back(route->param_names[i], percent_decode(captured[i]));
  }
  return result;
}

std::string Router::allow_header(const PathNode& node) { return node.allow; }

const std::string& Router::pattern_of(const PathNode& node) { return node.pattern; }

}  // namespace aligncv::http
