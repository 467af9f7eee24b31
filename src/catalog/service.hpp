#pragma once
// Use cases for the catalog. Reading is open to every signed-in user (applicants choose from it);
// changing it needs catalog_manage at the series' owner office.
#include <optional>
#include <string>
#include <vector>

#include "authz/actor.hpp"
#include "catalog/model.hpp"
#include "core/error.hpp"
#include "db/database.hpp"

namespace zp::authz {
class Authorizer;
}

namespace zp::catalog {

struct SeriesInput {
  std::optional<std::string> code, name;
  std::optional<std::int64_t> owner_org_id;
  std::array<std::optional<std::string>, 5> level_names;
  std::array<bool, 5> level_given{};  // whether the input named the level (so a PATCH can clear one)
};

struct ChecklistInput {
  std::optional<std::string> level, code, name, section;
  std::optional<bool> required, ordered;
  std::optional<std::vector<std::string>> allowed_types;
  std::optional<std::int64_t> max_bytes;
  std::optional<int> max_count, sort;
};

class Service {
 public:
  Service(db::Database& db, const authz::Authorizer& authz, std::int64_t max_upload_bytes);

  std::vector<Series> list_series();
  Series get_series(std::int64_t id);
  Series create_series(const authz::Actor& actor, const SeriesInput& in);
  Series update_series(const authz::Actor& actor, std::int64_t id, const SeriesInput& in);

  std::vector<Specialty> specialties(std::int64_t series_id);
  Specialty add_specialty(const authz::Actor& actor, std::int64_t series_id, const std::string& code, const std::string& name);

  std::vector<Requirement> requirements(std::int64_t series_id, const std::string& level);
  std::vector<Requirement> set_requirements(const authz::Actor& actor, std::int64_t series_id, const std::string& level,
                                            const std::vector<Requirement>& rows);

  std::vector<ChecklistItem> checklist(std::int64_t series_id, const std::string& level);
  ChecklistItem add_checklist_item(const authz::Actor& actor, std::int64_t series_id, const ChecklistInput& in);
  ChecklistItem update_checklist_item(const authz::Actor& actor, std::int64_t item_id, const ChecklistInput& in);
  void delete_checklist_item(const authz::Actor& actor, std::int64_t item_id);

 private:
  Series load(db::Tx& tx, std::int64_t id);
  std::string require_manage(const authz::Actor& actor, std::int64_t owner_org_id);
  void check_item(const Series& s, ChecklistItem& item, const ChecklistInput& in, std::vector<ErrorDetail>& problems);

  db::Database& db_;
  const authz::Authorizer& authz_;
  std::int64_t max_upload_bytes_;
};

}  // namespace zp::catalog
