#include <gtest/gtest.h>
#include <soci/soci.h>

#include <filesystem>
#include <thread>

#include "db/database.hpp"

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
