#include "db/name_index.hpp"

#include <algorithm>
#include <soci/soci.h>

namespace zp::db {

namespace {
// Splits UTF-8 text into characters; bytes that do not start a character stay with the one before.
std::vector<std::string_view> characters(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t j = i + 1;
    while (j < s.size() && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) ++j;
    out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}
}  // namespace

std::vector<std::string> name_grams(std::string_view name) {
  const auto chars = characters(name);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < chars.size(); ++i) {
    out.emplace_back(chars[i]);
    if (i + 1 < chars.size()) out.push_back(std::string(chars[i]) + std::string(chars[i + 1]));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string search_gram(std::string_view text) {
  const auto chars = characters(text);
  if (chars.empty()) return "";
  return chars.size() == 1 ? std::string(chars[0]) : std::string(chars[0]) + std::string(chars[1]);
}

void index_name(soci::session& sql, std::string_view kind_view, std::int64_t id, const std::string& name) {
  const std::string kind(kind_view);
  long long ref = id;
  sql << "DELETE FROM name_grams WHERE kind = :k AND ref_id = :r", soci::use(kind), soci::use(ref);
  for (const auto& g : name_grams(name))
    sql << "INSERT INTO name_grams (gram, kind, ref_id) VALUES (:g, :k, :r)", soci::use(g), soci::use(kind), soci::use(ref);
}

}  // namespace zp::db
