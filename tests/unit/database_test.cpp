#include <gtest/gtest.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <atomic>
#include <chrono>
#include <future>
#include <filesystem>
#include <thread>

#include "core/deferred.hpp"
#include "db/database.hpp"
#include "db/row.hpp"

using namespace zp;

class SqliteDatabase : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("zp-db-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    db_ = db::Database::open("sqlite:" + (dir_ / "t.db").string(), 4);
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
  std::unique_ptr<db::Database> db_;
};

TEST_F(SqliteDatabase, MigrateTwiceAppliesOnce) {
  EXPECT_FALSE(db_->migrate().empty());
  EXPECT_TRUE(db_->migrate().empty());
  EXPECT_EQ(db_->schema_version(), db::Database::latest_version());
}

TEST_F(SqliteDatabase, UniqueViolationIsRecognised) {
  db_->migrate();
  auto tx = db_->write();
  tx.sql() << "INSERT INTO orgs (kind, name, credit_code, created_at, updated_at) VALUES ('unit', 'a', 'X', 0, 0)";
  try {
    tx.sql() << "INSERT INTO orgs (kind, name, credit_code, created_at, updated_at) VALUES ('unit', 'b', 'X', 0, 0)";
    FAIL() << "duplicate accepted";
  } catch (const std::exception& e) {
    EXPECT_TRUE(db::is_unique_violation(e));
  }
  try {  // a foreign-key failure is not a duplicate
    tx.sql() << "INSERT INTO role_assignments (user_id, role, org_id, created_at) VALUES (999, 'office', 999, 0)";
    FAIL() << "foreign key not enforced";
  } catch (const std::exception& e) {
    EXPECT_FALSE(db::is_unique_violation(e));
  }
  try {
    tx.sql() << "SELECT nothing FROM nowhere";
    FAIL();
  } catch (const std::exception& e) {
    EXPECT_FALSE(db::is_unique_violation(e));
  }
}

TEST_F(SqliteDatabase, UncommittedTransactionRollsBack) {
  db_->migrate();
  {
    auto tx = db_->write();
    tx.sql() << "INSERT INTO orgs (kind, name, created_at, updated_at) VALUES ('unit', 'gone', 0, 0)";
  }
  auto tx = db_->read();
  long long n = -1;
  tx.sql() << "SELECT COUNT(*) FROM orgs", soci::into(n);
  EXPECT_EQ(n, 0);
}

TEST_F(SqliteDatabase, ConcurrentWritersNeverSeeLocked) {
  db_->migrate();
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        try {
          auto tx = db_->write();
          const std::string name = std::to_string(t) + "-" + std::to_string(i);
          tx.sql() << "INSERT INTO orgs (kind, name, created_at, updated_at) VALUES ('unit', :n, 0, 0)", soci::use(name);
          tx.commit();
        } catch (...) {
          ++failures;
        }
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures, 0);
  auto tx = db_->read();
  long long n = 0;
  tx.sql() << "SELECT COUNT(*) FROM orgs", soci::into(n);
  EXPECT_EQ(n, 400);
}

TEST(DatabaseUrl, RefusesUnknownScheme) {
  EXPECT_THROW(db::Database::open("mysql://x", 1), std::invalid_argument);
}

namespace {
long long count_orgs(db::Tx& tx, const std::string& name) {
  static const std::string sql = "SELECT COUNT(*) FROM orgs WHERE name = :n";
  auto rows = tx.query(sql, name);
  long long n = -1;
  if (rows.next()) n = std::stoll(rows.row().get<std::string>(0));
  return n;
}
const std::string kInsertOrg = "INSERT INTO orgs (kind, name, credit_code, created_at, updated_at) VALUES ('unit', :n, :c, 0, 0)";
}  // namespace

