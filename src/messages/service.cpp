#include "messages/service.hpp"

#include "audit/origin.hpp"
#include "audit/store.hpp"
#include "core/error.hpp"

namespace zp::messages {

Inbox Service::inbox(const authz::Actor& actor, bool unread_only, int page, int page_size) {
  Inbox out;
  auto tx = db_.read();
  out.items = list(tx, actor.user_id, unread_only, page, page_size, &out.total);
  out.unread = unread_count(tx, actor.user_id);
  return out;
}

void Service::read(const authz::Actor& actor, std::int64_t id) {
  auto tx = db_.write();
  if (!mark_read(tx, actor.user_id, id)) throw not_found("消息", "The message");  // others' messages do not exist for you
  audit::append(tx, audit::origin_of(actor, ""), {"message.read", "message", std::to_string(id), ""});
  tx.commit();
}

void Service::read_all(const authz::Actor& actor) {
  auto tx = db_.write();
  mark_all_read(tx, actor.user_id);
  audit::append(tx, audit::origin_of(actor, ""), {"message.read_all", "user", std::to_string(actor.user_id), ""});
  tx.commit();
}

}  // namespace zp::messages
