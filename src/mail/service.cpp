#include "mail/service.hpp"

#include <algorithm>
#include <atomic>
#include <stdexcept>

#include "authz/authz.hpp"
#include "core/time.hpp"
#include "mail/mime.hpp"
#include "org/store.hpp"

namespace zp::mail {

namespace {
std::atomic<bool> copies_on{false};

std::string without_final_stop(std::string text) {
  constexpr std::string_view kStop = "。";
  if (text.size() >= kStop.size() && text.compare(text.size() - kStop.size(), kStop.size(), kStop) == 0)
    text.resize(text.size() - kStop.size());
  return text;
}
}  // namespace

void set_copies_enabled(bool enabled) { copies_on = enabled; }
bool copies_enabled() { return copies_on; }

void queue_copy(db::Tx& tx, const MessageCopy& message) {
  if (!copies_enabled()) return;
  const auto to = recipient_of(tx, message.user_id);
  if (!to) return;
  insert_mail(tx, compose_copy(*to, message, timeutil::now_ms()));
}

OutboxMail compose_copy(const Recipient& to, const MessageCopy& message, std::int64_t now) {
  OutboxMail m;
  m.message_id = message.message_id;
  m.user_id = message.user_id;
  m.to_address = to.email;
  m.subject = "【职称评审】" + without_final_stop(message.title);
  std::string body = (to.real_name.empty() ? std::string("您好：") : to.real_name + "，您好：") + "\n\n" + message.title + "\n";
  if (!message.body.empty()) body += message.body + "\n";
  body += "\n详情请登录职称申报评审系统，在消息中心查看。\n此邮件由系统自动发送，请勿回复。\n\n";
  body += message.title_en + "\n";
  body += "See the message centre of the professional-title system for details. This mail was sent automatically; do not reply.\n";
  m.body = std::move(body);
  m.status = "queued";
  m.next_attempt_at = now;
  m.created_at = now;
  return m;
}

std::optional<std::int64_t> retry_delay_ms(int attempts_made, const Settings& settings) {
  if (attempts_made >= settings.max_attempts || settings.retry_delays_s.empty()) return std::nullopt;
  const auto index = std::min<std::size_t>(static_cast<std::size_t>(std::max(attempts_made, 1)) - 1, settings.retry_delays_s.size() - 1);
  return static_cast<std::int64_t>(settings.retry_delays_s[index]) * 1000;
}

void check_settings(const Settings& s) {
  if (!s.enabled()) return;
  if (s.smtp_url.rfind("smtp://", 0) != 0 && s.smtp_url.rfind("smtps://", 0) != 0)
    throw std::invalid_argument("mail.smtp_url must start with smtp:// or smtps://");
  if (!parse_mailbox(s.from)) throw std::invalid_argument("mail.from must be an address, e.g. \"职称评审系统 <noreply@example.gov.cn>\"");
  if (s.poll_ms < 50) throw std::invalid_argument("mail.poll_ms must be at least 50");
  if (s.max_attempts < 1 || s.max_attempts > 100) throw std::invalid_argument("mail.max_attempts must be between 1 and 100");
  if (s.retry_delays_s.empty()) throw std::invalid_argument("mail.retry_delays_s must list at least one delay");
  for (int d : s.retry_delays_s)
    if (d < 1) throw std::invalid_argument("mail.retry_delays_s must be whole seconds of at least 1");
  if (!s.username.empty() && s.password.empty()) throw std::invalid_argument("mail.password is required with mail.username");
}

std::vector<OutboxMail> Service::outbox(const authz::Actor& actor, const OutboxFilter& filter, std::int64_t* total) {
  auto tx = db_.read();
  authz_.require_path(actor, authz::Action::mail_outbox_view, org::root_path(tx));
  return list_mails(tx, filter, total);
}

}  // namespace zp::mail
