#include "db/database.hpp"

#include <soci/connection-pool.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <boost/url/parse.hpp>
#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <future>
#include <system_error>
#include <thread>
#include <stdexcept>
#include <unordered_map>

#include "core/deferred.hpp"
#include "core/thread_name.hpp"
#include "core/time.hpp"
#include "db/migrations.hpp"
#include "db/row.hpp"

namespace zp::db {

namespace {
std::string dialect(std::string_view sql, Kind kind) {
  std::string out(sql);
  auto replace_all = [&](std::string_view from, std::string_view to) {
    for (std::size_t p = out.find(from); p != std::string::npos; p = out.find(from, p + to.size()))
      out.replace(p, from.size(), to);
  };
  replace_all("{{ID}}", kind == Kind::sqlite ? "INTEGER PRIMARY KEY" : "BIGSERIAL PRIMARY KEY");
  replace_all("{{BLOB}}", kind == Kind::sqlite ? "BLOB" : "BYTEA");
  // A line for one database only starts with "--sqlite: " or "--postgresql: "; for the other it stays a comment.
  const std::string mine = kind == Kind::sqlite ? "--sqlite: " : "--postgresql: ";
  for (std::size_t p = out.find(mine); p != std::string::npos; p = out.find(mine, p))
    if (p == 0 || out[p - 1] == '\n')
      out.erase(p, mine.size());
    else
      p += mine.size();
  return out;
}

// SOCI's PostgreSQL backend splits its connect string into key=value pairs, so a URI must become
// libpq's keyword form: postgresql://user:pw@host:port/db?sslmode=require → host='…' port='…' dbname='…' …
std::string pg_keywords(const std::string& url) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed) throw std::invalid_argument("not a valid PostgreSQL URL: " + url);
  auto quote = [](std::string v) {
    std::string out = "'";
    for (char c : v) {
      if (c == '\\' || c == '\'') out += '\\';
      out += c;
    }
    return out + "'";
  };
  std::string kw;
  auto add = [&](const char* key, const std::string& value) {
    if (!value.empty()) kw += std::string(kw.empty() ? "" : " ") + key + "=" + quote(value);
  };
  add("host", std::string(parsed->encoded_host().empty() ? "" : parsed->host()));
  add("port", std::string(parsed->port()));
  add("user", std::string(parsed->user()));
  add("password", std::string(parsed->password()));
  std::string db(parsed->path());
  if (!db.empty() && db.front() == '/') db.erase(0, 1);
  add("dbname", db);
  for (auto p : parsed->params()) add(std::string(p.key).c_str(), std::string(p.value));
  return kw;
}

// Splits a migration into statements at ';' that ends a line (migrations keep one statement per ';').
std::vector<std::string> statements(const std::string& script) {
  std::vector<std::string> out;
  std::string current;
  std::size_t start = 0;
  while (start < script.size()) {
    std::size_t end = script.find('\n', start);
    if (end == std::string::npos) end = script.size();
    std::string line = script.substr(start, end - start);
    start = end + 1;
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line.compare(first, 2, "--") == 0) continue;
    current += line + "\n";
    const auto last = line.find_last_not_of(" \t\r");
    if (line[last] == ';') {
      current.erase(current.find_last_of(';'));
      out.push_back(current);
      current.clear();
    }
  }
  if (current.find_first_not_of(" \t\r\n") != std::string::npos) out.push_back(current);
  return out;
}

// SOCI calls its logger once for every statement it prepares: counting those calls counts the SQL texts
// the database compiles.
class PrepareCounter : public soci::logger_impl {
 public:
  explicit PrepareCounter(std::atomic<std::uint64_t>& n) : n_(n) {}
  void start_query(const std::string&) override { n_.fetch_add(1, std::memory_order_relaxed); }

 private:
  logger_impl* do_clone() const override { return new PrepareCounter(n_); }
  std::atomic<std::uint64_t>& n_;
};
}  // namespace

// One statement compiled on one connection, with the buffers its parameters are bound to: SOCI binds by
// address, so the buffers are sized once, before binding, and each use only changes their values.
struct KeptStatement {
  explicit KeptStatement(soci::session& s) : statement(s) {}
  struct Buffer {
    Param::Type type = Param::Type::integer;
    long long integer = 0;
    std::string text;
    soci::indicator indicator = soci::i_ok;
  };
  soci::statement statement;
  std::vector<Buffer> buffers;
  soci::row row;  // described once, on the first execution
  bool returns_rows = false;
  bool busy = false;  // its rows are being read
};

