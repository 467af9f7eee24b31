#include "http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/crypto.hpp"

namespace zp::http {

namespace {
std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string type_of(const std::string& ext) {
  static const std::unordered_map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"},  {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"}, {".svg", "image/svg+xml"},
      {".png", "image/png"}, {".jpg", "image/jpeg"}, {".jpeg", "image/jpeg"}, {".gif", "image/gif"},
      {".ico", "image/x-icon"}, {".woff", "font/woff"}, {".woff2", "font/woff2"}, {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"}, {".map", "application/json; charset=utf-8"},
      {".webmanifest", "application/manifest+json"}};
  const auto it = types.find(ext);
  return it == types.end() ? "application/octet-stream" : it->second;
}

bool accepts_gzip(std::string_view accept) {
  // Good enough for real browsers: "gzip" listed and not explicitly q=0.
  const auto p = accept.find("gzip");
  if (p == std::string_view::npos) return false;
  const auto rest = accept.substr(p + 4, 6);
  return rest.rfind(";q=0", 0) != 0 || rest.rfind(";q=0.", 0) == 0;
}
// If-None-Match: "*" or a comma-separated list of tags, weak ones (W/) compared weakly.
bool etag_matches(std::string_view header, std::string_view etag) {
  if (header.empty()) return false;
  std::size_t pos = 0;
  while (pos < header.size()) {
    std::size_t end = header.find(',', pos);
    if (end == std::string_view::npos) end = header.size();
    std::string_view tag = header.substr(pos, end - pos);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (tag.rfind("W/", 0) == 0) tag.remove_prefix(2);
    if (tag == "*" || tag == etag) return true;
    pos = end + 1;
  }
  return false;
}
}  // namespace

StaticFiles::StaticFiles(const std::string& root) {
  namespace fs = std::filesystem;
  if (root.empty() || !fs::is_directory(root)) return;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    const auto& p = entry.path();
    if (p.extension() == ".gz") continue;
    File f;
    f.body = read_file(p);
    f.type = type_of(p.extension().string());
    f.etag = "\"" + crypto::sha256_hex(f.body).substr(0, 32) + "\"";
    const fs::path gz = p.string() + ".gz";
    if (fs::exists(gz)) f.gzip = read_file(gz);
    const std::string rel = "/" + fs::relative(p, root).generic_string();
    f.immutable = rel.rfind("/assets/", 0) == 0;  // Vite puts content-hashed files there
    files_.emplace(rel, std::move(f));
  }
}

std::optional<Response> StaticFiles::serve(const Request& req) const {
  auto it = files_.find(req.path);
  bool fallback = false;
  if (it == files_.end()) {
    // App routes (no file extension in the last segment) get index.html; missing assets get 404.
    const auto last = req.path.substr(req.path.find_last_of('/') + 1);
    if (last.find('.') != std::string::npos) return std::nullopt;
    it = files_.find("/index.html");
    if (it == files_.end()) return std::nullopt;
    fallback = true;
  }
  const File& f = it->second;
  Response r;
  r.content_type = f.type;
  r.head_only = req.method == "HEAD";
  r.set_header("Cache-Control", f.immutable && !fallback ? "public, max-age=31536000, immutable" : "no-cache");
  if (!f.gzip.empty()) r.set_header("Vary", "Accept-Encoding");
  const bool gzip = !f.gzip.empty() && accepts_gzip(req.header("accept-encoding"));
  // Each representation has its own tag, so a cache never pairs a gzip body with a plain one.
  const std::string etag = gzip ? f.etag.substr(0, f.etag.size() - 1) + "-gz\"" : f.etag;
  r.set_header("ETag", etag);
  if (etag_matches(req.header("if-none-match"), etag)) {
    r.status = 304;
    r.content_type.clear();
    return r;
  }
  if (gzip) {
    r.set_header("Content-Encoding", "gzip");
    r.body = f.gzip;
  } else {
    r.body = f.body;
  }
  return r;
}

}  // namespace zp::http
