#include "http/server.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/url/parse.hpp>
#include <spdlog/spdlog.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

#include "core/crypto.hpp"
#include "core/deferred.hpp"
#include "core/error.hpp"
#include "core/thread_name.hpp"
#include "http/json.hpp"
#include "http/metrics.hpp"
#include "http/pipeline.hpp"

namespace zp::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {

struct Connection {
  explicit Connection(tcp::socket s) : stream(std::move(s)) {}
  beast::tcp_stream stream;
  bool idle = true;  // waiting for a request header; only touched on the connection's strand
};

std::pair<std::string, unsigned short> split_listen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) throw std::invalid_argument("--listen must be HOST:PORT");
  std::string host = listen.substr(0, colon);
  if (host.size() > 1 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  return {host, static_cast<unsigned short>(std::stoi(listen.substr(colon + 1)))};
}

// Fills our request's line and headers from Beast's; false when the target is not a valid origin-form URL.
template <class Fields>
bool convert_header(const bhttp::request_header<Fields>& in, const std::string& ip, Request& out) {
  out.method = std::string(in.method_string());
  out.target = std::string(in.target());
  auto parsed = boost::urls::parse_origin_form(out.target);
  if (!parsed) return false;
  out.path = std::string(parsed->path());
  if (out.path.empty()) out.path = "/";
  for (auto p : parsed->params()) out.query.emplace_back(std::string(p.key), std::string(p.value));
  for (const auto& f : in) {
    std::string name(f.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers.emplace_back(std::move(name), std::string(f.value()));
  }
  out.remote_ip = ip;
  return true;
}

bhttp::response<bhttp::string_body> to_beast(Response&& r, unsigned version, bool keep_alive) {
  bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(r.status), version};
  out.set(bhttp::field::server, "zhiping");
  if (!r.content_type.empty()) out.set(bhttp::field::content_type, r.content_type);
  for (auto& [k, v] : r.headers) out.insert(k, v);
  out.keep_alive(keep_alive);
  const auto length = r.body.size();
  if (r.head_only) {
    out.content_length(length);
  } else {
    out.body() = std::move(r.body);
    out.prepare_payload();
  }
  return out;
}

Response plain_error(int status, const char* code, const char* zh, const char* en) {
  Response r;
  r.status = status;
  r.body = error_body(AppError(status, code, zh, en));
  add_security_headers(r, true);
  return r;
}

// A handler's answer, and the waits it left for the server (writes committed but still being flushed).
struct Handled {
  Response response;
  std::vector<core::Await> waits;
};

// Calls `then` once the waits from `next` on have completed, with the first error or null, on the thread that
// completed the last (or this one, when none was left to wait for).
void after_waits(std::shared_ptr<std::vector<core::Await>> waits, std::size_t next, core::Completion then) {
  if (next == waits->size()) return then(nullptr);
  // The wait called lives in the vector, which the completion owns and may release on another thread before the
  // call returns: keep the vector until then.
  const auto calling = waits;
  (*calling)[next]([waits = std::move(waits), next, then = std::move(then)](std::exception_ptr error) mutable {
    if (error)
      then(error);
    else
      after_waits(std::move(waits), next + 1, std::move(then));
  });
}

// The answer to give once the handler's writes are durable: its own, or 503 when they could not be flushed.
Response answer_after(Response&& response, std::exception_ptr flush_error) {
  if (!flush_error) return std::move(response);
  try {
    std::rethrow_exception(flush_error);
  } catch (const std::exception& e) {
    spdlog::error("a committed write could not be flushed: {}", e.what());
  } catch (...) {
    spdlog::error("a committed write could not be flushed");
  }
  return plain_error(503, "storage_unavailable", "暂时无法保存，请稍后重试。", "The change cannot be saved right now; try again later.");
}