struct Database::KeptStatements {
  std::unordered_map<std::string, std::unique_ptr<KeptStatement>> by_text;
};

struct Database::ConfigCache {
  struct Entry {
    std::int64_t generation = 0;
    std::shared_ptr<const void> value;
  };
  std::mutex mu;
  std::unordered_map<std::string, Entry> by_key;
};

// Use cases whose writes one database commit makes durable; each waits for `done`.
struct Database::WriteBatch {
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  std::exception_ptr error;
  std::uint64_t commit = 0;  // its number in commit order, for the WAL flusher; 0 when nothing was committed
  std::vector<core::Completion> when_done;  // commits of run_write use cases waiting for it, under mu
};

// SQLite's writer commits with synchronous=NORMAL: COMMIT appends the batch to the write-ahead log without
// waiting for the disk, so the writer connection is free for the next batch at once instead of being held through
// every flush. This thread then flushes the log (fdatasync), and a flush covers every commit that had finished
// when it began, however many. A use case is answered only once its commit is flushed, so what an answer
// confirms survives a power cut as with synchronous=FULL; SQLite itself keeps the file consistent in NORMAL mode
// (the log is flushed before each checkpoint and the database after it). Other requests can read a commit before
// its flush ends (about a millisecond); a power cut in that moment loses it with every later commit, in order.
struct Database::WalFlusher {
  WalFlusher(std::string wal_path, std::atomic<std::uint64_t>& flushes, const std::function<int()>& before_flush)
      : path(std::move(wal_path)), flush_count(flushes), before(before_flush), thread([this] { run(); }) {}
  ~WalFlusher() {
    {
      std::lock_guard lock(mu);
      stopping = true;
    }
    work.notify_one();
    thread.join();
    if (fd >= 0) ::close(fd);
  }

  // A commit has finished: its number, in commit order.
  std::uint64_t committed() {
    std::lock_guard lock(mu);
    ++last_commit;
    work.notify_one();
    return last_commit;
  }

  void wait(std::uint64_t commit) {
    std::unique_lock lock(mu);
    done_cv.wait(lock, [&] { return flushed >= commit || error; });
    if (flushed < commit) std::rethrow_exception(failure(error));
  }

  // Calls `then` once the commit is flushed (at once when it is), on this thread or the flusher's.
  void when_flushed(std::uint64_t commit, core::Completion then) {
    std::exception_ptr failed;
    {
      std::lock_guard lock(mu);
      if (flushed < commit && !error) {
        waiting.emplace_back(commit, std::move(then));
        return;
      }
      if (flushed < commit) failed = failure(error);
    }
    then(failed);
  }

 private:
  void run() {
    core::name_this_thread("zp-wal-flush");
    std::unique_lock lock(mu);
    for (;;) {
      work.wait(lock, [&] { return stopping || (!error && last_commit > flushed); });
      if (error || last_commit == flushed) return;  // stopping, with nothing left to flush
      const auto target = last_commit;
      lock.unlock();
      const int err = flush();
      lock.lock();
      if (err) {
        // After a failed flush nothing written since the last good one can be trusted to be on disk: every
        // waiting and later write fails until the server restarts.
        error = err;
        spdlog::critical("cannot flush {}: {}; writes fail until the server restarts", path, std::strerror(err));
      } else {
        flushed = target;
        flush_count.fetch_add(1, std::memory_order_relaxed);
      }
      std::vector<std::pair<std::uint64_t, core::Completion>> ready;
      for (auto it = waiting.begin(); it != waiting.end();) {
        if (it->first <= flushed || error) {
          ready.push_back(std::move(*it));
          it = waiting.erase(it);
        } else {
          ++it;
        }
      }
      done_cv.notify_all();
      lock.unlock();
      // Without an error, only commits the flush covered are ready.
      for (auto& [commit, then] : ready) then(err ? failure(err) : nullptr);
      lock.lock();
    }
  }

  std::exception_ptr failure(int err) const {
    return std::make_exception_ptr(std::system_error(err, std::generic_category(), "cannot flush " + path));
  }

