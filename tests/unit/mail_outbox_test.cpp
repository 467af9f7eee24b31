// The outbox on a real SQLite database: copies are queued in the message's transaction, a claim is taken once,
// and the sender records failures with retries and gives up after max_attempts.
#include <gtest/gtest.h>
#include <soci/soci.h>
#include <unistd.h>

#include <filesystem>

#include "audit/store.hpp"
#include "core/crypto.hpp"
#include "core/time.hpp"
#include "db/database.hpp"
#include "mail/sender.hpp"
#include "mail/service.hpp"
#include "mail/store.hpp"
#include "messages/store.hpp"

using namespace zp;

class Outbox : public ::testing::Test {
 protected:
  void SetUp() override {
    crypto::init();
    dir_ = std::filesystem::temp_directory_path() / ("zp-mail-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    db_ = db::Database::open("sqlite:" + (dir_ / "t.db").string(), 2);
    db_->migrate();
    with_email_ = add_user("withmail", "zhangsan@example.com");
    without_email_ = add_user("nomail", std::nullopt);
  }
  void TearDown() override {
    mail::set_copies_enabled(false);
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::int64_t add_user(const std::string& login, const std::optional<std::string>& email) {
    auto tx = db_->write();
    std::string address = email.value_or("");
    soci::indicator ei = email ? soci::i_ok : soci::i_null;
    long long id = 0;
    tx.sql() << "INSERT INTO users (login, real_name, password_hash, email, created_at, updated_at) VALUES (:l, '张三', 'x', :e, 0, 0) "
                "RETURNING id",
        soci::use(login), soci::use(address, ei), soci::into(id);
    tx.commit();
    return id;
  }

  void post(std::int64_t user, bool commit = true) {
    auto tx = db_->write();
    messages::post(tx, user, "test", "申报材料已进入单位审核。", "The dossier is under unit review.", "", std::nullopt);
    if (commit) tx.commit();
  }

  std::vector<mail::OutboxMail> all() {
    auto tx = db_->read();
    std::int64_t total = 0;
    return mail::list_mails(tx, {"", std::nullopt, 1, 100}, &total);
  }

  static mail::Settings unreachable() {
    mail::Settings s;
    s.smtp_url = "smtp://127.0.0.1:1";  // nothing listens on port 1: the connection is refused at once
    s.from = "职称评审系统 <noreply@example.com>";
    s.max_attempts = 2;
    s.retry_delays_s = {60};
    return s;
  }

  std::filesystem::path dir_;
  std::unique_ptr<db::Database> db_;
  std::int64_t with_email_ = 0, without_email_ = 0;
};

TEST_F(Outbox, NothingIsQueuedWhenMailIsOff) {
  post(with_email_);
  EXPECT_TRUE(all().empty());
}

TEST_F(Outbox, OnlyRecipientsWithAnAddressAndOnlyCommittedMessages) {
  mail::set_copies_enabled(true);
  post(without_email_);
  post(with_email_, false);  // rolled back: no message, no mail
  EXPECT_TRUE(all().empty());
  post(with_email_);
  const auto mails = all();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].to_address, "zhangsan@example.com");
  EXPECT_EQ(mails[0].subject, "【职称评审】申报材料已进入单位审核");
  EXPECT_EQ(mails[0].status, "queued");
  EXPECT_TRUE(mails[0].message_id.has_value());
}

TEST_F(Outbox, AClaimIsTakenOnceAndOnlyItsHolderFinishesIt) {
  mail::set_copies_enabled(true);
  post(with_email_);
  const auto now = timeutil::now_ms();
  auto tx = db_->write();
  const auto due = mail::due_mail_ids(tx, now, 10);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_TRUE(mail::claim_mail(tx, due[0], "server-a", now));
  EXPECT_FALSE(mail::claim_mail(tx, due[0], "server-b", now)) << "already claimed";
  EXPECT_TRUE(mail::due_mail_ids(tx, now, 10).empty());
  EXPECT_FALSE(mail::finish_claim(tx, due[0], "server-b", {"sent", std::nullopt, now, now}));
  EXPECT_EQ(mail::stale_claims(tx, now).size(), 0u);
  EXPECT_EQ(mail::stale_claims(tx, now + 1).size(), 1u);
  EXPECT_TRUE(mail::finish_claim(tx, due[0], "server-a", {"sent", std::nullopt, now, now}));
  const auto m = mail::find_mail(tx, due[0]);
  EXPECT_EQ(m->status, "sent");
  EXPECT_EQ(m->attempts, 1);
  EXPECT_EQ(m->claimed_by, "server-a");
}

TEST_F(Outbox, FailedSendsAreRetriedLaterThenGivenUpAndAudited) {
  mail::set_copies_enabled(true);
  post(with_email_);
  mail::Sender sender(*db_, unreachable());
  const auto before = timeutil::now_ms();
  EXPECT_EQ(sender.run_once(), 1);
  auto m = all().at(0);
  EXPECT_EQ(m.status, "queued");
  EXPECT_EQ(m.attempts, 1);
  ASSERT_TRUE(m.last_error);
  EXPECT_FALSE(m.last_error->empty());
  EXPECT_GE(m.next_attempt_at, before + 60'000);
  EXPECT_EQ(sender.run_once(), 0) << "not due yet";

  {
    auto tx = db_->write();
    tx.sql() << "UPDATE mail_outbox SET next_attempt_at = 0";
    tx.commit();
  }
  EXPECT_EQ(sender.run_once(), 1);
  m = all().at(0);
  EXPECT_EQ(m.status, "failed");
  EXPECT_EQ(m.attempts, 2);
  auto tx = db_->read();
  std::int64_t total = 0;
  const auto rows = audit::list(tx, {"mail.failed", "", 1, 10}, &total);
  ASSERT_EQ(total, 1);
  EXPECT_EQ(rows[0].object_id, std::to_string(m.id));
  EXPECT_EQ(rows[0].summary.find("zhangsan@"), std::string::npos) << "the address is masked in the audit log";
}

TEST_F(Outbox, AStaleClaimIsTakenBack) {
  mail::set_copies_enabled(true);
  post(with_email_);
  {
    auto tx = db_->write();
    ASSERT_TRUE(mail::claim_mail(tx, all().at(0).id, "stopped-server", 0));  // claimed long ago
    tx.commit();
  }
  mail::Settings settings = unreachable();
  settings.max_attempts = 3;
  mail::Sender sender(*db_, settings);
  EXPECT_EQ(sender.run_once(), 1) << "taken back, then tried at once";
  const auto m = all().at(0);
  EXPECT_EQ(m.status, "queued");
  EXPECT_EQ(m.attempts, 2);
  EXPECT_EQ(m.claimed_by, sender.id());
}
