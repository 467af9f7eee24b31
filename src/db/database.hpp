#pragma once
// One database handle for SQLite and PostgreSQL (SOCI): a connection pool, one transaction per use case,
// and versioned migrations. SQLite writes are serialised in-process on one writer connection, so no request
// sees "database is locked", and use cases that write at the same time share one flush to disk.
#include <array>
#include <atomic>
#include <concepts>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace soci {
class session;
class connection_pool;
class row;
}  // namespace soci

namespace zp::db {

enum class Kind { sqlite, postgresql };

class Database;
struct KeptStatement;

// The value of one parameter of a kept statement: integers of any width bind as 64-bit integers, text as
// text, and an empty optional as NULL of its type.
class Param {
 public:
  enum class Type { integer, text };
  template <std::integral T>
  Param(T v) : type_(Type::integer), integer_(static_cast<long long>(v)) {}
  template <std::integral T>
  Param(const std::optional<T>& v) : type_(Type::integer), integer_(v ? static_cast<long long>(*v) : 0), null_(!v) {}
  Param(std::string v) : type_(Type::text), text_(std::move(v)) {}
  Param(const char* v) : type_(Type::text), text_(v) {}
  Param(const std::optional<std::string>& v) : type_(Type::text), text_(v.value_or("")), null_(!v) {}

  Type type() const { return type_; }
  long long integer() const { return integer_; }
  std::string& text() { return text_; }
  bool null() const { return null_; }

 private:
  Type type_;
  long long integer_ = 0;
  std::string text_;
  bool null_ = false;
};

// The rows of a kept statement, read one at a time. The statement is ready for its next use once this
// object is gone.
class Rows {
 public:
  Rows(Rows&&) noexcept;
  Rows& operator=(Rows&&) = delete;
  ~Rows();
  bool next();  // moves to the next row; false after the last
  const soci::row& row() const;

 private:
  friend class Tx;
  Rows(KeptStatement& kept, std::unique_ptr<KeptStatement> own, Kind kind, bool got);
  KeptStatement* kept_;
  std::unique_ptr<KeptStatement> own_;  // when the kept one was busy (the same text nested in its own loop)
  Kind kind_;
  bool first_ = true, got_ = false;
};

// A leased connection inside BEGIN … COMMIT. Rolls back unless commit() was called. On SQLite a write is a
// savepoint on the writer connection, inside a transaction that the use cases writing at the same time share;
// commit() returns once that transaction is committed and on disk, or, inside a core::DeferScope, once it is
// committed, leaving the wait for the disk to the scope's owner.
class Tx {
 public:
  Tx(Tx&&) noexcept;
  Tx& operator=(Tx&&) = delete;
  ~Tx();
  soci::session& sql();
  Kind kind() const;
  void commit();

  // Statements compiled once per pooled connection and kept with their bound values: `sql` is constant
  // text from a store, and each argument binds the next parameter in order.
  template <class... Args>
  Rows query(const std::string& sql, Args&&... args) {
    std::array<Param, sizeof...(Args)> params{Param(std::forward<Args>(args))...};
    return query_params(sql, params);
  }
  // Runs a statement that returns no rows; the number of rows it changed.
  template <class... Args>
  long long exec(const std::string& sql, Args&&... args) {
    std::array<Param, sizeof...(Args)> params{Param(std::forward<Args>(args))...};
    return exec_params(sql, params);
  }
  Rows query_params(const std::string& sql, std::span<Param> params);
  long long exec_params(const std::string& sql, std::span<Param> params);

  // Catalog and campaign data change seldom and nearly every request reads them: what `load` returns is kept
  // under `key` and reused while the configuration generation read in this transaction is the one it was loaded
  // under. Triggers on those tables give the generation a value never used before on every change (migration
  // 0015), so any server sees a change committed by any other, and a change rolled back cannot bring back a
  // value kept meanwhile.
  std::shared_ptr<const void> config_cached(const std::string& key,
                                            const std::function<std::shared_ptr<const void>(Tx&)>& load);

 private:
  friend class Database;
  Tx(Database& db, bool write);
  KeptStatement& kept(const std::string& sql, std::span<Param> params, bool returns_rows, std::unique_ptr<KeptStatement>& own);
  static constexpr std::size_t kNoSlot = static_cast<std::size_t>(-1);
  bool on_writer() const { return slot_ == kNoSlot; }
  Database* db_;
  soci::session* session_ = nullptr;
  std::size_t slot_ = kNoSlot;  // the pool's, or none for the SQLite writer connection
  std::unique_lock<std::mutex> writer_lock_;
  std::int64_t writer_since_ns_ = 0;  // when this transaction took the writer (SQLite)
  bool open_ = false;
  bool write_ = false;
  bool defer_commit_ = false;  // see Database::run_write
};

struct PoolStats {
  std::size_t size = 0, in_use = 0;
  // Since start: SQL texts compiled by the database (every prepare, on any connection), use cases whose writes
  // were committed, and the flushes to disk that made them durable (on SQLite each one shared by the use cases
  // whose commits finished before it began; on PostgreSQL one commit per use case).
  std::uint64_t statements_prepared = 0, write_commits = 0, write_flushes = 0;
  std::size_t statements_kept = 0;  // compiled statements held by the connections now
  int writers_waiting = 0;          // SQLite: use cases waiting for their turn to write
  // SQLite: how long use cases held the writer connection, in all; its share of the elapsed time is how busy
  // the one writer is (near 1 it is the limit).
  double writer_held_seconds = 0;
};

class Database {
 public:
  // url: "sqlite:PATH" or "postgresql://user@host:port/dbname" (any libpq URI).
  static std::unique_ptr<Database> open(const std::string& url, std::size_t pool_size);
  ~Database();