  int flush() {
    if (before) {
      if (const int err = before()) return err;
    }
    if (fd < 0) fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);  // the log exists once something was committed
    if (fd < 0) return errno;
    while (::fdatasync(fd) != 0)
      if (errno != EINTR) return errno;
    return 0;
  }

  std::string path;
  std::atomic<std::uint64_t>& flush_count;
  const std::function<int()>& before;  // Database::before_durable_
  int fd = -1;
  std::mutex mu;
  std::condition_variable work, done_cv;
  std::uint64_t last_commit = 0, flushed = 0;
  int error = 0;
  bool stopping = false;
  std::vector<std::pair<std::uint64_t, core::Completion>> waiting;
  std::thread thread;  // last: starts once the rest is ready
};

namespace {
// Statements come from constant texts in the stores, so a connection keeps a few dozen; the bound is a safety net.
constexpr std::size_t kMaxKeptPerConnection = 1000;

std::unique_ptr<KeptStatement> compile(soci::session& session, const std::string& sql, std::span<Param> params, bool returns_rows) {
  auto k = std::make_unique<KeptStatement>(session);
  k->returns_rows = returns_rows;
  k->buffers.resize(params.size());
  for (std::size_t i = 0; i < params.size(); ++i) {
    auto& b = k->buffers[i];
    b.type = params[i].type();
    if (b.type == Param::Type::integer)
      k->statement.exchange(soci::use(b.integer, b.indicator));
    else
      k->statement.exchange(soci::use(b.text, b.indicator));
  }
  if (returns_rows) k->statement.exchange(soci::into(k->row));
  k->statement.alloc();
  k->statement.prepare(sql);
  k->statement.define_and_bind();
  return k;
}

bool fits(const KeptStatement& k, std::span<Param> params, bool returns_rows) {
  if (k.busy || k.returns_rows != returns_rows || k.buffers.size() != params.size()) return false;
  for (std::size_t i = 0; i < params.size(); ++i)
    if (k.buffers[i].type != params[i].type()) return false;
  return true;
}

void load(KeptStatement& k, std::span<Param> params) {
  for (std::size_t i = 0; i < params.size(); ++i) {
    auto& b = k.buffers[i];
    b.indicator = params[i].null() ? soci::i_null : soci::i_ok;
    if (b.type == Param::Type::integer)
      b.integer = params[i].integer();
    else
      b.text = std::move(params[i].text());
  }
}

// Ready for the next use. A SQLite statement stopped before its last row would keep its read snapshot, and with
// it the connection's view of the database, into the next transaction: reset it.
void release(KeptStatement& k, Kind kind) {
  if (kind == Kind::sqlite) {
    using namespace sqlite_api;
    sqlite3_reset(static_cast<soci::sqlite3_statement_backend*>(k.statement.get_backend())->stmt_);
  }
  k.busy = false;
}
}  // namespace

Rows::Rows(KeptStatement& kept, std::unique_ptr<KeptStatement> own, Kind kind, bool got)
    : kept_(&kept), own_(std::move(own)), kind_(kind), got_(got) {}

Rows::Rows(Rows&& o) noexcept : kept_(o.kept_), own_(std::move(o.own_)), kind_(o.kind_), first_(o.first_), got_(o.got_) {
  o.kept_ = nullptr;
}

Rows::~Rows() {
  if (kept_) release(*kept_, kind_);
}

bool Rows::next() {
  if (first_) {
    first_ = false;
    return got_;
  }
  if (got_) got_ = kept_->statement.fetch();
  return got_;
}

const soci::row& Rows::row() const { return kept_->row; }

namespace {
std::int64_t steady_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
thread_local bool on_writer_thread = false;  // the thread of Database::WriterThread
}  // namespace

// A use case handed to run_write, on its caller's stack until done.
struct Database::WriteJob {
  const std::function<void(Tx&)>* use_case;
  std::vector<core::Await> waits;  // what its commit left to wait for
  std::exception_ptr error;
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
};