TEST_F(SqliteDatabase, KeptStatementsAreCompiledOncePerConnection) {
  db_->migrate();
  {
    auto tx = db_->write();
    tx.exec(kInsertOrg, std::string("a"), std::optional<std::string>());
    tx.exec(kInsertOrg, "b", std::optional<std::string>("CODE-B"));
    EXPECT_EQ(count_orgs(tx, "a"), 1);
    tx.commit();
  }
  const auto before = db_->pool_stats().statements_prepared;
  for (int i = 0; i < 20; ++i) {
    auto tx = db_->write();
    tx.exec(kInsertOrg, "n" + std::to_string(i), std::optional<std::string>());
    EXPECT_EQ(count_orgs(tx, "n" + std::to_string(i)), 1);
    EXPECT_EQ(count_orgs(tx, "b"), 1);
    tx.commit();
  }
  EXPECT_EQ(db_->pool_stats().statements_prepared, before);  // BEGIN, the statements and COMMIT: all kept
  auto tx = db_->read();
  static const std::string code_of = "SELECT credit_code FROM orgs WHERE name = :n";
  auto a = tx.query(code_of, "a");
  ASSERT_TRUE(a.next());
  EXPECT_EQ(a.row().get_indicator(0), soci::i_null);
}

TEST_F(SqliteDatabase, KeptStatementStoppedEarlyKeepsNoSnapshot) {
  db_->migrate();
  {
    auto tx = db_->write();
    tx.exec(kInsertOrg, "x1", std::optional<std::string>());
    tx.exec(kInsertOrg, "x2", std::optional<std::string>());
    tx.commit();
  }
  static const std::string all = "SELECT name FROM orgs ORDER BY id";
  {
    auto tx = db_->read();  // the pool leases the first free connection: this one, and again below
    {
      auto rows = tx.query(all);
      ASSERT_TRUE(rows.next());  // the first row only: the statement stops mid-way
    }
    tx.commit();
  }
  {
    auto first = db_->read();  // the same connection as above, in a transaction while another writes
    auto other = db_->write();
    other.exec(kInsertOrg, "x3", std::optional<std::string>());
    other.commit();
    first.commit();
  }
  auto tx = db_->read();
  EXPECT_EQ(count_orgs(tx, "x3"), 1);  // a statement left mid-way would have kept the older snapshot
  int n = 0;
  for (auto rows = tx.query(all); rows.next();) ++n;
  EXPECT_EQ(n, 3);
}

TEST_F(SqliteDatabase, KeptStatementNestedInItsOwnLoopAndAfterAnError) {
  db_->migrate();
  auto tx = db_->write();
  tx.exec(kInsertOrg, "p", std::optional<std::string>("C1"));
  tx.exec(kInsertOrg, "q", std::optional<std::string>("C2"));
  static const std::string names = "SELECT name FROM orgs WHERE name <> :n ORDER BY name";
  std::vector<std::string> pairs;
  for (auto outer = tx.query(names, ""); outer.next();) {
    const auto o = outer.row().get<std::string>(0);
    for (auto inner = tx.query(names, o); inner.next();) pairs.push_back(o + inner.row().get<std::string>(0));
  }
  EXPECT_EQ(pairs, (std::vector<std::string>{"pq", "qp"}));
  try {
    tx.exec(kInsertOrg, "r", std::optional<std::string>("C1"));
    FAIL() << "duplicate accepted";
  } catch (const std::exception& e) {
    EXPECT_TRUE(db::is_unique_violation(e));
  }
  tx.exec(kInsertOrg, "r", std::optional<std::string>("C3"));
  EXPECT_EQ(count_orgs(tx, "r"), 1);
  static const std::string update = "UPDATE orgs SET name = :n WHERE credit_code = :c";
  EXPECT_EQ(tx.exec(update, "s", "C3"), 1);
  EXPECT_EQ(tx.exec(update, "s", "none"), 0);
}