// Runs `work` on the worker pool and resumes the calling coroutine on its own executor with the result (or its
// exception). asio::co_spawn would not do here: a coroutine that never suspends is queued on the pool a second
// time before it answers, so at a deadline every request would wait behind the whole queue of workers twice.
// A handler's answer (Handled) resumes the coroutine only once its writes are durable: the thread that flushed
// them hands the answer over, so the connection's thread is woken once per request, not once for the answer and
// again for the flush.
template <class Work>
asio::awaitable<std::conditional_t<std::is_same_v<std::invoke_result_t<Work&>, Handled>, Response, std::invoke_result_t<Work&>>>
on_workers(asio::thread_pool& pool, Work work) {
  using Result = std::invoke_result_t<Work&>;
  using Answer = std::conditional_t<std::is_same_v<Result, Handled>, Response, Result>;
  auto job = std::make_shared<Work>(std::move(work));  // the initiation is copied along the way: share, not copy, the work
  return asio::async_initiate<decltype(asio::use_awaitable), void(std::exception_ptr, Answer)>(
      [&pool, job](auto handler) {
        auto back = asio::prefer(asio::get_associated_executor(handler), asio::execution::outstanding_work.tracked);
        asio::post(pool, [job, handler = std::move(handler), back = std::move(back)]() mutable {
          static thread_local const bool named = (core::name_this_thread("zp-worker"), true);
          (void)named;
          std::exception_ptr error;
          Result result{};
          try {
            result = (*job)();
          } catch (...) {
            error = std::current_exception();
          }
          if constexpr (std::is_same_v<Result, Handled>) {
            // The completion may run on another thread and must be copyable: the move-only handler is shared.
            using Handler = decltype(handler);
            using Back = decltype(back);
            struct Pending {
              Handler resume;
              Back on;
              Response response;
            };
            auto waits = std::make_shared<std::vector<core::Await>>(std::move(result.waits));
            auto pending = std::make_shared<Pending>(Pending{std::move(handler), std::move(back), std::move(result.response)});
            after_waits(std::move(waits), 0, [pending, error](std::exception_ptr flush_error) {
              asio::post(pending->on, [pending, error, flush_error]() mutable {
                std::move(pending->resume)(error, answer_after(std::move(pending->response), flush_error));
              });
            });
          } else {
            asio::post(back, [handler = std::move(handler), error, result = std::move(result)]() mutable {
              std::move(handler)(error, std::move(result));
            });
          }
        });
      },
      asio::use_awaitable);
}

// The work the server hands to the pool. Named types, not lambdas: GCC 12 mishandles by-value captures in
// lambdas written inside coroutines.
struct HandleRequest {
  Pipeline* pipeline;
  Request req;
  Handled operator()() const {
    core::DeferScope scope;
    Handled h{pipeline->handle(req), {}};
    h.waits = scope.take();
    return h;
  }
};
struct LookUpUploadLimit {
  const Pipeline* pipeline;
  std::string method, path;
  std::size_t ceiling;
  std::size_t operator()() const { return pipeline->upload_limit(method, path, ceiling); }
};

// Appends to an upload's temporary file, creating it on the first piece.
beast::error_code append_piece(const std::string& path, int& fd, const char* data, std::size_t n) {
  if (fd < 0) fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) return {errno, beast::system_category()};
  while (n > 0) {
    const auto written = ::write(fd, data, n);
    if (written < 0 && errno == EINTR) continue;
    if (written < 0) return {errno, beast::system_category()};
    data += written;
    n -= static_cast<std::size_t>(written);
  }
  return {};
}

struct AppendPiece {
  const std::string* path;
  int* fd;
  const char* data;
  std::size_t n;
  beast::error_code operator()() const { return append_piece(*path, *fd, data, n); }
};

void remove_file(const std::string& path) {
  if (path.empty()) return;
  std::error_code ec;
  std::filesystem::remove(path, ec);
}

Response too_large_response(std::size_t limit) {
  Response r;
  r.status = 413;
  r.body = error_body(too_large(limit));
  add_security_headers(r, true);
  return r;
}
}  // namespace

struct Server::Impl {
  Impl(ServerSettings s, Pipeline& p, Metrics& m)
      : settings(std::move(s)), pipeline(p), metrics(m), workers(static_cast<std::size_t>(settings.worker_threads)),
        control(asio::make_strand(ioc)), acceptor(control), signals(control, SIGINT, SIGTERM) {}

  ServerSettings settings;
  Pipeline& pipeline;
  Metrics& metrics;
  asio::io_context ioc;
  asio::thread_pool workers;
  // The acceptor and the signals are used from one strand: the accept loop and the shutdown's close of the
  // acceptor would otherwise run on two io threads at once (a crash when a connection arrived while stopping).
  asio::strand<asio::io_context::executor_type> control;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  std::atomic<bool> draining{false};
  std::mutex conns_mu;
  std::set<std::shared_ptr<Connection>> conns;

