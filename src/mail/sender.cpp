#include "mail/sender.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>

#include "audit/store.hpp"
#include "core/crypto.hpp"
#include "core/email.hpp"
#include "core/thread_name.hpp"
#include "core/time.hpp"
#include "mail/service.hpp"

namespace zp::mail {

namespace {
// For the log: scheme, host and port only; a URL may carry user:password@.
std::string url_without_credentials(const std::string& url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return url;
  const auto host_start = scheme_end + 3;
  const auto at = url.find('@', host_start);
  const auto path = url.find('/', host_start);
  if (at == std::string::npos || (path != std::string::npos && at > path)) return url;
  return url.substr(0, host_start) + url.substr(at + 1);
}

std::string sender_id() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host) + ":" + std::to_string(getpid()) + ":" + crypto::random_token(6);
}

audit::Origin mail_sender_origin() {
  audit::Origin o;
  o.login = "system";
  o.role = "mail_sender";
  return o;
}
}  // namespace

Sender::Sender(db::Database& db, Settings settings)
    : db_(db), settings_(std::move(settings)), from_(parse_mailbox(settings_.from).value_or(Mailbox{})), smtp_(settings_),
      id_(sender_id()) {}

Sender::~Sender() { stop(); }

void Sender::start() {
  if (thread_.joinable()) return;
  spdlog::info("mail: sending through {} as {}", url_without_credentials(settings_.smtp_url), from_.address);
  thread_ = std::thread([this] {
    core::name_this_thread("zp-mail");
    loop();
  });
}

void Sender::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Sender::loop() {
  while (!stopping_) {
    int claimed = 0;
    try {
      claimed = run_once();
    } catch (const std::exception& e) {
      spdlog::error("mail: outbox round failed: {}", e.what());
    }
    if (claimed == kBatch) continue;  // more may be due at once
    std::unique_lock lock(mu_);
    wake_.wait_for(lock, std::chrono::milliseconds(settings_.poll_ms), [this] { return stopping_.load(); });
  }
}

int Sender::run_once() {
  const std::int64_t now = timeutil::now_ms();
  release_stale(now);
  std::vector<std::int64_t> due;
  {
    auto tx = db_.read();
    due = due_mail_ids(tx, now, kBatch);
  }
  if (due.empty()) return 0;
  std::vector<OutboxMail> claimed;
  {
    auto tx = db_.write();
    for (const auto id : due)
      if (claim_mail(tx, id, id_, now))
        if (auto mail = find_mail(tx, id)) claimed.push_back(std::move(*mail));
    tx.commit();
  }
  // Each mail is sent outside any transaction; only its result is written.
  for (const auto& mail : claimed) {
    if (stopping_)
      hand_back(mail);
    else
      deliver(mail);
  }
  return static_cast<int>(claimed.size());
}

void Sender::release_stale(std::int64_t now) {
  std::vector<OutboxMail> stale;
  {
    auto tx = db_.read();
    stale = stale_claims(tx, now - kStaleClaimMs);
  }
  for (const auto& mail : stale) {
    const std::string error = "claimed by " + mail.claimed_by.value_or("?") + " but not finished; the server may have stopped while sending";
    AttemptOutcome outcome{"queued", error, now};
    if (!retry_delay_ms(mail.attempts, settings_)) outcome = {"failed", error, mail.next_attempt_at};
    record(mail, outcome, mail.claimed_by.value_or(""));
  }
}

void Sender::deliver(const OutboxMail& mail) {
  const auto domain = from_.address.substr(from_.address.rfind('@') + 1);
  MimeMail mime{from_, {"", mail.to_address}, mail.subject, mail.body,
                // Stable across attempts, so a mail sent twice (a claim taken back too early) is recognisably one.
                "zhiping.outbox." + std::to_string(mail.id) + "." + std::to_string(mail.created_at) + "@" + domain,
                timeutil::now_ms()};
  const auto result = smtp_.send(from_.address, mail.to_address, build_mime(mime), stopping_);
  const std::int64_t now = timeutil::now_ms();
  AttemptOutcome outcome;
  if (result.ok) {
    outcome = {"sent", std::nullopt, mail.next_attempt_at, now};
  } else if (const auto delay = retry_delay_ms(mail.attempts, settings_)) {
    outcome = {"queued", result.error, now + *delay};
    spdlog::warn("mail: outbox {} to {} failed (attempt {} of {}), retrying in {} s: {}", mail.id, mask_email(mail.to_address),
                 mail.attempts, settings_.max_attempts, *delay / 1000, result.error);
  } else {
    outcome = {"failed", result.error, mail.next_attempt_at};
    spdlog::warn("mail: outbox {} to {} failed (attempt {} of {}), giving up: {}", mail.id, mask_email(mail.to_address),
                 mail.attempts, settings_.max_attempts, result.error);
  }
  record(mail, outcome, id_);
}

void Sender::hand_back(const OutboxMail& mail) {
  AttemptOutcome outcome{"queued", std::nullopt, mail.next_attempt_at};
  outcome.uncount_attempt = true;
  record(mail, outcome, id_);
}

void Sender::record(const OutboxMail& mail, const AttemptOutcome& outcome, const std::string& claimer) {
  auto tx = db_.write();
  if (!finish_claim(tx, mail.id, claimer, outcome)) return;  // taken back meanwhile: the new claim decides
  const std::string about = "message " + (mail.message_id ? std::to_string(*mail.message_id) : std::string("-")) + " to " +
                            mask_email(mail.to_address) + ", attempt " + std::to_string(mail.attempts);
  if (outcome.status == "sent")
    audit::append(tx, mail_sender_origin(), {"mail.sent", "mail", std::to_string(mail.id), about});
  else if (outcome.status == "failed")
    audit::append(tx, mail_sender_origin(), {"mail.failed", "mail", std::to_string(mail.id), about + ": " + outcome.error.value_or("")});
  tx.commit();
}

}  // namespace zp::mail
