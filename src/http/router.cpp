#include "http/router.hpp"

#include <algorithm>
#include <stdexcept>

namespace zp::http {

namespace {
std::vector<std::string> split(std::string_view path) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= path.size()) {
    std::size_t end = path.find('/', pos);
    if (end == std::string_view::npos) end = path.size();
    if (end > pos) out.emplace_back(path.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

bool segments_match(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
                    std::map<std::string, std::string>* params) {
  if (pattern.size() != path.size()) return false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const auto& p = pattern[i];
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
      if (params) (*params)[p.substr(1, p.size() - 2)] = path[i];
    } else if (p != path[i]) {
      return false;
    }
  }
  return true;
}
}  // namespace

void Router::add(Route r) {
  r.segments = split(r.pattern);
  for (const auto& existing : routes_)
    if (existing.method == r.method && existing.pattern == r.pattern)
      throw std::logic_error("route registered twice: " + r.method + " " + r.pattern);
  routes_.push_back(std::move(r));
}

Match Router::match(std::string_view method, std::string_view path) const {
  const auto parts = split(path);
  Match m;
  // Literal segments win over parameters: try routes with fewer parameters first.
  const Route* best = nullptr;
  int best_params = 1 << 20;
  for (const auto& r : routes_) {
    if (!segments_match(r.segments, parts, nullptr)) continue;
    const bool method_ok = r.method == method || (method == "HEAD" && r.method == "GET");
    if (!method_ok) {
      if (std::find(m.allowed.begin(), m.allowed.end(), r.method) == m.allowed.end()) m.allowed.push_back(r.method);
      continue;
    }
    const int params = static_cast<int>(std::count_if(r.segments.begin(), r.segments.end(),
                                                        [](const std::string& s) { return !s.empty() && s[0] == '{'; }));
    if (params < best_params) best = &r, best_params = params;
  }
  if (best) {
    m.route = best;
    segments_match(best->segments, parts, &m.params);
    m.allowed.clear();
  }
  return m;
}

}  // namespace zp::http
