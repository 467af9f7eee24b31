#pragma once
// Statutory retirement age under the NPC Standing Committee decision of 2024-09-13 on gradually
// raising it (in force 2025-01-01; annex tables 1–3).
#include <chrono>

namespace zp::retirement {

enum class Group {
  male,       // 60 → 63: births from 1965-01, +1 month per 4 birth months, at most 36
  female_55,  // cadres and professional staff, 55 → 58: from 1970-01, +1 per 4, at most 36
  female_50,  // workers, 50 → 55: from 1975-01, +1 per 2, at most 60
};

struct Age {
  int years;
  int months;
  friend bool operator==(const Age&, const Age&) = default;
};

// birth_month is 1..12; anything else throws std::invalid_argument.
Age statutory_age(Group group, int birth_year, unsigned birth_month);

// The day the person reaches the statutory age: birth date plus that age, the day clamped to the
// last day of the month (born on the 31st, reaching the age in a 30-day month). Throws
// std::invalid_argument for an invalid birth date.
std::chrono::year_month_day retirement_date(Group group, std::chrono::year_month_day birth);

// True when the cutoff is on or after the retirement date.
bool retired_at(Group group, std::chrono::year_month_day birth, std::chrono::year_month_day cutoff);

// The resident ID only tells the sex. Title applicants are professional staff, so women default to
// the 55 group; a female worker (50 group) must be recorded explicitly. 'M' → male, 'F' →
// female_55, anything else throws std::invalid_argument.
Group default_group(char sex);

}  // namespace zp::retirement
