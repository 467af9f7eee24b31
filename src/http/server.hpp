#pragma once
// HTTP/1.1 server: io threads for the network, a worker pool for handlers, keep-alive, limits and timeouts,
// graceful shutdown on SIGTERM/SIGINT (stop accepting, finish in-flight requests, exit).
#include <functional>
#include <memory>
#include <string>

namespace zp::http {

class Pipeline;
class Metrics;

struct ServerSettings {
  std::string listen = "127.0.0.1:8080";
  int io_threads = 2;
  int worker_threads = 32;
  int header_timeout_s = 15;   // slow clients: the whole header must arrive in this time
  int body_timeout_s = 120;    // the whole body
  int idle_timeout_s = 30;     // keep-alive wait for the next request
  int write_timeout_s = 60;
  std::string upload_dir = "var/data/tmp";  // uploads are streamed here, then moved into the blob store
};

class Server {
 public:
  Server(ServerSettings settings, Pipeline& pipeline, Metrics& metrics);
  ~Server();
  // Binds, then calls on_ready(actual address) and serves until a signal or stop(). Returns after the drain.
  void run(const std::function<void(const std::string&)>& on_ready);
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace zp::http