// Runs SQLite use cases one after another on one thread. Threads taking turns on the writer's mutex leave it idle
// between turns for as long as the next one takes to be woken and given a core, which on a busy machine is as
// long as a turn; here the next use case starts as soon as the last ends. A queued use case counts as a writer
// waiting, so the turn before it leaves the shared transaction open for it (group commit).
struct Database::WriterThread {
  explicit WriterThread(Database& db) : db_(db), thread_([this] { loop(); }) {}
  ~WriterThread() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    cv_.notify_one();
    thread_.join();
  }

  void run(WriteJob& job) {
    {
      std::lock_guard lock(mu_);
      queue_.push_back(&job);
      ++db_.writers_waiting_;
    }
    cv_.notify_one();
    std::unique_lock lock(job.mu);
    job.cv.wait(lock, [&] { return job.done; });
  }

 private:
  void loop() {
    core::name_this_thread("zp-db-writer");
    on_writer_thread = true;
    std::unique_lock lock(mu_);
    for (;;) {
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      auto* job = queue_.front();
      queue_.pop_front();
      lock.unlock();
      execute(*job);
      lock.lock();
    }
  }

  void execute(WriteJob& job) {
    core::DeferScope scope;  // the commit leaves its waits here; the caller takes them
    --db_.writers_waiting_;  // its Tx counts itself while it waits for the mutex
    // A use case waiting for the writer on another thread (an office extending a window, a sign-in) goes first.
    // The mutex is not fair: this thread, running, would take it back before the waiter woken by its release
    // runs, for as long as use cases keep coming.
    for (const auto until = steady_ns() + 20'000'000; db_.others_waiting_.load() > 0 && steady_ns() < until;)
      std::this_thread::sleep_for(std::chrono::microseconds(20));
    try {
      Tx tx(db_, true);
      tx.defer_commit_ = true;
      (*job.use_case)(tx);
    } catch (...) {
      job.error = std::current_exception();
    }
    std::lock_guard lock(job.mu);  // notified under the lock: the caller's stack may go once it is released
    job.waits = scope.take();
    job.done = true;
    job.cv.notify_one();
  }

  Database& db_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<WriteJob*> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

Database::Database(Kind kind, std::string url, std::size_t pool_size)
    : kind_(kind), url_(std::move(url)), pool_(std::make_unique<soci::connection_pool>(pool_size)),
      pool_size_(pool_size), config_cache_(std::make_unique<ConfigCache>()) {
  for (std::size_t i = 0; i != pool_size; ++i) kept_.push_back(std::make_unique<KeptStatements>());
}

Database::~Database() {
  writer_thread_.reset();  // every use case handed to it run
  wal_.reset();  // every commit flushed
  writer_kept_.reset();  // statements before their connection
}

std::unique_ptr<Database> Database::open(const std::string& url, std::size_t pool_size) {
  Kind kind;
  std::string connect;
  if (url.rfind("sqlite:", 0) == 0) {
    kind = Kind::sqlite;
    connect = "db=\"" + url.substr(7) + "\"";
  } else if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    kind = Kind::postgresql;
    connect = pg_keywords(url);
  } else {
    throw std::invalid_argument("database URL must start with sqlite: or postgresql:// (got '" + url + "')");
  }
  if (pool_size == 0) pool_size = 1;
  if (kind == Kind::sqlite) {
    // SQLite's memory statistics take one process-wide mutex on every allocation; nothing here reads them. A
    // connection is used by one thread at a time (leased from the pool, or the writer under its lock), so it needs
    // no mutex of its own, which SQLite would otherwise take and release on every call (bind, step, column, reset).
    using namespace sqlite_api;
    static const int once = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) | sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    (void)once;
  }
  std::unique_ptr<Database> db(new Database(kind, url, pool_size));
  auto connect_session = [&](soci::session& s) {
    s.set_logger(new PrepareCounter(db->statements_prepared_));
    if (kind == Kind::sqlite) {
      s.open(soci::sqlite3, connect);
      {
        using namespace sqlite_api;  // extended codes tell a UNIQUE violation from, say, a foreign-key one
        sqlite3_extended_result_codes(static_cast<soci::sqlite3_session_backend*>(s.get_backend())->conn_, 1);
      }
      s << "PRAGMA journal_mode=WAL";
      s << "PRAGMA synchronous=FULL";
      s << "PRAGMA busy_timeout=10000";
      s << "PRAGMA foreign_keys=ON";
      // A shared commit runs each use case in a savepoint, whose journal of pages to restore outgrows SQLite's
      // in-memory threshold (64 KiB) and spills to a temporary file: two pwrite calls per page. Kept in memory.
      s << "PRAGMA temp_store=MEMORY";
    } else {
      s.open(soci::postgresql, connect);
      s << "SET TIME ZONE 'UTC'";
      s << "SET client_min_messages = warning";  // no NOTICE noise from IF NOT EXISTS
    }
  };
  for (std::size_t i = 0; i != pool_size; ++i) connect_session(db->pool_->at(i));
  if (kind == Kind::sqlite) {
    db->writer_ = std::make_unique<soci::session>();
    db->writer_kept_ = std::make_unique<KeptStatements>();
    connect_session(*db->writer_);
    const auto file = url.substr(7);
    if (file != ":memory:" && file.rfind("file:", 0) != 0) {  // a plain file path: its log is PATH-wal
      *db->writer_ << "PRAGMA synchronous=NORMAL";  // the WAL flusher makes each commit durable before it is answered
      db->wal_ = std::make_unique<WalFlusher>(file + "-wal", db->write_flushes_, db->before_durable_);
    }
    db->writer_thread_ = std::make_unique<WriterThread>(*db);
  }
  return db;
}

