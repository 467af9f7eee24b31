#pragma once
// Plain request and response values, so that only server.cpp sees Boost.Beast.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace zp::http {

struct Request {
  std::string method;  // GET, POST, …
  std::string target;  // path and query as received
  std::string path;    // decoded path
  std::vector<std::pair<std::string, std::string>> query;    // decoded
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::string body;
  // Upload routes: the body, hashed while it arrived; kept in `memory` (`size` bytes, never zero-filled first),
  // or in the temporary `file` when it was larger than the server keeps in memory.
  struct Upload {
    std::string sha256;
    std::uint64_t size = 0;
    std::string file;
    std::unique_ptr<char[]> memory;
    std::string_view bytes() const { return memory ? std::string_view(memory.get(), size) : std::string_view(); }
  };
  std::optional<Upload> upload;
  std::string remote_ip;

  std::string_view header(std::string_view lower_name) const;
  std::optional<std::string> query_param(std::string_view name) const;
  std::string cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  bool head_only = false;  // HEAD: send the headers and length of `body`, not the body
  bool frame_same_origin = false;  // may be shown in a frame of this site (file previews); else never framed

  void set_header(std::string name, std::string value) { headers.emplace_back(std::move(name), std::move(value)); }
};

bool is_write_method(std::string_view method);

}  // namespace zp::http
