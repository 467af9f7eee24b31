#pragma once
// The index behind "find by part of a name" for people and units: every one- and two-character piece of each name
// (Chinese names are two to four characters, too short for trigram indexes). A search looks up one piece and then
// checks the whole text on the few names that have it.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace soci {
class session;
}

namespace zp::db {

// The distinct one- and two-character pieces of `name` (by Unicode character, not byte).
std::vector<std::string> name_grams(std::string_view name);
// The piece a search for `text` looks up: its first two characters, or the one it has.
std::string search_gram(std::string_view text);
// Replaces the pieces indexed for (kind, id); kind is "user" or "unit".
void index_name(soci::session& sql, std::string_view kind, std::int64_t id, const std::string& name);

}  // namespace zp::db
