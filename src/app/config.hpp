#pragma once
#include <string>

#include "accounts/service.hpp"
#include "http/pipeline.hpp"
#include "http/server.hpp"
#include "mail/model.hpp"

namespace zp::app {

// Every setting, with its default. Sources, strongest first: command line, ZHIPING_* environment, TOML file.
struct Config {
  std::string db = "sqlite:var/zhiping.db";
  std::string data = "var/data";
  std::string web = "web/dist";
  std::string log_level = "info";
  bool demo = false;
  int db_pool = 8;
  http::ServerSettings server;
  http::Limits limits;
  http::SessionCookie cookie;
  accounts::Settings accounts;
  mail::Settings mail;
};

// Applies a TOML file's values over cfg (keys documented in docs/operations.md). Throws on a bad file.
void load_toml(const std::string& path, Config& cfg);
// Applies ZHIPING_* variables over cfg.
void load_env(Config& cfg);

}  // namespace zp::app