  void begin_shutdown() {
    if (draining.exchange(true)) return;
    spdlog::info("shutting down: no new connections; finishing requests in flight");
    asio::post(control, [this] {
      beast::error_code ec;
      acceptor.close(ec);
      signals.cancel(ec);
    });
    std::lock_guard lock(conns_mu);
    for (const auto& c : conns)
      asio::post(c->stream.get_executor(), [c] {
        if (c->idle) c->stream.socket().close();  // busy ones close after their response
      });
  }

  std::string temp_file_path() {
    // A random part too: several hosts may share the data folder, and containers reuse process ids.
    return settings.upload_dir + "/upload-" + std::to_string(::getpid()) + "-" + std::to_string(++upload_serial) + "-" +
           crypto::random_token(6);
  }
  std::atomic<std::uint64_t> upload_serial{0};

  // An upload's body is hashed as it arrives and kept in memory up to one piece, so a typical scan is checked
  // and stored without being read back. A larger body goes to a temporary file a piece at a time, written on a
  // worker: the network threads never wait for the disk, and the file gets few, large writes.
  static constexpr std::size_t kUploadPiece = 1024 * 1024;

  // False when the temporary file could not be written (ec says why); other errors come from reading.
  asio::awaitable<bool> read_upload(Connection& c, beast::flat_buffer& buffer, bhttp::request_parser<bhttp::buffer_body>& parser,
                                    Request::Upload& up, beast::error_code& ec) {
    bool stored = true;
    crypto::Sha256 hash;
    // With a Content-Length the body goes from the socket straight into the piece; Beast's parser would copy it
    // through its own buffer, 64 KiB at a time. A chunked body goes through the parser. The piece is allocated
    // without being zero-filled: clearing 200 KB of fresh memory per upload cost more than hashing it.
    const auto expected = parser.content_length();
    std::uint64_t remaining = expected.value_or(0);
    constexpr std::size_t kFirst = 64 * 1024;  // without a Content-Length, grow from here
    std::size_t capacity = expected ? std::min<std::uint64_t>(*expected, kUploadPiece) : kFirst;
    auto piece = std::make_unique_for_overwrite<char[]>(capacity);
    std::size_t filled = 0;
    int fd = -1;
    c.stream.expires_after(std::chrono::seconds(settings.body_timeout_s));
    while (!ec && (expected ? remaining > 0 : !parser.is_done())) {
      if (filled == capacity) {
        if (capacity < kUploadPiece) {
          const auto larger = std::clamp(capacity * 2, kFirst, kUploadPiece);
          auto grown = std::make_unique_for_overwrite<char[]>(larger);
          std::memcpy(grown.get(), piece.get(), filled);
          piece = std::move(grown);
          capacity = larger;
        } else {
          if (up.file.empty()) up.file = temp_file_path();
          auto appended = on_workers(workers, AppendPiece{&up.file, &fd, piece.get(), filled});
          ec = co_await std::move(appended);
          stored = !ec;
          filled = 0;
          continue;
        }
      }
      std::size_t n = 0;
      if (expected) {
        const auto into = asio::buffer(piece.get() + filled, std::min<std::uint64_t>(capacity - filled, remaining));
        if (buffer.size() > 0) {  // read together with the header
          n = asio::buffer_copy(into, buffer.data());
          buffer.consume(n);
        } else {
          n = co_await c.stream.async_read_some(into, asio::redirect_error(asio::use_awaitable, ec));
        }
        remaining -= n;
      } else {
        auto& body = parser.get().body();
        body.data = piece.get() + filled;
        body.size = capacity - filled;
        body.more = true;
        co_await bhttp::async_read_some(c.stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
        n = capacity - filled - body.size;
        if (ec == bhttp::error::need_buffer) ec = {};
      }
      hash.update({piece.get() + filled, n});
      filled += n;
      up.size += n;
    }
    if (!ec && fd >= 0 && filled > 0) {
      auto appended = on_workers(workers, AppendPiece{&up.file, &fd, piece.get(), filled});
      ec = co_await std::move(appended);
      stored = !ec;
    }
    if (fd >= 0) ::close(fd);
    if (ec) {
      if (!stored) spdlog::error("cannot store upload {}: {}", up.file, ec.message());
      remove_file(up.file);
      up.file.clear();
      co_return stored;
    }
    if (up.file.empty()) up.memory = std::move(piece);
    up.sha256 = hash.hex();
    co_return true;
  }

  asio::awaitable<void> write(Connection& c, Response&& r, unsigned version, bool keep_alive, beast::error_code& ec) {
    auto msg = to_beast(std::move(r), version, keep_alive);
    c.stream.expires_after(std::chrono::seconds(settings.write_timeout_s));
    co_await bhttp::async_write(c.stream, msg, asio::redirect_error(asio::use_awaitable, ec));
  }

  // After refusing a request early (413), read and discard what the client is still sending for a short while:
  // closing at once would reset the connection before the client reads the answer.
  asio::awaitable<void> drain(Connection& c) {
    beast::error_code ec;
    c.stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    c.stream.expires_after(std::chrono::seconds(5));
    std::array<char, 64 * 1024> sink;
    std::size_t total = 0;
    while (!ec && total < 256u * 1024 * 1024) {
      total += co_await c.stream.async_read_some(asio::buffer(sink), asio::redirect_error(asio::use_awaitable, ec));
    }
  }

  asio::awaitable<void> serve(std::shared_ptr<Connection> conn) {
    metrics.connection_opened();
    {
      std::lock_guard lock(conns_mu);
      conns.insert(conn);
    }
    beast::error_code ec;
    const auto endpoint = conn->stream.socket().remote_endpoint(ec);
    const std::string ip = ec ? std::string() : endpoint.address().to_string();
    beast::flat_buffer buffer;
    bool first = true;
    while (!draining) {
      bhttp::request_parser<bhttp::empty_body> head;
      head.header_limit(static_cast<std::uint32_t>(pipeline.limits().header_bytes));
      // Beast checks Content-Length against its body limit while parsing the header; the route's own limit
      // is applied below, once the target is known.
      head.body_limit(boost::none);
      conn->idle = true;
      conn->stream.expires_after(std::chrono::seconds(first ? settings.header_timeout_s : settings.idle_timeout_s));
      first = false;
      co_await bhttp::async_read_header(conn->stream, buffer, head, asio::redirect_error(asio::use_awaitable, ec));
      conn->idle = false;
      if (ec == bhttp::error::header_limit) {
        co_await write(*conn, plain_error(431, "header_too_large", "请求头过大。", "The request header is too large."), 11, false, ec);
        break;
      }
      if (ec) break;  // closed, timed out, or garbage
      const auto& header = head.get();
      const unsigned version = header.version();
      const bool keep_alive = header.keep_alive();
      const std::string path(header.target().substr(0, header.target().find('?')));
      auto plan = pipeline.body_plan(header.method_string(), path);
      if (plan.upload) {
        // A body within the limit the route looked up lately is read without asking again (the handler checks the
        // current limit); anything else waits for a lookup on a worker, so a raised limit is never refused.
        const auto known = pipeline.known_upload_limit(header.method_string(), path, plan.limit);
        if (known && head.content_length() && *head.content_length() <= *known)
          plan.limit = *known;
        else {
          auto looked_up =
              on_workers(workers, LookUpUploadLimit{&pipeline, std::string(header.method_string()), path, plan.limit});
          plan.limit = co_await std::move(looked_up);
        }
      }
      if (head.content_length() && *head.content_length() > plan.limit) {
        co_await write(*conn, too_large_response(plan.limit), version, false, ec);
        if (!ec) co_await drain(*conn);
        break;
      }
      if (beast::iequals(header[bhttp::field::expect], "100-continue")) {
        bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, version};
        co_await bhttp::async_write(conn->stream, cont, asio::redirect_error(asio::use_awaitable, ec));
        if (ec) break;
      }
      Request req;
      Response res;
      bool body_ok = true;
      if (plan.upload) {
        bhttp::request_parser<bhttp::buffer_body> parser{std::move(head)};
        parser.body_limit(plan.limit);
        Request::Upload up;
        if (!co_await read_upload(*conn, buffer, parser, up, ec)) {
          co_await write(*conn, plain_error(503, "storage_unavailable", "暂时无法保存上传的文件，请稍后重试。",
                                            "Uploads cannot be stored right now; try again later."),
                         version, false, ec);
          if (!ec) co_await drain(*conn);
          break;
        }
        if (!ec && !convert_header(parser.get().base(), ip, req))
          res = plain_error(400, "bad_target", "请求地址格式错误。", "The request target is malformed."), body_ok = false;
        req.upload = std::move(up);
      } else {
        bhttp::request_parser<bhttp::string_body> parser{std::move(head)};
        parser.body_limit(plan.limit);
        if (!parser.is_done()) {
          conn->stream.expires_after(std::chrono::seconds(settings.body_timeout_s));
          co_await bhttp::async_read(conn->stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
        }
        if (!ec) {
          auto msg = parser.release();
          if (!convert_header(msg.base(), ip, req))
            res = plain_error(400, "bad_target", "请求地址格式错误。", "The request target is malformed."), body_ok = false;
          req.body = std::move(msg.body());
        }
      }
      if (ec == bhttp::error::body_limit) {
        co_await write(*conn, too_large_response(plan.limit), version, false, ec);
        if (!ec) co_await drain(*conn);
        break;
      }
      if (ec) {
        if (ec != beast::error::timeout && ec != bhttp::error::end_of_stream && ec != asio::error::eof)
          co_await write(*conn, plain_error(400, "bad_request", "请求格式错误。", "The request is malformed."), version, false, ec);
        break;
      }
      const std::string temp_file = req.upload ? req.upload->file : "";  // the request moves into the handler below
      if (body_ok) {
        if (auto quick = pipeline.try_handle_in_memory(req))
          res = std::move(*quick);
        else {
          // Handlers may block on the database: they run on the worker pool, and this resumes on the connection's
          // strand once their writes are durable. The work is made in a statement of its own: GCC 12 mishandles a
          // temporary that lives across a co_await.
          auto handling = on_workers(workers, HandleRequest{&pipeline, std::move(req)});
          res = co_await std::move(handling);
        }
      }
      remove_file(temp_file);  // moved into the blob store by the handler, or not needed
      const bool again = keep_alive && !draining;
      co_await write(*conn, std::move(res), version, again, ec);
      if (ec || !again) break;
    }
    conn->stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    conn->stream.socket().close(ec);
    {
      std::lock_guard lock(conns_mu);
      conns.erase(conn);
    }
    metrics.connection_closed();
  }

  asio::awaitable<void> accept_loop() {
    for (;;) {
      beast::error_code ec;
      tcp::socket socket = co_await acceptor.async_accept(asio::make_strand(ioc), asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        if (!acceptor.is_open()) co_return;
        continue;  // e.g. too many open files: keep serving the others
      }
      socket.set_option(tcp::no_delay(true), ec);
      auto conn = std::make_shared<Connection>(std::move(socket));
      auto ex = conn->stream.get_executor();
      asio::co_spawn(ex, serve(std::move(conn)), asio::detached);
    }
  }
};

Server::Server(ServerSettings settings, Pipeline& pipeline, Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(settings), pipeline, metrics)) {}