namespace {
const std::string kBegin = "BEGIN", kBeginImmediate = "BEGIN IMMEDIATE", kCommit = "COMMIT", kRollback = "ROLLBACK",
                  kSavepoint = "SAVEPOINT use_case", kRelease = "RELEASE use_case", kRollbackTo = "ROLLBACK TO use_case";
// Enough use cases per shared commit that a queue of writers drains in few flushes, few enough that the first
// of them does not wait long for the last.
constexpr std::size_t kMaxBatch = 32;


bool in_transaction(soci::session& s) {
  using namespace sqlite_api;
  return sqlite3_get_autocommit(static_cast<soci::sqlite3_session_backend*>(s.get_backend())->conn_) == 0;
}
}  // namespace

Tx::Tx(Database& db, bool write) : db_(&db), write_(write) {
  if (write && db.kind_ == Kind::sqlite) {
    ++db.writers_waiting_;
    if (!on_writer_thread) ++db.others_waiting_;
    writer_lock_ = std::unique_lock(db.writer_mu_);
    writer_since_ns_ = steady_ns();
    if (!on_writer_thread) --db.others_waiting_;
    --db.writers_waiting_;
    session_ = db.writer_.get();
    db.start_turn(*this);
    open_ = true;
    return;
  }
  slot_ = db.pool_->lease();
  session_ = &db.pool_->at(slot_);
  ++db.in_use_;
  try {
    exec(kBegin);
    open_ = true;
  } catch (...) {
    --db.in_use_;
    db.pool_->give_back(slot_);
    throw;
  }
}

Tx::Tx(Tx&& o) noexcept
    : db_(o.db_), session_(o.session_), slot_(o.slot_), writer_lock_(std::move(o.writer_lock_)),
      writer_since_ns_(o.writer_since_ns_), open_(o.open_),
      write_(o.write_), defer_commit_(o.defer_commit_) {
  o.db_ = nullptr;
  o.open_ = false;
}

Tx::~Tx() {
  if (!db_) return;
  if (on_writer()) {
    if (open_) db_->end_turn(*this, Database::TurnEnd::discard);
    return;
  }
  if (open_) {
    try {
      exec(kRollback);
    } catch (...) {
      // A failed rollback leaves the connection unusable for a transaction; reconnect it. Its statements
      // belong to the old connection: drop them first.
      try {
        db_->statements_kept_ -= db_->kept_[slot_]->by_text.size();
        db_->kept_[slot_]->by_text.clear();
        sql().reconnect();
      } catch (...) {
      }
    }
  }
  --db_->in_use_;
  db_->pool_->give_back(slot_);
}

soci::session& Tx::sql() {
  if (!open_ && on_writer()) throw std::logic_error("the write transaction has ended");  // the connection is another's now
  return *session_;
}
Kind Tx::kind() const { return db_->kind_; }

