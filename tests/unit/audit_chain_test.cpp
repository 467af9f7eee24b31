#include <gtest/gtest.h>
#include <soci/soci.h>

#include <filesystem>

#include "audit/store.hpp"
#include "db/database.hpp"

using namespace zp;

class AuditChain : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() / ("zp-audit-" + std::to_string(::getpid()) + ".db");
    std::filesystem::remove(path_);
    db_ = db::Database::open("sqlite:" + path_.string(), 2);
    db_->migrate();
    auto tx = db_->write();
    audit::Origin o;
    o.login = "office1";
    o.user_id = 5;
    o.ip = "127.0.0.1";
    for (int i = 0; i < 5; ++i) audit::append(tx, o, {"org.update", "org", std::to_string(i), "row " + std::to_string(i)});
    tx.commit();
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove(path_);
    std::filesystem::remove(path_.string() + "-wal");
    std::filesystem::remove(path_.string() + "-shm");
  }
  audit::VerifyResult verify() {
    auto tx = db_->read();
    return audit::verify(tx);
  }
  std::filesystem::path path_;
  std::unique_ptr<db::Database> db_;
};

TEST_F(AuditChain, IntactChainVerifies) {
  const auto r = verify();
  EXPECT_TRUE(r.intact);
  EXPECT_EQ(r.rows, 5);
}

TEST_F(AuditChain, TamperedSummaryIsFoundAtItsRow) {
  {
    auto tx = db_->write();
    tx.sql() << "UPDATE audit_log SET summary = 'nothing happened' WHERE id = 3";
    tx.commit();
  }
  const auto r = verify();
  EXPECT_FALSE(r.intact);
  ASSERT_TRUE(r.first_broken_id);
  EXPECT_EQ(*r.first_broken_id, 3);
}

TEST_F(AuditChain, DeletedRowBreaksTheNextOne) {
  {
    auto tx = db_->write();
    tx.sql() << "DELETE FROM audit_log WHERE id = 2";
    tx.commit();
  }
  const auto r = verify();
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(*r.first_broken_id, 3);
}

TEST_F(AuditChain, RehashedRowStillBreaksTheChainAfterIt) {
  // Someone edits row 2 and recomputes its own hash: row 3's prev_hash no longer matches.
  {
    auto tx = db_->write();
    tx.sql() << "UPDATE audit_log SET summary = 'edited' WHERE id = 2";
    audit::Row row;
    soci::rowset<soci::row> rs = (tx.sql().prepare << "SELECT at, actor_login, acting_as_login, ip, action, object_type, "
                                                      "object_id, summary, prev_hash FROM audit_log WHERE id = 2");
    for (const auto& r : rs) {
      row.at = r.get<long long>(0);
      row.actor_login = r.get<std::string>(1);
      row.acting_as_login = r.get<std::string>(2);
      row.ip = r.get<std::string>(3);
      row.action = r.get<std::string>(4);
      row.object_type = r.get<std::string>(5);
      row.object_id = r.get<std::string>(6);
      row.summary = r.get<std::string>(7);
      row.prev_hash = r.get<std::string>(8);
    }
    row.actor_user_id = 5;
    row.acting_as_user_id = 5;
    const std::string h = audit::row_hash(row);
    tx.sql() << "UPDATE audit_log SET hash = :h WHERE id = 2", soci::use(h);
    tx.commit();
  }
  const auto r = verify();
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(*r.first_broken_id, 3);
}