Server::~Server() = default;

void Server::stop() { impl_->begin_shutdown(); }

void Server::run(const std::function<void(const std::string&)>& on_ready) {
  auto& s = *impl_;
  const auto [host, port] = split_listen(s.settings.listen);
  const tcp::endpoint ep(asio::ip::make_address(host), port);
  s.acceptor.open(ep.protocol());
  s.acceptor.set_option(asio::socket_base::reuse_address(true));
  s.acceptor.bind(ep);
  s.acceptor.listen(asio::socket_base::max_listen_connections);
  const auto bound = s.acceptor.local_endpoint();
  s.signals.async_wait([&s](const beast::error_code& ec, int) {
    if (!ec) s.begin_shutdown();
  });
  asio::co_spawn(s.control, s.accept_loop(), asio::detached);
  on_ready(bound.address().to_string() + ":" + std::to_string(bound.port()));
  std::vector<std::thread> io;
  for (int i = 1; i < s.settings.io_threads; ++i)
    io.emplace_back([&s] {
      core::name_this_thread("zp-io");  // the main thread, the other io thread, keeps the process's name
      s.ioc.run();
    });
  s.ioc.run();
  for (auto& t : io) t.join();
  s.workers.join();
  spdlog::info("stopped");
}

}  // namespace zp::http
