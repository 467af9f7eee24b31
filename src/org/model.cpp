#include "org/model.hpp"

#include <algorithm>
#include <array>

namespace zp::org {

bool is_kind(const std::string& kind) {
  static const std::array<std::string, 7> kinds = {"province_office", "city_office", "county_office", "series_office",
                                                   "department",      "unit",        "committee"};
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

bool is_unit_type(const std::string& type) {
  static const std::array<std::string, 4> types = {"public_institution", "private_or_social", "state_enterprise",
                                                   "government"};
  return std::find(types.begin(), types.end(), type) != types.end();
}

bool is_office_kind(const std::string& kind) {
  return kind == "province_office" || kind == "city_office" || kind == "county_office" || kind == "series_office";
}

}  // namespace zp::org
