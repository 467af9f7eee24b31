#pragma once
// Notices nobody's action triggers: a publicity period that has ended (the unit or the office must now act) and a
// deadline that is near for applicants who still have something to do. A background thread looks every interval;
// each notice is recorded once in the database, so several servers can run the loop side by side.
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "db/database.hpp"

namespace zp::review {

// One pass: posts every notice due at `now`; returns how many were posted.
int send_due_notices(db::Database& db, std::int64_t now);

class ReminderLoop {
 public:
  // interval_ms <= 0 disables the loop.
  ReminderLoop(db::Database& db, std::int64_t interval_ms);
  ~ReminderLoop();
  ReminderLoop(const ReminderLoop&) = delete;
  ReminderLoop& operator=(const ReminderLoop&) = delete;

 private:
  db::Database& db_;
  std::int64_t interval_ms_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace zp::review
