#include "db/database.hpp"

#include <soci/connection-pool.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <boost/url/parse.hpp>
#include <stdexcept>

#include "core/time.hpp"
#include "db/migrations.hpp"

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

Database::Database(Kind kind, std::string url, std::size_t pool_size)
    : kind_(kind), url_(std::move(url)), pool_(std::make_unique<soci::connection_pool>(pool_size)),
      pool_size_(pool_size) {}

Database::~Database() = default;

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
    // SQLite's memory statistics take one process-wide mutex on every allocation; nothing here reads them.
    using namespace sqlite_api;
    static const int once = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    (void)once;
  }
  std::unique_ptr<Database> db(new Database(kind, url, pool_size));
  for (std::size_t i = 0; i != pool_size; ++i) {
    soci::session& s = db->pool_->at(i);
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
    } else {
      s.open(soci::postgresql, connect);
      s << "SET TIME ZONE 'UTC'";
      s << "SET client_min_messages = warning";  // no NOTICE noise from IF NOT EXISTS
    }
  }
  return db;
}

Tx::Tx(Database& db, bool write) : db_(&db), write_(write) {
  if (write && db.kind_ == Kind::sqlite) writer_lock_ = std::unique_lock(db.sqlite_writer_);
  slot_ = db.pool_->lease();
  ++db.in_use_;
  try {
    if (db.kind_ == Kind::sqlite)
      sql() << (write ? "BEGIN IMMEDIATE" : "BEGIN");
    else
      sql() << "BEGIN";
    open_ = true;
  } catch (...) {
    --db.in_use_;
    db.pool_->give_back(slot_);
    throw;
  }
}

Tx::Tx(Tx&& o) noexcept
    : db_(o.db_), slot_(o.slot_), writer_lock_(std::move(o.writer_lock_)), open_(o.open_), write_(o.write_) {
  o.db_ = nullptr;
  o.open_ = false;
}

Tx::~Tx() {
  if (!db_) return;
  if (open_) {
    try {
      sql() << "ROLLBACK";
    } catch (...) {
      // A failed rollback leaves the connection unusable for a transaction; reconnect it.
      try {
        sql().reconnect();
      } catch (...) {
      }
    }
  }
  --db_->in_use_;
  db_->pool_->give_back(slot_);
}

soci::session& Tx::sql() { return db_->pool_->at(slot_); }
Kind Tx::kind() const { return db_->kind_; }

void Tx::commit() {
  sql() << "COMMIT";
  open_ = false;
  if (write_) db_->write_commits_.fetch_add(1, std::memory_order_relaxed);
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
    int one = 0;
    tx.sql() << "SELECT 1", soci::into(one);
    return one == 1;
  } catch (...) {
    return false;
  }
}

PoolStats Database::pool_stats() const {
  return {pool_size_, in_use_.load(), statements_prepared_.load(), write_commits_.load()};
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
