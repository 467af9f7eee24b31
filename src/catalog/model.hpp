#pragma once
// Series, specialties, requirement tables and material checklists: data the offices maintain, not code.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zp::catalog {

// The five levels in order; 初级 = entry + assistant.
inline constexpr std::array<std::string_view, 5> kLevels = {"entry", "assistant", "intermediate", "deputy_senior", "senior"};
int level_index(std::string_view level);  // -1 when unknown
bool is_level(std::string_view level);

// Highest education, lowest first (学历). rank() compares them.
inline constexpr std::array<std::string_view, 5> kEducation = {"secondary", "college", "bachelor", "master", "doctorate"};
int education_rank(std::string_view education);  // -1 when unknown

inline constexpr std::array<std::string_view, 2> kRoutes = {"normal", "exceptional"};
inline constexpr std::array<std::string_view, 7> kSections = {"basic", "education", "work", "continuing_education",
                                                              "achievements", "route", "other"};
inline constexpr std::array<std::string_view, 2> kFileTypes = {"jpeg", "pdf"};

struct Series {
  std::int64_t id = 0;
  std::string code, name;
  std::int64_t owner_org_id = 0;
  std::array<std::optional<std::string>, 5> level_names;  // indexed like kLevels
  std::int64_t created_at = 0, updated_at = 0;
};

struct Specialty {
  std::int64_t id = 0, series_id = 0;
  std::string code, name;
};

struct Requirement {
  std::int64_t id = 0, series_id = 0;
  std::string level, route, education;
  std::optional<int> min_years_lower_title, min_years_work;
  std::string note;
};

struct ChecklistItem {
  std::int64_t id = 0, series_id = 0;
  std::string level, code, name, section;
  bool required = true;
  std::vector<std::string> allowed_types = {"jpeg", "pdf"};
  std::int64_t max_bytes = 2 * 1024 * 1024;
  int max_count = 1;
  bool ordered = false;
  int sort = 0;
};

}  // namespace zp::catalog
