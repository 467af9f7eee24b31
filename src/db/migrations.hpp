#pragma once
#include <string_view>
#include <vector>

namespace zp::db {
struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;  // may contain {{ID}} (primary key) and {{BLOB}}, replaced per dialect
};
// Generated at build time from src/db/migrations/NNNN_name.sql, in version order.
const std::vector<Migration>& migrations();
}  // namespace zp::db
