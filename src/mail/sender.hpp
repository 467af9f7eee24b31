#pragma once
// The background sender of `zhiping serve`: its own thread claims due outbox rows, sends them over SMTP outside
// any transaction, and records each result (sent, retry later, or failed after max_attempts).
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "db/database.hpp"
#include "mail/mime.hpp"
#include "mail/model.hpp"
#include "mail/smtp.hpp"
#include "mail/store.hpp"

namespace zp::mail {

class Sender {
 public:
  // A mail left in sending this long is taken back: longer than any SMTP exchange may last.
  static constexpr std::int64_t kStaleClaimMs = 5 * 60 * 1000;
  static constexpr int kBatch = 20;

  Sender(db::Database& db, Settings settings);
  ~Sender();
  void start();
  void stop();  // aborts a transfer in progress (it counts as a failed attempt) and joins the thread

  // One round: take back stale claims, claim due mails, send them. Returns how many mails were claimed.
  int run_once();
  const std::string& id() const { return id_; }

 private:
  void loop();
  void release_stale(std::int64_t now);
  void deliver(const OutboxMail& mail);
  void hand_back(const OutboxMail& mail);
  void record(const OutboxMail& mail, const AttemptOutcome& outcome, const std::string& claimer);

  db::Database& db_;
  Settings settings_;
  Mailbox from_;
  SmtpClient smtp_;
  std::string id_;  // host:pid:random, written to claimed_by
  std::atomic<bool> stopping_{false};
  std::mutex mu_;
  std::condition_variable wake_;
  std::thread thread_;
};

}  // namespace zp::mail
