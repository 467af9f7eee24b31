#include "app/config.hpp"

#include <toml++/toml.h>

#include <cstdlib>
#include <stdexcept>

namespace zp::app {

void load_toml(const std::string& path, Config& cfg) {
  toml::table t;
  try {
    t = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    throw std::runtime_error("config " + path + ": " + std::string(e.description()));
  }
  auto str = [&](const char* key, std::string& out) {
    if (auto v = t.at_path(key).value<std::string>()) out = *v;
  };
  auto num = [&](const char* key, auto& out) {
    if (auto v = t.at_path(key).value<std::int64_t>()) out = static_cast<std::remove_reference_t<decltype(out)>>(*v);
  };
  str("listen", cfg.server.listen);
  str("db", cfg.db);
  str("data", cfg.data);
  str("web", cfg.web);
  str("log_level", cfg.log_level);
  if (auto v = t.at_path("demo").value<bool>()) cfg.demo = *v;
  num("db_pool", cfg.db_pool);
  num("server.io_threads", cfg.server.io_threads);
  num("server.worker_threads", cfg.server.worker_threads);
  num("server.header_timeout_s", cfg.server.header_timeout_s);
  num("server.body_timeout_s", cfg.server.body_timeout_s);
  num("server.idle_timeout_s", cfg.server.idle_timeout_s);
  num("limits.header_bytes", cfg.limits.header_bytes);
  num("limits.json_body_bytes", cfg.limits.json_body_bytes);
  num("limits.upload_body_bytes", cfg.limits.upload_body_bytes);
  if (auto v = t.at_path("session.cookie_secure").value<bool>()) cfg.cookie.secure = *v;
  if (auto v = t.at_path("session.idle_minutes").value<std::int64_t>()) cfg.accounts.session_idle_ms = *v * 60'000;
  num("session.cache_ms", cfg.accounts.session_cache_ms);
  num("login.max_failures", cfg.accounts.max_failed_logins);
  if (auto v = t.at_path("login.lockout_minutes").value<std::int64_t>()) cfg.accounts.lockout_ms = *v * 60'000;
  str("mail.smtp_url", cfg.mail.smtp_url);
  str("mail.from", cfg.mail.from);
  str("mail.username", cfg.mail.username);
  str("mail.password", cfg.mail.password);
  num("mail.poll_ms", cfg.mail.poll_ms);
  num("mail.max_attempts", cfg.mail.max_attempts);
  if (const auto* delays = t.at_path("mail.retry_delays_s").as_array()) {
    cfg.mail.retry_delays_s.clear();
    for (const auto& d : *delays)
      if (auto v = d.value<std::int64_t>()) cfg.mail.retry_delays_s.push_back(static_cast<int>(*v));
  }
}

void load_env(Config& cfg) {
  auto env = [](const char* name) -> const char* {
    const char* v = std::getenv(name);
    return v && *v ? v : nullptr;
  };
  if (auto v = env("ZHIPING_LISTEN")) cfg.server.listen = v;
  if (auto v = env("ZHIPING_DB")) cfg.db = v;
  if (auto v = env("ZHIPING_DATA")) cfg.data = v;
  if (auto v = env("ZHIPING_WEB")) cfg.web = v;
  if (auto v = env("ZHIPING_LOG_LEVEL")) cfg.log_level = v;
  if (auto v = env("ZHIPING_MAIL_SMTP_URL")) cfg.mail.smtp_url = v;
  if (auto v = env("ZHIPING_MAIL_FROM")) cfg.mail.from = v;
  if (auto v = env("ZHIPING_MAIL_USERNAME")) cfg.mail.username = v;
  if (auto v = env("ZHIPING_MAIL_PASSWORD")) cfg.mail.password = v;  // keeps the secret out of the TOML file
}

}  // namespace zp::app
