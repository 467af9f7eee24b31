#include "campaign/model.hpp"

#include <algorithm>

namespace zp::campaign {

bool is_phase(std::string_view p) { return std::find(kPhases.begin(), kPhases.end(), p) != kPhases.end(); }

const Phase* Campaign::phase(std::string_view name) const {
  for (const auto& p : phases)
    if (p.phase == name) return &p;
  return nullptr;
}

}  // namespace zp::campaign
