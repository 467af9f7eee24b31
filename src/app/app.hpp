#pragma once
// The server's registry: configuration, database, services and HTTP parts, built once at start.
#include <memory>

#include "accounts/service.hpp"
#include "app/config.hpp"
#include "authz/authz.hpp"
#include "campaign/service.hpp"
#include "catalog/service.hpp"
#include "dossier/service.hpp"
#include "mail/sender.hpp"
#include "mail/service.hpp"
#include "messages/service.hpp"
#include "delegation/service.hpp"
#include "review/office_service.hpp"
#include "review/service.hpp"
#include "storage/blob_store.hpp"
#include "db/database.hpp"
#include "http/metrics.hpp"
#include "http/pipeline.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"
#include "org/service.hpp"

namespace zp::app {

struct App {
  explicit App(const Config& cfg);
  Config config;
  std::unique_ptr<storage::BlobStore> blobs;  // before the database: its last flushes flush the packs first
  std::unique_ptr<db::Database> db;
  std::unique_ptr<authz::Authorizer> authz;
  std::unique_ptr<accounts::Service> accounts;
  std::unique_ptr<org::Service> orgs;
  std::unique_ptr<catalog::Service> catalog;
  std::unique_ptr<campaign::Service> campaigns;
  std::unique_ptr<dossier::Service> dossiers;
  std::unique_ptr<review::Service> review;
  std::unique_ptr<review::OfficeService> office;
  std::unique_ptr<delegation::Service> delegations;
  std::unique_ptr<messages::Service> messages;
  std::unique_ptr<mail::Service> mail;
  std::unique_ptr<mail::Sender> mail_sender;  // only when [mail] smtp_url is set; `serve` starts it
  http::Router router;
  http::Metrics metrics;
  std::unique_ptr<http::StaticFiles> web;
  std::unique_ptr<http::Pipeline> pipeline;
};

// Route registration, one function per context (each in its context's routes.cpp).
void add_account_routes(App& app);
void add_org_routes(App& app);
void add_audit_routes(App& app);
void add_catalog_routes(App& app);
void add_campaign_routes(App& app);
void add_dossier_routes(App& app);
void add_review_routes(App& app);
void add_office_routes(App& app);
void add_delegation_routes(App& app);
void add_message_routes(App& app);
void add_mail_routes(App& app);
void add_meta_routes(App& app);  // openapi.json

}  // namespace zp::app