void Tx::commit() {
  if (on_writer()) {
    open_ = false;
    const auto batch = db_->end_turn(*this, Database::TurnEnd::keep);
    if (defer_commit_ && core::DeferScope::current()) {
      auto* database = db_;
      core::DeferScope::current()->add([database, batch](core::Completion then) {
        {
          std::lock_guard lock(batch->mu);
          if (!batch->done) {
            batch->when_done.push_back(std::move(then));
            return;
          }
        }
        database->when_durable(*batch, std::move(then));
      });
      db_->write_commits_.fetch_add(1, std::memory_order_relaxed);
      return;
    }
    {
      std::unique_lock lock(batch->mu);
      batch->cv.wait(lock, [&] { return batch->done; });
      if (batch->error) std::rethrow_exception(batch->error);
    }
    // Committed: other requests see it now. Durable once the flusher has passed it.
    if (batch->commit) {
      auto* wal = db_->wal_.get();
      const auto commit = batch->commit;
      if (auto* scope = core::DeferScope::current())
        scope->add([wal, commit](core::Completion then) { wal->when_flushed(commit, std::move(then)); });
      else
        wal->wait(commit);
    }
  } else {
    if (write_) db_->run_before_durable();
    exec(kCommit);
    open_ = false;
    if (write_) db_->write_flushes_.fetch_add(1, std::memory_order_relaxed);
  }
  if (write_) db_->write_commits_.fetch_add(1, std::memory_order_relaxed);
}

Database::KeptStatements& Database::kept_of(const Tx& tx) { return tx.on_writer() ? *writer_kept_ : *kept_[tx.slot_]; }

// SQLite writes take turns on the writer connection. A turn is a savepoint inside the batch transaction, which
// the first turn begins and whichever turn finds no other writer waiting commits: one flush to disk for all
// the use cases that wrote meanwhile. None of them is answered before that commit, so no one sees a write that
// could still be lost, and each use case stays atomic (its savepoint) with its audit record.
void Database::start_turn(Tx& tx) {
  try {
    if (!batch_) {
      tx.exec(kBeginImmediate);
      batch_ = std::make_shared<WriteBatch>();
      batch_size_ = 0;
    }
  } catch (...) {
    release_writer(tx);
    throw;
  }
  try {
    tx.exec(kSavepoint);
  } catch (...) {
    end_turn(tx, TurnEnd::no_savepoint);
    throw;
  }
}

std::shared_ptr<Database::WriteBatch> Database::end_turn(Tx& tx, TurnEnd how) noexcept {
  auto batch = batch_;
  bool lost = false;
  try {
    if (how == TurnEnd::keep) {
      tx.exec(kRelease);
      ++batch_size_;
    } else if (how == TurnEnd::discard) {
      tx.exec(kRollbackTo);
      tx.exec(kRelease);
    }
  } catch (...) {
    lost = true;
    if (!batch->error) batch->error = std::current_exception();
  }
  // Some errors (disk full, I/O) make SQLite end the whole transaction: the batch's earlier turns are gone too.
  if (!in_transaction(*writer_)) {
    lost = true;
    if (!batch->error)
      batch->error = std::make_exception_ptr(std::runtime_error("the database ended the write transaction"));
  }
  if (!lost && writers_waiting_.load() > 0 && batch_size_ < kMaxBatch) {
    release_writer(tx);  // the next writer continues the batch
    return batch;
  }
  if (!lost && batch_size_ == 0) {
    // Nothing to keep: end the empty transaction without a flush.
    try {
      tx.exec(kRollback);
    } catch (...) {
      lost = true;
      batch->error = std::current_exception();
    }
  }
  if (!lost && batch_size_ > 0) commit_batch(tx, *batch);
  if (lost || in_transaction(*writer_)) {
    try {
      if (in_transaction(*writer_)) tx.exec(kRollback);
    } catch (...) {
      // The connection is unusable for a transaction: reconnect it, its statements first.
      try {
        statements_kept_ -= writer_kept_->by_text.size();
        writer_kept_->by_text.clear();
        writer_->reconnect();
      } catch (...) {
      }
    }
  }
  batch_.reset();
  batch_size_ = 0;
  release_writer(tx);
  std::vector<core::Completion> deferred;
  {
    std::lock_guard lock(batch->mu);
    batch->done = true;
    deferred.swap(batch->when_done);
  }
  batch->cv.notify_all();
  for (auto& then : deferred) when_durable(*batch, std::move(then));
  return batch;
}

