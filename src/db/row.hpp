#pragma once
// Reading soci::row columns the same way on SQLite and PostgreSQL, whose drivers report different
// C++ types for the same SQL column (INTEGER is int on one, long long on the other).
#include <cstdint>
#include <optional>
#include <string>

namespace soci {
class row;
}

namespace zp::db {

std::int64_t int64_at(const soci::row& r, std::size_t i);  // NULL → 0
std::optional<std::int64_t> opt_int64_at(const soci::row& r, std::size_t i);
std::string text_at(const soci::row& r, std::size_t i);  // NULL → ""
std::optional<std::string> opt_text_at(const soci::row& r, std::size_t i);
bool bool_at(const soci::row& r, std::size_t i);

}  // namespace zp::db
