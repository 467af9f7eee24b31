#pragma once
// Chinese resident identity number (GB 11643-1999): 18 characters, checksum, birth date and sex.
#include <optional>
#include <string>
#include <string_view>

namespace zp {

struct ResidentId {
  std::string number;  // normalised: upper-case X
  int birth_year = 0, birth_month = 0, birth_day = 0;
  char sex = 'M';      // 'M' or 'F' (17th digit odd = male)
};

struct ResidentIdError {
  std::string code;  // id_length, id_characters, id_birth_date, id_checksum
  std::string message, message_en;
};

// Parses and verifies; on failure returns nullopt and fills *error (when given).
std::optional<ResidentId> parse_resident_id(std::string_view text, ResidentIdError* error = nullptr);

// 110101********1234 style mask for lists and public pages.
std::string mask_resident_id(std::string_view id);
// 138****5678 style mask.
std::string mask_phone(std::string_view phone);

}  // namespace zp
