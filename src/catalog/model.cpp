#include "catalog/model.hpp"

#include <algorithm>

namespace zp::catalog {

int level_index(std::string_view level) {
  const auto it = std::find(kLevels.begin(), kLevels.end(), level);
  return it == kLevels.end() ? -1 : static_cast<int>(it - kLevels.begin());
}
bool is_level(std::string_view level) { return level_index(level) >= 0; }

int education_rank(std::string_view education) {
  const auto it = std::find(kEducation.begin(), kEducation.end(), education);
  return it == kEducation.end() ? -1 : static_cast<int>(it - kEducation.begin());
}

}  // namespace zp::catalog
