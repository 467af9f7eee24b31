// HTTP endpoints of the mail outbox: what was queued, sent or failed, for the system administrator.
#include "app/app.hpp"
#include "core/email.hpp"
#include "http/json.hpp"
#include "mail/service.hpp"

namespace zp::app {

void add_mail_routes(App& app) {
  using namespace zp::http;
  auto& r = app.router;
  auto& mail_service = *app.mail;
  r.add({"GET", "/api/v1/mail/outbox",
         "Mail copies of messages, newest first (?status=queued|sending|sent|failed, ?user_id=): addresses masked, attempts, the "
         "last SMTP error, the next try and the server (host:pid:tag) that made the last attempt; `sending` tells whether this server sends mail (system administrator at the root)",
         "mail", Access::session, BodyKind::none, [&mail_service](Call& c) {
           mail::OutboxFilter filter;
           filter.status = query_text(c.req, "status", 20);
           if (!filter.status.empty() && filter.status != "queued" && filter.status != "sending" && filter.status != "sent" &&
               filter.status != "failed")
             throw bad_request("invalid_query", "status 应为 queued、sending、sent 或 failed。", "status must be queued, sending, sent or failed.",
                               {{"invalid_query", "status", "status 应为 queued、sending、sent 或 failed。",
                                 "status must be queued, sending, sent or failed."}});
           if (const auto user = query_int(c.req, "user_id", 0, 0, INT32_MAX)) filter.user_id = user;
           filter.page = query_int(c.req, "page", 1, 1, 100000);
           filter.page_size = query_int(c.req, "page_size", 20, 1, 200);
           std::int64_t total = 0;
           json::array items;
           for (const auto& m : mail_service.outbox(*c.actor, filter, &total)) {
             json::value message_id = nullptr, last_error = nullptr, sender = nullptr;
             if (m.message_id) message_id = *m.message_id;
             if (m.last_error) last_error = *m.last_error;
             if (m.claimed_by) sender = *m.claimed_by;
             items.push_back({{"id", m.id}, {"message_id", message_id}, {"user_id", m.user_id}, {"to", mask_email(m.to_address)},
                              {"subject", m.subject}, {"status", m.status}, {"attempts", m.attempts}, {"last_error", last_error}, {"sender", sender},
                              {"next_attempt_at", instant(m.next_attempt_at)}, {"created_at", instant(m.created_at)},
                              {"sent_at", instant(m.sent_at)}});
           }
           return json_response(200, json::object{{"items", items}, {"total", total}, {"page", filter.page},
                                                  {"page_size", filter.page_size}, {"sending", mail_service.sending()}});
         }});
}

}  // namespace zp::app
