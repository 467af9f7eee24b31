// HTTP endpoints of the message centre: the signed-in user's own messages only.
#include "app/app.hpp"
#include "http/json.hpp"
#include "messages/service.hpp"

namespace zp::app {

void add_message_routes(App& app) {
  using namespace zp::http;
  auto& r = app.router;
  auto& inbox_service = *app.messages;
  r.add({"GET", "/api/v1/messages", "The signed-in user's messages, newest first (?unread=1), with the unread count", "messages",
         Access::session, BodyKind::none, [&inbox_service](Call& c) {
           const bool unread = query_text(c.req, "unread", 5) == "1";
           const int page = query_int(c.req, "page", 1, 1, 100000), size = query_int(c.req, "page_size", 20, 1, 200);
           const auto box = inbox_service.inbox(*c.actor, unread, page, size);
           json::array items;
           for (const auto& m : box.items) {
             json::value dossier = nullptr;
             if (m.dossier_id) dossier = *m.dossier_id;
             items.push_back({{"id", m.id}, {"kind", m.kind}, {"title", m.title}, {"title_en", m.title_en}, {"body", m.body},
                              {"dossier_id", dossier}, {"read_at", instant(m.read_at)}, {"created_at", instant(m.created_at)}});
           }
           return json_response(200, json::object{{"items", items}, {"total", box.total}, {"unread", box.unread}, {"page", page}, {"page_size", size}});
         }});
  r.add({"POST", "/api/v1/messages/{id}/read", "Mark one of the user's messages read", "messages", Access::session, BodyKind::none,
         [&inbox_service](Call& c) {
           inbox_service.read(*c.actor, path_id(c));
           return no_content();
         }});
  r.add({"POST", "/api/v1/messages/read-all", "Mark all the user's messages read", "messages", Access::session, BodyKind::none,
         [&inbox_service](Call& c) {
           inbox_service.read_all(*c.actor);
           return no_content();
         }});
}

}  // namespace zp::app