void Database::run_write(const std::function<void(Tx&)>& use_case) {
  if (!writer_thread_) {
    Tx tx(*this, true);
    use_case(tx);
    return;
  }
  WriteJob job;
  job.use_case = &use_case;
  writer_thread_->run(job);
  if (auto* scope = core::DeferScope::current()) {
    for (auto& wait : job.waits) scope->add(std::move(wait));
  } else {
    for (auto& wait : job.waits) {
      auto done = std::make_shared<std::promise<std::exception_ptr>>();
      auto result = done->get_future();
      wait([done](std::exception_ptr e) { done->set_value(e); });
      if (auto e = result.get()) std::rethrow_exception(e);
    }
  }
  if (job.error) std::rethrow_exception(job.error);
}

void Database::when_durable(const WriteBatch& batch, core::Completion then) noexcept {
  if (batch.error)
    then(batch.error);
  else if (batch.commit && wal_)
    wal_->when_flushed(batch.commit, std::move(then));
  else
    then(nullptr);  // nothing committed, or committed with synchronous=FULL: on disk already
}

void Database::release_writer(Tx& tx) {
  writer_held_ns_.fetch_add(steady_ns() - tx.writer_since_ns_, std::memory_order_relaxed);
  tx.writer_lock_.unlock();
}

void Database::run_before_durable() {
  if (!before_durable_) return;
  if (const int err = before_durable_())
    throw std::system_error(err, std::generic_category(), "cannot flush what the commit refers to");
}

void Database::commit_batch(Tx& tx, WriteBatch& batch) noexcept {
  try {
    if (!wal_) run_before_durable();  // synchronous=FULL: COMMIT itself makes the batch durable
    tx.exec(kCommit);
    if (wal_)
      batch.commit = wal_->committed();
    else
      write_flushes_.fetch_add(1, std::memory_order_relaxed);  // synchronous=FULL: COMMIT itself flushed
  } catch (...) {
    batch.error = std::current_exception();
  }
}

std::shared_ptr<const void> Tx::config_cached(const std::string& key,
                                              const std::function<std::shared_ptr<const void>(Tx&)>& load) {
  static const std::string generation_sql = "SELECT n FROM config_generation WHERE id = 1";
  std::int64_t generation = 0;
  if (auto rows = query(generation_sql); rows.next()) generation = int64_at(rows.row(), 0);
  auto& cache = *db_->config_cache_;
  {
    std::lock_guard lock(cache.mu);
    if (const auto it = cache.by_key.find(key); it != cache.by_key.end() && it->second.generation == generation)
      return it->second.value;
  }
  auto value = load(*this);  // read in this transaction, so under the generation read above
  constexpr std::size_t kMaxEntries = 4096;  // campaigns and (series, level) pairs: far fewer in practice
  std::lock_guard lock(cache.mu);
  if (cache.by_key.size() >= kMaxEntries) cache.by_key.clear();
  cache.by_key[key] = {generation, value};
  return value;
}

KeptStatement& Tx::kept(const std::string& text, std::span<Param> params, bool returns_rows, std::unique_ptr<KeptStatement>& own) {
  auto& by_text = db_->kept_of(*this).by_text;
  const auto it = by_text.find(text);
  if (it != by_text.end() && fits(*it->second, params, returns_rows)) {
    load(*it->second, params);
    return *it->second;
  }
  auto fresh = compile(*session_, text, params, returns_rows);
  load(*fresh, params);
  KeptStatement* k = fresh.get();
  if (it == by_text.end() && by_text.size() < kMaxKeptPerConnection) {
    by_text.emplace(text, std::move(fresh));
    ++db_->statements_kept_;
  } else if (it != by_text.end() && !it->second->busy) {
    it->second = std::move(fresh);  // the same text with other parameter types: keep the newer
  } else {
    own = std::move(fresh);  // the kept one is being read (the same text nested in its own loop)
  }
  return *k;
}

Rows Tx::query_params(const std::string& text, std::span<Param> params) {
  std::unique_ptr<KeptStatement> own;
  KeptStatement& k = kept(text, params, true, own);
  k.busy = true;
  bool got = false;
  try {
    got = k.statement.execute(true);
  } catch (...) {
    release(k, db_->kind_);
    throw;
  }
  return Rows(k, std::move(own), db_->kind_, got);
}

