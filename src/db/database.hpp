#pragma once
// One database handle for SQLite and PostgreSQL (SOCI): a connection pool, one transaction per use case,
// and versioned migrations. SQLite writes are serialised in-process so no request sees "database is locked".
#include <atomic>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace soci {
class session;
class connection_pool;
}  // namespace soci

namespace zp::db {

enum class Kind { sqlite, postgresql };

class Database;

// A leased connection inside BEGIN … COMMIT. Rolls back unless commit() was called.
class Tx {
 public:
  Tx(Tx&&) noexcept;
  Tx& operator=(Tx&&) = delete;
  ~Tx();
  soci::session& sql();
  Kind kind() const;
  void commit();

 private:
  friend class Database;
  Tx(Database& db, bool write);
  Database* db_;
  std::size_t slot_;
  std::unique_lock<std::mutex> writer_lock_;
  bool open_ = false;
  bool write_ = false;
};

struct PoolStats {
  std::size_t size = 0, in_use = 0;
  // Since start: SQL texts compiled by the database (every prepare, on any connection), and write
  // transactions committed (each one a flush to disk on SQLite with synchronous=FULL).
  std::uint64_t statements_prepared = 0, write_commits = 0;
};

class Database {
 public:
  // url: "sqlite:PATH" or "postgresql://user@host:port/dbname" (any libpq URI).
  static std::unique_ptr<Database> open(const std::string& url, std::size_t pool_size);
  ~Database();

  Kind kind() const { return kind_; }
  Tx read() { return Tx(*this, false); }
  Tx write() { return Tx(*this, true); }

  // Applies every migration newer than the database; refuses a database newer than this binary.
  // Returns the versions applied.
  std::vector<int> migrate();
  int schema_version();
  static int latest_version();

  bool healthy();
  PoolStats pool_stats() const;
  // SQLite: copy the live database to a file with the online backup API.
  void sqlite_backup(const std::string& dest_path);

 private:
  friend class Tx;
  Database(Kind kind, std::string url, std::size_t pool_size);
  Kind kind_;
  std::string url_;
  std::unique_ptr<soci::connection_pool> pool_;
  std::size_t pool_size_;
  std::atomic<std::size_t> in_use_{0};
  std::atomic<std::uint64_t> statements_prepared_{0}, write_commits_{0};
  std::mutex sqlite_writer_;
};

// True when the exception is a unique-constraint violation from either database: two requests raced to
// create the same thing, and the loser should get 409, not 500.
bool is_unique_violation(const std::exception& e);

}  // namespace zp::db
