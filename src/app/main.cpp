// zhiping: one binary with subcommands serve, migrate, demo, verify-audit, backup.
#include <CLI/CLI.hpp>
#include <malloc.h>
#include <sys/prctl.h>
#include <spdlog/spdlog.h>

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "app/app.hpp"
#include "app/demo.hpp"
#include "audit/store.hpp"
#include "core/crypto.hpp"
#include "http/server.hpp"
#include "review/reminders.hpp"

namespace {

using zp::app::Config;

struct CommonFlags {
  std::string config_file, db, data, web, listen, log_level;
};

void add_common(CLI::App* cmd, CommonFlags& f, bool serving) {
  cmd->add_option("--config", f.config_file, "TOML configuration file (see docs/operations.md)");
  cmd->add_option("--db", f.db, "Database: sqlite:PATH or postgresql://user@host:port/db [env ZHIPING_DB]");
  cmd->add_option("--data", f.data, "Folder for uploaded files and keys [env ZHIPING_DATA]");
  if (serving) {
    cmd->add_option("--web", f.web, "Folder of the built web app [env ZHIPING_WEB]");
    cmd->add_option("--listen", f.listen, "HOST:PORT to listen on (port 0 = any free port) [env ZHIPING_LISTEN]");
  }
  cmd->add_option("--log-level", f.log_level, "trace, debug, info, warn, error");
}

Config resolve(const CommonFlags& f) {
  Config cfg;
  if (!f.config_file.empty()) zp::app::load_toml(f.config_file, cfg);
  zp::app::load_env(cfg);
  if (!f.db.empty()) cfg.db = f.db;
  if (!f.data.empty()) cfg.data = f.data;
  if (!f.web.empty()) cfg.web = f.web;
  if (!f.listen.empty()) cfg.server.listen = f.listen;
  if (!f.log_level.empty()) cfg.log_level = f.log_level;
  const auto level = spdlog::level::from_str(cfg.log_level);
  if (level == spdlog::level::off && cfg.log_level != "off")
    throw std::invalid_argument("unknown log level '" + cfg.log_level + "' (trace, debug, info, warn, error, critical, off)");
  spdlog::set_level(level);
  // SQLite files live in folders that may not exist yet on a fresh checkout.
  if (cfg.db.rfind("sqlite:", 0) == 0) {
    const auto parent = std::filesystem::path(cfg.db.substr(7)).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
  }
  return cfg;
}

void print_demo(const std::vector<zp::app::DemoAccount>& accounts) {
  if (accounts.empty()) {
    std::cout << "demo: the database already has organisations; nothing loaded\n";
    return;
  }
  std::cout << "demo accounts (password " << zp::app::kDemoPassword << "):\n";
  for (const auto& a : accounts) std::cout << "  " << a.login << "\t" << a.role << "\t" << a.org << "\n";
}

}  // namespace

// A deadline's burst of uploads takes tens of MiB of heap that the server never touched before; in 4 KiB pages each
// page is a fault into the kernel (about a fifth of an upload's CPU in such a burst), in 2 MiB pages one per 2 MiB.
// glibc asks the kernel for huge pages for its heap only when told so at start-up (a tunable read before main), so
// a server started without saying either way starts itself again, once, with it; GLIBC_TUNABLES naming
// glibc.malloc.hugetlb (e.g. =0) is left as it is. Where the kernel has transparent huge pages off, this changes
// nothing.
static void prefer_huge_pages_for_the_heap(char** argv) {
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  if (tunables && std::strstr(tunables, "glibc.malloc.hugetlb")) return;
  std::string value = tunables && *tunables ? std::string(tunables) + ":" : std::string();
  value += "glibc.malloc.hugetlb=1";
  if (::setenv("GLIBC_TUNABLES", value.c_str(), 1) != 0) return;
  ::execv("/proc/self/exe", argv);
  // Not restarted (no /proc, say): serve with ordinary pages.
}

