#include "db/row.hpp"

#include <soci/soci.h>

#include <stdexcept>

namespace zp::db {

std::optional<std::int64_t> opt_int64_at(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return std::nullopt;
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_integer: return r.get<int>(i);
    case soci::dt_long_long: return r.get<long long>(i);
    case soci::dt_unsigned_long_long: return static_cast<std::int64_t>(r.get<unsigned long long>(i));
    case soci::dt_double: return static_cast<std::int64_t>(r.get<double>(i));
    case soci::dt_string: return std::stoll(r.get<std::string>(i));
    default: throw std::runtime_error("column " + std::to_string(i) + " is not a number");
  }
}

std::int64_t int64_at(const soci::row& r, std::size_t i) { return opt_int64_at(r, i).value_or(0); }

std::optional<std::string> opt_text_at(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return std::nullopt;
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_string: return r.get<std::string>(i);
    case soci::dt_integer: return std::to_string(r.get<int>(i));
    case soci::dt_long_long: return std::to_string(r.get<long long>(i));
    default: throw std::runtime_error("column " + std::to_string(i) + " is not text");
  }
}

std::string text_at(const soci::row& r, std::size_t i) { return opt_text_at(r, i).value_or(""); }

bool bool_at(const soci::row& r, std::size_t i) { return int64_at(r, i) != 0; }

}  // namespace zp::db
