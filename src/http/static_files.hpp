#pragma once
// The built web app, held in memory: content types, ETags, gzip variants, long cache for hashed assets,
// and index.html for app routes.
#include <optional>
#include <string>
#include <unordered_map>

#include "http/message.hpp"

namespace zp::http {

class StaticFiles {
 public:
  explicit StaticFiles(const std::string& root);  // loads every file below root; empty root = none
  // Answers GET/HEAD for a non-API path; nullopt when there is no such file and no index.html.
  std::optional<Response> serve(const Request& req) const;
  std::size_t size() const { return files_.size(); }

 private:
  struct File {
    std::string body, gzip, etag, type;
    bool immutable = false;
  };
  std::unordered_map<std::string, File> files_;
};

}  // namespace zp::http
