#pragma once
// Mail copies of in-app messages: the settings of the [mail] section and the outbox rows.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace zp::mail {

struct Settings {
  std::string smtp_url;  // smtp://host:587 (STARTTLS when offered, required with a username) or smtps://host:465; empty = no mail
  std::string from;      // "职称评审系统 <noreply@example.gov.cn>" or a bare address
  std::string username, password;
  int poll_ms = 5000;     // how often the sender looks for due mails
  int max_attempts = 5;   // tries per mail before it is marked failed
  std::vector<int> retry_delays_s = {60, 300, 1800, 7200};  // wait after the 1st, 2nd, … failure; the last repeats
  bool enabled() const { return !smtp_url.empty(); }
};

struct OutboxMail {
  std::int64_t id = 0, user_id = 0;
  std::optional<std::int64_t> message_id;
  std::string to_address, subject, body;
  std::string status;  // queued, sending, sent, failed
  int attempts = 0;
  std::optional<std::string> last_error, claimed_by;
  std::int64_t next_attempt_at = 0, created_at = 0;
  std::optional<std::int64_t> sent_at;
};

// What messages::post hands over: the stored message and its recipient.
struct MessageCopy {
  std::int64_t message_id = 0, user_id = 0;
  std::string title, title_en, body;
};

}  // namespace zp::mail