long long Tx::exec_params(const std::string& text, std::span<Param> params) {
  std::unique_ptr<KeptStatement> own;
  KeptStatement& k = kept(text, params, false, own);
  k.busy = true;
  struct Release {
    KeptStatement& k;
    Kind kind;
    ~Release() { release(k, kind); }
  } done{k, db_->kind_};
  k.statement.execute(true);
  return k.statement.get_affected_rows();
}

bool is_unique_violation(const std::exception& e) {
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) return pg->sqlstate() == "23505";
  if (const auto* lite = dynamic_cast<const soci::sqlite3_soci_error*>(&e))
    return lite->result() == SQLITE_CONSTRAINT_UNIQUE || lite->result() == SQLITE_CONSTRAINT_PRIMARYKEY;
  return false;
}

int Database::latest_version() { return migrations().empty() ? 0 : migrations().back().version; }

int Database::schema_version() {
  auto tx = read();
  int version = 0;
  soci::indicator ind = soci::i_null;
  try {
    tx.sql() << "SELECT MAX(version) FROM schema_migrations", soci::into(version, ind);
  } catch (const soci::soci_error&) {
    return 0;  // no table yet
  }
  return ind == soci::i_ok ? version : 0;
}

std::vector<int> Database::migrate() {
  std::vector<int> applied;
  auto tx = write();
  auto& sql = tx.sql();
  if (kind_ == Kind::postgresql) sql << "SELECT pg_advisory_xact_lock(727001)";  // several servers may start at once
  sql << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
         "applied_at BIGINT NOT NULL)";
  int current = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT MAX(version) FROM schema_migrations", soci::into(current, ind);
  if (ind != soci::i_ok) current = 0;
  if (current > latest_version())
    throw std::runtime_error("the database schema is version " + std::to_string(current) +
                             ", newer than this binary knows (" + std::to_string(latest_version()) +
                             "); run a newer zhiping");
  for (const auto& m : migrations()) {
    if (m.version <= current) continue;
    for (const auto& stmt : statements(dialect(m.sql, kind_))) sql << stmt;
    const std::string name(m.name);
    const long long at = timeutil::now_ms();
    sql << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :a)", soci::use(m.version),
        soci::use(name), soci::use(at);
    applied.push_back(m.version);
  }
  tx.commit();
  return applied;
}

bool Database::healthy() {
  try {
    auto tx = read();
    static const std::string select_one = "SELECT 1";
    auto rows = tx.query(select_one);
    return rows.next() && int64_at(rows.row(), 0) == 1;
  } catch (...) {
    return false;
  }
}

PoolStats Database::pool_stats() const {
  return {pool_size_,          in_use_.load(),          statements_prepared_.load(), write_commits_.load(),
          write_flushes_.load(), statements_kept_.load(), writers_waiting_.load(),
          static_cast<double>(writer_held_ns_.load()) / 1e9};
}

void Database::sqlite_backup(const std::string& dest_path) {
  if (kind_ != Kind::sqlite) throw std::runtime_error("backup: use pg_dump for PostgreSQL (see docs/operations.md)");
  const std::size_t slot = pool_->lease();
  struct GiveBack {
    soci::connection_pool* p;
    std::size_t s;
    ~GiveBack() { p->give_back(s); }
  } give_back{pool_.get(), slot};
  using namespace sqlite_api;  // soci-sqlite3.h declares the SQLite C API inside this namespace
  auto* backend = static_cast<soci::sqlite3_session_backend*>(pool_->at(slot).get_backend());
  sqlite3* dest = nullptr;
  if (sqlite3_open(dest_path.c_str(), &dest) != SQLITE_OK) {
    sqlite3_close(dest);
    throw std::runtime_error("backup: cannot open " + dest_path);
  }
  sqlite3_backup* b = sqlite3_backup_init(dest, "main", backend->conn_, "main");
  if (!b) {
    std::string msg = sqlite3_errmsg(dest);
    sqlite3_close(dest);
    throw std::runtime_error("backup: " + msg);
  }
  int rc;
  do {
    rc = sqlite3_backup_step(b, 256);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(b);
  const int final_rc = sqlite3_errcode(dest);
  sqlite3_close(dest);
  if (rc != SQLITE_DONE || final_rc != SQLITE_OK) throw std::runtime_error("backup failed (sqlite code " + std::to_string(rc) + ")");
}

}  // namespace zp::db
