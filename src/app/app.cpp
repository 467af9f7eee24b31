#include "app/app.hpp"

namespace zp::app {

App::App(const Config& cfg) : config(cfg) {
  mail::check_settings(cfg.mail);  // before the database is touched
  blobs = std::make_unique<storage::BlobStore>(cfg.data);
  db = db::Database::open(cfg.db, static_cast<std::size_t>(cfg.db_pool));
  // A row naming a blob is never durable before the blob's bytes are.
  db->set_before_durable([store = blobs.get()] { return store->flush_written(); });
  db->migrate();
  authz = std::make_unique<authz::Authorizer>(*db);
  accounts = std::make_unique<accounts::Service>(*db, *authz, cfg.accounts);
  orgs = std::make_unique<org::Service>(*db, *authz, *accounts);
  catalog = std::make_unique<catalog::Service>(*db, *authz, static_cast<std::int64_t>(cfg.limits.upload_body_bytes));
  campaigns = std::make_unique<campaign::Service>(*db, *authz);
  campaigns->seed_calendar_if_empty();
  dossiers = std::make_unique<dossier::Service>(*db, *authz, *blobs);
  review = std::make_unique<review::Service>(*db, *authz, *dossiers);
  office = std::make_unique<review::OfficeService>(*db, *authz, *review);
  delegations = std::make_unique<delegation::Service>(*db, *authz);
  messages = std::make_unique<messages::Service>(*db);
  mail::set_copies_enabled(cfg.mail.enabled());
  mail = std::make_unique<mail::Service>(*db, *authz, cfg.mail.enabled());
  if (cfg.mail.enabled()) mail_sender = std::make_unique<mail::Sender>(*db, cfg.mail);
  web = std::make_unique<http::StaticFiles>(cfg.web);
  add_account_routes(*this);
  add_org_routes(*this);
  add_audit_routes(*this);
  add_catalog_routes(*this);
  add_campaign_routes(*this);
  add_dossier_routes(*this);
  add_review_routes(*this);
  add_office_routes(*this);
  add_delegation_routes(*this);
  add_message_routes(*this);
  add_mail_routes(*this);
  add_meta_routes(*this);
  pipeline = std::make_unique<http::Pipeline>(router, metrics, *accounts, *db, web.get(), cfg.limits, cfg.cookie);
}

}  // namespace zp::app
