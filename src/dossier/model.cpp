#include "dossier/model.hpp"

#include <algorithm>

namespace zp::dossier {
bool is_section(std::string_view s) { return std::find(kSections.begin(), kSections.end(), s) != kSections.end(); }
bool is_route(std::string_view r) { return std::find(kRoutes.begin(), kRoutes.end(), r) != kRoutes.end(); }
}  // namespace zp::dossier
