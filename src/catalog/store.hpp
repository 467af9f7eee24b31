#pragma once
// SQL for the catalog.
#include <optional>
#include <vector>

#include "catalog/model.hpp"
#include "db/database.hpp"

namespace zp::catalog {

std::vector<Series> list_series(db::Tx& tx);
std::optional<Series> find_series(db::Tx& tx, std::int64_t id);
std::optional<Series> find_series_by_code(db::Tx& tx, const std::string& code);
void insert_series(db::Tx& tx, Series& s);
void update_series(db::Tx& tx, const Series& s);

std::vector<Specialty> specialties_of(db::Tx& tx, std::int64_t series_id);
std::int64_t insert_specialty(db::Tx& tx, const Specialty& s);

std::vector<Requirement> requirements_of(db::Tx& tx, std::int64_t series_id, const std::string& level);
void replace_requirements(db::Tx& tx, std::int64_t series_id, const std::string& level, const std::vector<Requirement>& rows);

std::vector<ChecklistItem> checklist_of(db::Tx& tx, std::int64_t series_id, const std::string& level);
std::optional<ChecklistItem> find_checklist_item(db::Tx& tx, std::int64_t id);
std::int64_t insert_checklist_item(db::Tx& tx, const ChecklistItem& item);
void update_checklist_item(db::Tx& tx, const ChecklistItem& item);
void delete_checklist_item(db::Tx& tx, std::int64_t id);

}  // namespace zp::catalog
