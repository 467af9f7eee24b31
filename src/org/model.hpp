#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace zp::org {

// province_office, city_office, county_office, series_office, department, unit, committee
struct Org {
  std::int64_t id = 0;
  std::optional<std::int64_t> parent_id;
  std::string path, kind, name;
  std::optional<std::string> credit_code, unit_type;
  bool legal_person = true;
  std::optional<std::int64_t> supervising_dept_id;
  std::string region, status = "active";  // active, pending, rejected
  std::optional<std::string> reject_reason, contact_name, contact_phone;
  std::int64_t created_at = 0, updated_at = 0;
};

struct StaffMember {
  std::int64_t id = 0;
  std::string login, real_name, phone;
  std::optional<std::string> email;
};

struct Designation {
  std::int64_t id = 0, unit_id = 0, user_id = 0, requested_by = 0, created_at = 0;
  std::string unit_name, unit_path, real_name, status;  // pending, approved, rejected, replaced
  std::optional<std::int64_t> decided_by, decided_at;
  std::optional<std::string> reason;
};

struct CurrentReviewer {
  std::int64_t user_id = 0;
  std::string real_name;
  std::int64_t since = 0;
};

bool is_kind(const std::string& kind);
bool is_unit_type(const std::string& type);
bool is_office_kind(const std::string& kind);  // the *_office kinds

}  // namespace zp::org