  Kind kind() const { return kind_; }
  Tx read() { return Tx(*this, false); }
  Tx write() { return Tx(*this, true); }
  // Runs `use_case` with a write transaction, which it commits or, by returning or throwing without, rolls back;
  // for use cases that do nothing after the commit that other connections must see (no further reads, no caches
  // to clear). On SQLite the writer's own thread runs the use cases handed to it one after another, so the
  // writer never waits for a woken thread to take its turn, and the caller waits meanwhile. Its commit returns
  // when its turn ends; inside a core::DeferScope the scope's owner then waits for the commit the use cases
  // writing meanwhile share, and for its flush, before it answers; without one, run_write waits for them.
  // Elsewhere it is write(). The use case must not open another write transaction.
  void run_write(const std::function<void(Tx&)>& use_case);

  // Applies every migration newer than the database; refuses a database newer than this binary.
  // Returns the versions applied.
  std::vector<int> migrate();
  int schema_version();
  static int latest_version();

  bool healthy();
  PoolStats pool_stats() const;
  // Runs before any commit becomes durable (SQLite: before each flush of the log; otherwise before COMMIT), so
  // that what the commit refers to outside the database (files in packs) is on disk first. Returns 0, or an
  // errno that fails the commit. Set once, before the first write.
  void set_before_durable(std::function<int()> hook) { before_durable_ = std::move(hook); }
  // SQLite: copy the live database to a file with the online backup API.
  void sqlite_backup(const std::string& dest_path);

 private:
  friend class Tx;
  struct KeptStatements;
  struct WriteBatch;
  struct ConfigCache;
  enum class TurnEnd { keep, discard, no_savepoint };
  Database(Kind kind, std::string url, std::size_t pool_size);
  KeptStatements& kept_of(const Tx& tx);
  void start_turn(Tx& tx);
  std::shared_ptr<WriteBatch> end_turn(Tx& tx, TurnEnd how) noexcept;
  void commit_batch(Tx& tx, WriteBatch& batch) noexcept;
  // Calls `then` once the done batch is on disk, or with its error.
  void when_durable(const WriteBatch& batch, std::function<void(std::exception_ptr)> then) noexcept;
  Kind kind_;
  std::string url_;
  std::unique_ptr<soci::connection_pool> pool_;
  std::vector<std::unique_ptr<KeptStatements>> kept_;  // per pool slot; only the slot's leaseholder touches it
  std::size_t pool_size_;
  std::atomic<std::size_t> in_use_{0};
  std::atomic<std::uint64_t> statements_prepared_{0}, write_commits_{0}, write_flushes_{0};
  std::atomic<std::size_t> statements_kept_{0};
  // SQLite writes: the writer connection and its statements, taken in turns under writer_mu_. The batch is
  // the open transaction that the turns share until one of them commits it; only the turn's holder touches
  // batch_ and batch_size_.
  std::unique_ptr<soci::session> writer_;
  std::unique_ptr<KeptStatements> writer_kept_;
  std::mutex writer_mu_;
  std::atomic<int> writers_waiting_{0};
  std::atomic<int> others_waiting_{0};  // of them, on threads other than the writer thread
  std::atomic<std::int64_t> writer_held_ns_{0};
  std::function<int()> before_durable_;
  void run_before_durable();  // throws std::system_error when the hook fails
  void release_writer(Tx& tx);
  // SQLite: the thread that flushes the write-ahead log after commits (see WalFlusher in database.cpp).
  struct WalFlusher;
  std::unique_ptr<WalFlusher> wal_;
  // SQLite: the thread that runs the use cases given to run_write (see WriterThread in database.cpp).
  struct WriteJob;
  struct WriterThread;
  std::unique_ptr<WriterThread> writer_thread_;
  std::shared_ptr<WriteBatch> batch_;
  std::size_t batch_size_ = 0;  // use cases released into the batch
  std::unique_ptr<ConfigCache> config_cache_;  // see Tx::config_cached
};

// Tx::config_cached for a value of type T: a copy of what `load(tx)` returned under the current generation.
template <class T, class Load>
T config_cached(Tx& tx, const std::string& key, Load&& load) {
  const auto kept = tx.config_cached(key, [&](Tx& t) -> std::shared_ptr<const void> { return std::make_shared<const T>(load(t)); });
  return *std::static_pointer_cast<const T>(kept);
}

// Database::run_write for a use case that returns what it wrote: `use_case(tx)` commits and returns a T.
template <class T, class UseCase>
T run_write(Database& db, UseCase&& use_case) {
  std::optional<T> result;
  db.run_write([&](Tx& tx) { result.emplace(use_case(tx)); });
  return std::move(*result);
}

// True when the exception is a unique-constraint violation from either database: two requests raced to
// create the same thing, and the loser should get 409, not 500.
bool is_unique_violation(const std::exception& e);

}  // namespace zp::db