// Restarted through /proc/self/exe, the process would be named "exe": ps, top and pgrep know it by its own name.
static void keep_process_name(const char* argv0) {
  const char* base = std::strrchr(argv0, '/');
  ::prctl(PR_SET_NAME, base ? base + 1 : argv0, 0, 0, 0);
}

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "serve") == 0) {
    keep_process_name(argv[0]);
    prefer_huge_pages_for_the_heap(argv);
  }
  CLI::App cli{"Zhiping 职评: professional-title application and review"};
  cli.require_subcommand(1);
  CommonFlags flags;

  auto* serve = cli.add_subcommand("serve", "Serve the web app and the API");
  add_common(serve, flags, true);
  bool demo = false;
  serve->add_flag("--demo", demo, "Load demo data into an empty database (demo passwords exist only then)");
  int session_idle_s = 0, lockout_s = 0;
  serve->add_option("--session-idle-seconds", session_idle_s, "End sessions idle this long (default 1800)");
  serve->add_option("--lockout-seconds", lockout_s, "How long five failed sign-ins lock an account (default 900)");
  std::int64_t reminder_interval_ms = 60'000;
  serve->add_option("--reminder-interval-ms", reminder_interval_ms,
                    "How often to look for ended publicity and near deadlines to notify (default 60000; 0 = never)");

  auto* migrate = cli.add_subcommand("migrate", "Apply database migrations (safe to run again)");
  add_common(migrate, flags, false);
  auto* demo_cmd = cli.add_subcommand("demo", "Load demo organisations and one user per role into an empty database");
  add_common(demo_cmd, flags, false);
  auto* verify = cli.add_subcommand("verify-audit", "Check the audit log's hash chain; exit 1 when broken");
  add_common(verify, flags, false);
  auto* backup = cli.add_subcommand("backup", "Copy a live SQLite database to a file (PostgreSQL: use pg_dump)");
  add_common(backup, flags, false);
  std::string backup_out;
  backup->add_option("--out", backup_out, "Destination file")->required();

  CLI11_PARSE(cli, argc, argv);
  try {
    zp::crypto::init();
    Config cfg = resolve(flags);
    if (migrate->parsed()) {
      auto db = zp::db::Database::open(cfg.db, 1);
      const auto applied = db->migrate();
      std::cout << "schema version " << db->schema_version() << " (" << applied.size() << " migration(s) applied)\n";
      return 0;
    }
    if (verify->parsed()) {
      auto db = zp::db::Database::open(cfg.db, 1);
      auto tx = db->read();
      const auto r = zp::audit::verify(tx);
      if (r.intact) {
        std::cout << "intact (" << r.rows << " rows)\n";
        return 0;
      }
      std::cout << "broken at row " << *r.first_broken_id << " (" << r.rows << " rows)\n";
      return 1;
    }
    if (backup->parsed()) {
      auto db = zp::db::Database::open(cfg.db, 1);
      db->sqlite_backup(backup_out);
      std::cout << "backup written to " << backup_out << "\n";
      return 0;
    }
    if (session_idle_s > 0) cfg.accounts.session_idle_ms = session_idle_s * 1000LL;
    if (lockout_s > 0) cfg.accounts.lockout_ms = lockout_s * 1000LL;
    cfg.demo = cfg.demo || demo;
    std::filesystem::create_directories(cfg.data);
    zp::app::App app(cfg);
    if (demo_cmd->parsed()) {
      print_demo(zp::app::load_demo(app));
      return 0;
    }
    if (cfg.demo) print_demo(zp::app::load_demo(app));
    if (app.web->size() == 0) spdlog::warn("no web app at '{}': build it with 'make web'; the API still works", cfg.web);
    cfg.server.upload_dir = app.blobs->temp_dir();
    // Uploads arrive as buffers of up to 1 MiB, hundreds at once at a deadline. Take them from the heap and keep
    // freed memory for the next ones, instead of mapping fresh pages (zeroed by the kernel, one fault per page)
    // for every upload and returning them after it.
    ::mallopt(M_MMAP_THRESHOLD, 4 << 20);
    ::mallopt(M_TRIM_THRESHOLD, 64 << 20);
    zp::http::Server server(cfg.server, *app.pipeline, app.metrics);
    zp::review::ReminderLoop reminders(*app.db, reminder_interval_ms);
    if (app.mail_sender) app.mail_sender->start();
    server.run([](const std::string& addr) {
      std::cout << "listening on http://" << addr << std::endl;
    });
    if (app.mail_sender) app.mail_sender->stop();
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "zhiping: " << e.what() << "\n";
    return 1;
  }
}
