#include "review/reminders.hpp"

#include <spdlog/spdlog.h>

#include "core/thread_name.hpp"
#include "core/time.hpp"
#include "messages/store.hpp"
#include "review/reminder_store.hpp"

namespace zp::review {

namespace {
constexpr std::int64_t kDeadlineNoticeMs = 3LL * 86'400'000;  // applicants hear of a deadline three days ahead
}  // namespace

int send_due_notices(db::Database& db, std::int64_t now) {
  auto tx = db.write();
  int posted = 0;
  for (const auto& d : ended_publicity(tx, now)) {
    if (!claim(tx, "publicity_end:" + std::to_string(d.dossier_id) + ":" + std::to_string(d.at), now)) continue;
    const auto n = "申报材料（编号" + std::to_string(d.dossier_id) + "）";
    const auto e = "Dossier " + std::to_string(d.dossier_id);
    if (d.state == "unit_publicity") {
      messages::post(tx, d.user_id, "publicity_ended", n + "的单位公示已期满，等待单位推荐。", "The unit publicity of " + e + " has ended; the unit recommends next.", "", d.dossier_id);
      if (d.unit_id)
        messages::post_to_role(tx, "unit_reviewer", *d.unit_id, "publicity_ended", n + "的单位公示已期满，请记录公示结果并作出推荐决定。",
                               "The unit publicity of " + e + " has ended; record its result and recommend or decline.", "", d.dossier_id);
    } else {
      messages::post(tx, d.user_id, "publicity_ended", n + "的初审结果公示已期满。", "The initial-review publicity of " + e + " has ended.", "", d.dossier_id);
      if (d.office_id)
        messages::post_to_role(tx, "office", *d.office_id, "publicity_ended", n + "的初审结果公示已期满，请作出决定。",
                               "The initial-review publicity of " + e + " has ended; decide on it.", "", d.dossier_id);
    }
    ++posted;
  }
  for (const auto& d : near_deadline(tx, now, kDeadlineNoticeMs)) {
    if (!claim(tx, "deadline:" + d.state + ":" + std::to_string(d.dossier_id) + ":" + std::to_string(d.at), now)) continue;
    const auto when = timeutil::format_shanghai(d.at);
    const auto n = "申报材料（编号" + std::to_string(d.dossier_id) + "）";
    if (d.state == "draft")
      messages::post(tx, d.user_id, "deadline_reminder", n + "尚未提交，申报将于 " + when + " 截止，请及时提交。",
                     "Dossier " + std::to_string(d.dossier_id) + " is not submitted; applications close at " + when + ".", "", d.dossier_id);
    else
      messages::post(tx, d.user_id, "deadline_reminder", n + "待您按意见修改后重新提交，办理时限至 " + when + "。",
                     "Dossier " + std::to_string(d.dossier_id) + " waits for your fixes and resubmission until " + when + ".", "", d.dossier_id);
    ++posted;
  }
  tx.commit();
  return posted;
}

ReminderLoop::ReminderLoop(db::Database& db, std::int64_t interval_ms) : db_(db), interval_ms_(interval_ms) {
  if (interval_ms_ <= 0) return;
  thread_ = std::thread([this] {
    core::name_this_thread("zp-reminders");
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      try {
        if (const int n = send_due_notices(db_, timeutil::now_ms()); n > 0) spdlog::info("reminders: {} notice(s) posted", n);
      } catch (const std::exception& e) {
        spdlog::warn("reminders: {}", e.what());  // another server may hold the writer; the next pass retries
      }
      lock.lock();
      wake_.wait_for(lock, std::chrono::milliseconds(interval_ms_), [this] { return stopping_; });
    }
  });
}

ReminderLoop::~ReminderLoop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace zp::review
