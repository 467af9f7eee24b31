#pragma once
#include <string>
#include <vector>

namespace zp::app {
struct App;
struct DemoAccount {
  std::string login, role, org;
};
// Loads the demo organisation tree and one user per role into an empty database.
// Returns the accounts created, or an empty list when the database already has organisations.
std::vector<DemoAccount> load_demo(App& app);
inline constexpr const char* kDemoPassword = "demo-2026";
}  // namespace zp::app