namespace {
void wait_for_writers(db::Database& db, int n) {
  for (int i = 0; i < 5000 && db.pool_stats().writers_waiting < n; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  ASSERT_EQ(db.pool_stats().writers_waiting, n);
}
}  // namespace

TEST_F(SqliteDatabase, WritersWaitingShareOneCommitAndAFailedOneLeavesTheOthers) {
  db_->migrate();
  const auto before = db_->pool_stats();
  auto first = db_->write();
  first.exec(kInsertOrg, "a", std::optional<std::string>());
  std::thread failing([&] {
    try {
      auto tx = db_->write();
      tx.exec(kInsertOrg, "b", std::optional<std::string>());
      throw std::runtime_error("refused");  // no commit: rolled back
    } catch (const std::runtime_error&) {
    }
  });
  std::thread committing([&] {
    auto tx = db_->write();
    tx.exec(kInsertOrg, "c", std::optional<std::string>());
    tx.commit();
  });
  wait_for_writers(*db_, 2);
  first.commit();  // both others are waiting: the last of the three to finish commits for all
  failing.join();
  committing.join();
  const auto after = db_->pool_stats();
  EXPECT_EQ(after.write_commits - before.write_commits, 2u);
  EXPECT_EQ(after.write_flushes - before.write_flushes, 1u);
  auto tx = db_->read();
  EXPECT_EQ(count_orgs(tx, "a"), 1);
  EXPECT_EQ(count_orgs(tx, "b"), 0);
  EXPECT_EQ(count_orgs(tx, "c"), 1);
}

TEST_F(SqliteDatabase, WriteThatFailsInsideASharedCommitIsRolledBackAlone) {
  db_->migrate();
  {
    auto tx = db_->write();
    tx.exec(kInsertOrg, "taken", std::optional<std::string>("CODE"));
    tx.commit();
  }
  auto first = db_->write();
  first.exec(kInsertOrg, "kept", std::optional<std::string>());
  std::atomic<bool> refused{false};
  std::thread duplicate([&] {
    auto tx = db_->write();
    tx.exec(kInsertOrg, "also kept", std::optional<std::string>());
    try {
      tx.exec(kInsertOrg, "duplicate", std::optional<std::string>("CODE"));
      tx.commit();
    } catch (const std::exception& e) {
      refused = db::is_unique_violation(e);
    }
  });
  wait_for_writers(*db_, 1);
  first.commit();
  duplicate.join();
  EXPECT_TRUE(refused);
  auto tx = db_->read();
  EXPECT_EQ(count_orgs(tx, "kept"), 1);
  EXPECT_EQ(count_orgs(tx, "also kept"), 0);  // the failed use case's earlier write goes with it
  EXPECT_EQ(count_orgs(tx, "duplicate"), 0);
}

// Regression: each use case of a shared commit runs in a savepoint, and once the savepoint's journal of pages to
// restore passed SQLite's 64 KiB it went to a temporary file (etilqs_*), two pwrite calls per page.
TEST_F(SqliteDatabase, ASavepointsJournalIsKeptInMemory) {
  db_->migrate();
  {
    auto tx = db_->write();
    tx.sql() << "CREATE TABLE wide (id INTEGER PRIMARY KEY, body BLOB)";
    for (int i = 0; i != 100; ++i) tx.sql() << "INSERT INTO wide (body) VALUES (randomblob(3000))";
    tx.commit();
  }
  auto temporary_files_open = [] {
    int n = 0;
    for (const auto& fd : std::filesystem::directory_iterator("/proc/self/fd")) {
      std::error_code ec;
      const auto target = std::filesystem::read_symlink(fd.path(), ec);
      if (!ec && target.filename().string().find("etilqs_") != std::string::npos) ++n;
    }
    return n;
  };
  auto tx = db_->write();
  tx.sql() << "UPDATE wide SET body = randomblob(3000) WHERE id = 1";
  tx.sql() << "SAVEPOINT use_case_test";
  tx.sql() << "UPDATE wide SET body = randomblob(3000)";  // about 100 pages, 400 KiB of journal
  EXPECT_EQ(temporary_files_open(), 0);
  tx.sql() << "ROLLBACK TO use_case_test";
  tx.sql() << "RELEASE use_case_test";
  tx.commit();
}

// A connection is used by one thread at a time, so SQLite is run without a mutex per connection: it would be taken
// and released on every bind, step, column and reset.
TEST_F(SqliteDatabase, ConnectionsTakeNoMutexOfTheirOwn) {
  using namespace sqlite_api;
  const auto connection = [](db::Tx& tx) { return static_cast<soci::sqlite3_session_backend*>(tx.sql().get_backend())->conn_; };
  {
    auto tx = db_->read();
    EXPECT_EQ(sqlite3_db_mutex(connection(tx)), nullptr);
  }
  auto tx = db_->write();
  EXPECT_EQ(sqlite3_db_mutex(connection(tx)), nullptr);
}

TEST_F(SqliteDatabase, WriteTransactionCannotBeUsedAfterCommit) {
  db_->migrate();
  auto tx = db_->write();
  tx.commit();
  EXPECT_THROW(tx.sql(), std::logic_error);
}

// Starts a wait a commit left in a DeferScope; the future gets its outcome (null when it went well).
std::future<std::exception_ptr> start_waiting(const core::Await& wait) {
  auto outcome = std::make_shared<std::promise<std::exception_ptr>>();
  wait([outcome](std::exception_ptr e) { outcome->set_value(e); });
  return outcome->get_future();
}

// SQLite commits without waiting for the disk and the flusher makes them durable: inside a DeferScope a commit is
// visible at once and leaves one wait, which completes once the log is flushed; outside one, commit() returns only
// after that flush.
TEST_F(SqliteDatabase, ACommitInADeferScopeIsVisibleAtOnceAndLeavesItsFlushToTheCaller) {
  db_->migrate();
  const auto before = db_->pool_stats();
  std::vector<core::Await> waits;
  {
    core::DeferScope scope;
    auto tx = db_->write();
    tx.exec(kInsertOrg, "deferred", std::optional<std::string>());
    tx.commit();
    waits = scope.take();
    auto read = db_->read();
    EXPECT_EQ(count_orgs(read, "deferred"), 1) << "committed: other transactions see it";
  }
  ASSERT_EQ(waits.size(), 1u);
  auto done = start_waiting(waits[0]);
  ASSERT_EQ(done.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_EQ(done.get(), nullptr);
  EXPECT_GE(db_->pool_stats().write_flushes - before.write_flushes, 1u);
  EXPECT_EQ(db_->pool_stats().write_commits - before.write_commits, 1u);

  {  // a scope in which nothing is written leaves nothing to wait for
    core::DeferScope scope;
    auto read = db_->read();
    EXPECT_EQ(count_orgs(read, "deferred"), 1);
    EXPECT_TRUE(scope.take().empty());
  }
}

// run_write in a DeferScope: the use case's commit returns when its turn ends although the commit it shares with
// the writer queued behind it has not happened yet; its wait completes once that commit is flushed.
TEST_F(SqliteDatabase, RunWriteReturnsAtTheEndOfItsTurnAndItsWaitCoversTheSharedCommit) {
  db_->migrate();
  std::vector<core::Await> waits;
  std::promise<void> second_may_commit;
  std::thread second;
  {
    core::DeferScope scope;
    db_->run_write([&](db::Tx& tx) {
      tx.exec(kInsertOrg, "first", std::optional<std::string>());
      second = std::thread([&] {  // waits for the writer, then continues the batch
        auto other = db_->write();
        other.exec(kInsertOrg, "second", std::optional<std::string>());
        second_may_commit.get_future().wait();
        other.commit();
      });
      while (db_->pool_stats().writers_waiting == 0) std::this_thread::yield();
      tx.commit();  // another writer waits: the batch goes on, and this returns without waiting for its commit
    });
    waits = scope.take();
  }
  ASSERT_EQ(waits.size(), 1u);
  {
    auto read = db_->read();
    EXPECT_EQ(count_orgs(read, "first"), 0) << "not committed yet: the second use case holds the batch open";
  }
  auto done = start_waiting(waits[0]);
  EXPECT_EQ(done.wait_for(std::chrono::milliseconds(0)), std::future_status::timeout);
  second_may_commit.set_value();
  second.join();
  ASSERT_EQ(done.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_EQ(done.get(), nullptr);
  auto read = db_->read();
  EXPECT_EQ(count_orgs(read, "first"), 1);
  EXPECT_EQ(count_orgs(read, "second"), 1);
}

// The shared commit failing reaches the use case's wait as an error (here: its flush fails).
TEST_F(SqliteDatabase, RunWriteWhoseCommitCannotBeFlushedGetsTheError) {
  db_->migrate();
  db_->set_before_durable([] { return EIO; });
  std::vector<core::Await> waits;
  {
    core::DeferScope scope;
    db_->run_write([&](db::Tx& tx) {
      tx.exec(kInsertOrg, "lost", std::optional<std::string>());
      tx.commit();
    });
    waits = scope.take();
  }
  ASSERT_EQ(waits.size(), 1u);
  auto done = start_waiting(waits[0]);
  ASSERT_EQ(done.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_NE(done.get(), nullptr);
}

// Without a DeferScope (the command line, background loops) run_write itself waits for the commit and its flush,
// and a failed flush is its error.
TEST_F(SqliteDatabase, RunWriteWithoutADeferScopeReturnsOnceDurable) {
  db_->migrate();
  const auto before = db_->pool_stats();
  db_->run_write([&](db::Tx& tx) {
    tx.exec(kInsertOrg, "durable", std::optional<std::string>());
    tx.commit();
  });
  EXPECT_GE(db_->pool_stats().write_flushes - before.write_flushes, 1u);
  auto read = db_->read();
  EXPECT_EQ(count_orgs(read, "durable"), 1);

  db_->set_before_durable([] { return EIO; });
  EXPECT_THROW(db_->run_write([&](db::Tx& tx) {
    tx.exec(kInsertOrg, "not durable", std::optional<std::string>());
    tx.commit();
  }),
               std::system_error);
}

// A use case that throws, or returns without committing, is rolled back alone; the error reaches the caller and
// the use cases around it are kept.
TEST_F(SqliteDatabase, RunWriteRollsBackAUseCaseThatThrowsOrDoesNotCommit) {
  db_->migrate();
  std::vector<std::thread> callers;
  std::atomic<int> refused{0};
  for (int t = 0; t != 4; ++t)
    callers.emplace_back([&, t] {
      for (int i = 0; i != 25; ++i) {
        const auto name = "org " + std::to_string(t) + "-" + std::to_string(i);
        try {
          db_->run_write([&](db::Tx& tx) {
            tx.exec(kInsertOrg, name, std::optional<std::string>());
            if (i % 5 == 1) throw std::runtime_error("refused");
            if (i % 5 == 2) return;  // no commit
            tx.commit();
          });
        } catch (const std::runtime_error& e) {
          if (std::string(e.what()) == "refused") ++refused;
        }
      }
    });
  for (auto& c : callers) c.join();
  EXPECT_EQ(refused.load(), 20);
  auto read = db_->read();
  for (int t = 0; t != 4; ++t)
    for (int i = 0; i != 25; ++i)
      EXPECT_EQ(count_orgs(read, "org " + std::to_string(t) + "-" + std::to_string(i)), i % 5 == 1 || i % 5 == 2 ? 0 : 1)
          << t << "-" << i;
}

// A use case waiting for the writer on another thread is not overtaken by the use cases queued for the writer
// thread after it: the writer thread, always running, would otherwise take the unfair mutex back first.
TEST_F(SqliteDatabase, AWriteWaitingOnAnotherThreadGoesBeforeTheUseCasesQueuedAfterIt) {
  db_->migrate();
  std::thread direct;
  std::vector<std::thread> queued;
  db_->run_write([&](db::Tx& tx) {
    tx.exec(kInsertOrg, "holding", std::optional<std::string>());
    direct = std::thread([&] {
      auto other = db_->write();
      other.exec(kInsertOrg, "direct", std::optional<std::string>());
      other.commit();
    });
    while (db_->pool_stats().writers_waiting < 1) std::this_thread::yield();
    for (int i = 0; i != 8; ++i)
      queued.emplace_back([&] {
        db_->run_write([&](db::Tx& later) {
          later.exec(kInsertOrg, "queued", std::optional<std::string>());
          later.commit();
        });
      });
    while (db_->pool_stats().writers_waiting < 9) std::this_thread::yield();
    tx.commit();
  });
  direct.join();
  for (auto& q : queued) q.join();
  auto read = db_->read();
  auto id_of = [&](const std::string& name) {
    auto rows = read.query("SELECT MIN(id) FROM orgs WHERE name = :n", name);
    EXPECT_TRUE(rows.next());
    return db::int64_at(rows.row(), 0);
  };
  EXPECT_LT(id_of("direct"), id_of("queued"));
}

TEST_F(SqliteDatabase, ACommitOutsideADeferScopeReturnsOnceFlushed) {
  db_->migrate();
  const auto before = db_->pool_stats();
  auto tx = db_->write();
  tx.exec(kInsertOrg, "waited", std::optional<std::string>());
  tx.commit();
  EXPECT_EQ(db_->pool_stats().write_flushes - before.write_flushes, 1u) << "flushed before commit() returned";
  EXPECT_EQ(core::DeferScope::current(), nullptr);
}

// What a commit refers to outside the database (files in packs) is flushed first: the hook runs before a commit
// is reported durable, and a hook that fails makes the commit fail instead of being answered as kept.
TEST_F(SqliteDatabase, TheBeforeDurableHookRunsBeforeACommitIsDurable) {
  std::atomic<int> calls{0};
  db_->set_before_durable([&] { return ++calls, 0; });
  db_->migrate();
  const int after_migrations = calls.load();
  EXPECT_GE(after_migrations, 1);
  auto tx = db_->write();
  tx.exec(kInsertOrg, "hooked", std::optional<std::string>());
  tx.commit();
  EXPECT_GT(calls.load(), after_migrations) << "ran before commit() returned";
}

TEST_F(SqliteDatabase, AFailingBeforeDurableHookFailsTheCommitAndLaterOnes) {
  db_->migrate();
  db_->set_before_durable([] { return EIO; });
  auto tx = db_->write();
  tx.exec(kInsertOrg, "not kept", std::optional<std::string>());
  EXPECT_THROW(tx.commit(), std::system_error);
  auto again = db_->write();
  again.exec(kInsertOrg, "nor this", std::optional<std::string>());
  EXPECT_THROW(again.commit(), std::system_error) << "nothing is trusted to the disk until a restart";
}

TEST(DatabaseWithoutFlusher, TheBeforeDurableHookRunsBeforeCommit) {
  auto db = db::Database::open("sqlite::memory:", 1);
  std::atomic<int> calls{0};
  db->set_before_durable([&] { return ++calls, 0; });
  db->migrate();
  EXPECT_GE(calls.load(), 1);
  db->set_before_durable([] { return ENOSPC; });
  auto tx = db->write();
  tx.exec(kInsertOrg, "x", std::optional<std::string>());
  EXPECT_THROW(tx.commit(), std::system_error);
}

namespace {
// A value kept by config_cached: the series' name, with how many times it was read from the database.
struct SeriesName {
  std::string name;
};
std::string cached_series_name(db::Tx& tx, int& loads) {
  return db::config_cached<SeriesName>(tx, "series-name", [&](db::Tx& t) {
           ++loads;
           std::string name;
           t.sql() << "SELECT name FROM series WHERE code = 'S'", soci::into(name);
           return SeriesName{name};
         }).name;
}
}  // namespace

class SqliteConfigCache : public SqliteDatabase {
 protected:
  void SetUp() override {
    SqliteDatabase::SetUp();
    db_->migrate();
    auto tx = db_->write();
    tx.sql() << "INSERT INTO orgs (kind, name, credit_code, created_at, updated_at) VALUES ('office', 'o', 'X', 0, 0)";
    tx.sql() << "INSERT INTO series (code, name, owner_org_id, created_at, updated_at) VALUES ('S', 'first', 1, 0, 0)";
    tx.commit();
  }
  std::string read_name(int& loads) {
    auto tx = db_->read();
    return cached_series_name(tx, loads);
  }
  void rename(const std::string& name) {
    auto tx = db_->write();
    tx.sql() << "UPDATE series SET name = :n WHERE code = 'S'", soci::use(name);
    tx.commit();
  }
};

TEST_F(SqliteConfigCache, KeptWhileNothingChangesAndReadAgainAfterAChange) {
  int loads = 0;
  for (int i = 0; i < 3; ++i) EXPECT_EQ(read_name(loads), "first");
  EXPECT_EQ(loads, 1);
  rename("second");
  EXPECT_EQ(read_name(loads), "second");
  EXPECT_EQ(loads, 2);
  {  // a change to another table of the catalog also counts (the key does not say what a value depends on)
    auto tx = db_->write();
    tx.sql() << "INSERT INTO specialties (series_id, code, name) VALUES (1, 'a', 'b')";
    tx.commit();
  }
  EXPECT_EQ(read_name(loads), "second");
  EXPECT_EQ(loads, 3);
}

TEST_F(SqliteConfigCache, AChangeRolledBackNeverServesWhatWasReadUnderIt) {
  int loads = 0;
  {
    auto tx = db_->write();
    tx.sql() << "UPDATE series SET name = 'rolled back' WHERE code = 'S'";
    EXPECT_EQ(cached_series_name(tx, loads), "rolled back");
  }  // not committed
  EXPECT_EQ(read_name(loads), "first");
  rename("kept");
  EXPECT_EQ(read_name(loads), "kept");
  EXPECT_EQ(loads, 3);
}

TEST_F(SqliteConfigCache, OtherTablesLeaveItKept) {
  int loads = 0;
  read_name(loads);
  {
    auto tx = db_->write();
    tx.sql() << "INSERT INTO orgs (kind, name, credit_code, created_at, updated_at) VALUES ('unit', 'u', 'Y', 0, 0)";
    tx.commit();
  }
  read_name(loads);
  EXPECT_EQ(loads, 1);
}
