#include "catalog/service.hpp"

#include <algorithm>
#include <set>

#include "accounts/validation.hpp"
#include "audit/origin.hpp"
#include "audit/store.hpp"
#include "authz/authz.hpp"
#include "catalog/store.hpp"
#include "org/model.hpp"
#include "org/store.hpp"

namespace zp::catalog {

namespace {
bool valid_code(const std::string& code) {
  if (code.empty() || code.size() > 32) return false;
  return std::all_of(code.begin(), code.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}
template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& set, const std::string& v) {
  return std::find(set.begin(), set.end(), v) != set.end();
}
AppError level_not_named() {
  return unprocessable("invalid_fields", "该系列没有这个级别。", "The series has no such level.",
                       {{"level_not_in_series", "level", "请选择该系列已命名的级别。", "Choose one of the levels the series names."}});
}
}  // namespace

Service::Service(db::Database& db, const authz::Authorizer& authz, std::int64_t max_upload_bytes)
    : db_(db), authz_(authz), max_upload_bytes_(max_upload_bytes) {}

Series Service::load(db::Tx& tx, std::int64_t id) {
  auto s = find_series(tx, id);
  if (!s) throw not_found("系列", "The series");
  return *s;
}

std::string Service::require_manage(const authz::Actor& actor, std::int64_t owner_org_id) {
  return authz_.require(actor, authz::Action::catalog_manage, owner_org_id);
}

std::vector<Series> Service::list_series() {
  auto tx = db_.read();
  return catalog::list_series(tx);
}

Series Service::get_series(std::int64_t id) {
  auto tx = db_.read();
  return load(tx, id);
}

Series Service::create_series(const authz::Actor& actor, const SeriesInput& in) {
  if (!in.owner_org_id)
    throw unprocessable("invalid_fields", "请选择负责该系列的职改办。", "Choose the office that owns the series.",
                        {{"required", "owner_org_id", "请选择负责该系列的职改办。", "Choose the office that owns the series."}});
  const std::string role = require_manage(actor, *in.owner_org_id);
  std::vector<ErrorDetail> problems;
  Series s;
  s.code = in.code.value_or("");
  s.name = in.name.value_or("");
  s.owner_org_id = *in.owner_org_id;
  s.level_names = in.level_names;
  if (!valid_code(s.code))
    problems.push_back({"code_format", "code", "系列代码应为1至32位小写字母、数字或下划线。", "The code must be 1 to 32 lower-case letters, digits or '_'."});
  accounts::check_real_name(s.name, problems, "name");
  if (std::none_of(s.level_names.begin(), s.level_names.end(), [](const auto& n) { return n && !n->empty(); }))
    problems.push_back({"no_levels", "level_names", "请至少为一个级别命名（如 政工师）。", "Name at least one level (e.g. 政工师)."});
  auto tx = db_.write();
  auto owner = org::find(tx, s.owner_org_id);
  if (!owner || !org::is_office_kind(owner->kind))
    problems.push_back({"owner_not_office", "owner_org_id", "负责系列的须为职改办。", "The owner must be a title-reform office."});
  if (valid_code(s.code) && find_series_by_code(tx, s.code))
    problems.push_back({"code_taken", "code", "该系列代码已存在。", "This series code exists already."});
  accounts::throw_if_any(problems);
  insert_series(tx, s);
  audit::append(tx, audit::origin_of(actor, role), {"series.create", "series", std::to_string(s.id), s.code + " " + s.name});
  tx.commit();
  return s;
}

Series Service::update_series(const authz::Actor& actor, std::int64_t id, const SeriesInput& in) {
  Series s = get_series(id);
  const std::string role = require_manage(actor, s.owner_org_id);
  std::vector<ErrorDetail> problems;
  if (in.code || in.owner_org_id)
    problems.push_back({"immutable", "code", "系列代码和负责职改办不能修改。", "The code and owner office cannot be changed."});
  if (in.name) s.name = *in.name;
  for (std::size_t i = 0; i < 5; ++i)
    if (in.level_given[i]) s.level_names[i] = in.level_names[i] && !in.level_names[i]->empty() ? in.level_names[i] : std::nullopt;
  accounts::check_real_name(s.name, problems, "name");
  accounts::throw_if_any(problems);
  auto tx = db_.write();
  catalog::update_series(tx, s);
  audit::append(tx, audit::origin_of(actor, role), {"series.update", "series", std::to_string(id), s.name});
  s = load(tx, id);
  tx.commit();
  return s;
}

std::vector<Specialty> Service::specialties(std::int64_t series_id) {
  auto tx = db_.read();
  load(tx, series_id);
  return specialties_of(tx, series_id);
}

Specialty Service::add_specialty(const authz::Actor& actor, std::int64_t series_id, const std::string& code, const std::string& name) {
  const Series s = get_series(series_id);
  const std::string role = require_manage(actor, s.owner_org_id);
  std::vector<ErrorDetail> problems;
  if (!valid_code(code))
    problems.push_back({"code_format", "code", "专业代码应为1至32位小写字母、数字或下划线。", "The code must be 1 to 32 lower-case letters, digits or '_'."});
  accounts::check_real_name(name, problems, "name");
  accounts::throw_if_any(problems);
  auto tx = db_.write();
  for (const auto& existing : specialties_of(tx, series_id))
    if (existing.code == code) throw conflict("code_taken", "该专业代码已存在。", "This specialty code exists already.");
  Specialty sp{0, series_id, code, name};
  sp.id = insert_specialty(tx, sp);
  audit::append(tx, audit::origin_of(actor, role), {"specialty.create", "series", std::to_string(series_id), code + " " + name});
  tx.commit();
  return sp;
}

std::vector<Requirement> Service::requirements(std::int64_t series_id, const std::string& level) {
  auto tx = db_.read();
  load(tx, series_id);
  return requirements_of(tx, series_id, level);
}

std::vector<Requirement> Service::set_requirements(const authz::Actor& actor, std::int64_t series_id, const std::string& level,
                                                   const std::vector<Requirement>& rows) {
  const Series s = get_series(series_id);
  const std::string role = require_manage(actor, s.owner_org_id);
  const int li = level_index(level);
  if (li < 0 || !s.level_names[li]) throw level_not_named();
  std::vector<ErrorDetail> problems;
  std::set<std::pair<std::string, std::string>> seen;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& q = rows[i];
    const std::string field = "rows[" + std::to_string(i) + "]";
    if (!one_of(kRoutes, q.route)) problems.push_back({"route", field + ".route", "申报途径应为 normal 或 exceptional。", "route must be normal or exceptional."});
    if (education_rank(q.education) < 0)
      problems.push_back({"education", field + ".education", "学历应为 secondary、college、bachelor、master 或 doctorate。",
                          "education must be secondary, college, bachelor, master or doctorate."});
    for (const auto& years : {q.min_years_lower_title, q.min_years_work})
      if (years && (*years < 0 || *years > 50))
        problems.push_back({"years_range", field, "年限应在0至50之间。", "Years must be from 0 to 50."});
    if (!seen.insert({q.route, q.education}).second)
      problems.push_back({"duplicate_row", field, "同一途径和学历只能有一行。", "Only one row per route and education."});
  }
  accounts::throw_if_any(problems);
  auto tx = db_.write();
  replace_requirements(tx, series_id, level, rows);
  audit::append(tx, audit::origin_of(actor, role),
                {"requirements.replace", "series", std::to_string(series_id), level + ": " + std::to_string(rows.size()) + " rows"});
  auto saved = requirements_of(tx, series_id, level);
  tx.commit();
  return saved;
}

std::vector<ChecklistItem> Service::checklist(std::int64_t series_id, const std::string& level) {
  auto tx = db_.read();
  load(tx, series_id);
  return checklist_of(tx, series_id, level);
}

void Service::check_item(const Series& s, ChecklistItem& item, const ChecklistInput& in, std::vector<ErrorDetail>& problems) {
  if (in.name) item.name = *in.name;
  if (in.section) item.section = *in.section;
  if (in.required) item.required = *in.required;
  if (in.ordered) item.ordered = *in.ordered;
  if (in.allowed_types) item.allowed_types = *in.allowed_types;
  if (in.max_bytes) item.max_bytes = *in.max_bytes;
  if (in.max_count) item.max_count = *in.max_count;
  if (in.sort) item.sort = *in.sort;
  accounts::check_real_name(item.name, problems, "name");
  if (!one_of(kSections, item.section))
    problems.push_back({"section", "section", "请选择材料所属栏目。", "Choose the section the item belongs to."});
  if (item.allowed_types.empty() ||
      std::any_of(item.allowed_types.begin(), item.allowed_types.end(), [](const std::string& t) { return !one_of(kFileTypes, t); }))
    problems.push_back({"allowed_types", "allowed_types", "文件类型只能是 jpeg 或 pdf。", "Allowed types are jpeg and pdf only."});
  if (item.max_bytes < 1024 || item.max_bytes > max_upload_bytes_)
    problems.push_back({"max_bytes", "max_bytes", "单个文件大小上限应在1KB至系统上传上限之间。",
                        "The size limit must be between 1 KB and the server's upload limit."});
  if (item.max_count < 1 || item.max_count > 50)
    problems.push_back({"max_count", "max_count", "份数上限应在1至50之间。", "The maximum count must be from 1 to 50."});
  const int li = level_index(item.level);
  if (li < 0 || !s.level_names[li])
    problems.push_back({"level_not_in_series", "level", "请选择该系列已命名的级别。", "Choose one of the levels the series names."});
}

ChecklistItem Service::add_checklist_item(const authz::Actor& actor, std::int64_t series_id, const ChecklistInput& in) {
  const Series s = get_series(series_id);
  const std::string role = require_manage(actor, s.owner_org_id);
  ChecklistItem item;
  item.series_id = series_id;
  item.level = in.level.value_or("");
  item.code = in.code.value_or("");
  std::vector<ErrorDetail> problems;
  if (!valid_code(item.code))
    problems.push_back({"code_format", "code", "材料代码应为1至32位小写字母、数字或下划线。", "The code must be 1 to 32 lower-case letters, digits or '_'."});
  check_item(s, item, in, problems);
  accounts::throw_if_any(problems);
  auto tx = db_.write();
  for (const auto& existing : checklist_of(tx, series_id, item.level))
    if (existing.code == item.code) throw conflict("code_taken", "该级别已有此材料代码。", "The level has this item code already.");
  item.id = insert_checklist_item(tx, item);
  audit::append(tx, audit::origin_of(actor, role), {"checklist.create", "checklist_item", std::to_string(item.id), item.level + " " + item.code});
  tx.commit();
  return item;
}

ChecklistItem Service::update_checklist_item(const authz::Actor& actor, std::int64_t item_id, const ChecklistInput& in) {
  std::optional<ChecklistItem> item;
  Series s;
  {
    auto tx = db_.read();
    item = find_checklist_item(tx, item_id);
    if (!item) throw not_found("材料清单项", "The checklist item");
    s = load(tx, item->series_id);
  }
  const std::string role = require_manage(actor, s.owner_org_id);
  std::vector<ErrorDetail> problems;
  if (in.level || in.code)
    problems.push_back({"immutable", "code", "材料代码和级别不能修改，请删除后重新添加。", "The code and level cannot change; delete and add again."});
  check_item(s, *item, in, problems);
  accounts::throw_if_any(problems);
  auto tx = db_.write();
  catalog::update_checklist_item(tx, *item);
  audit::append(tx, audit::origin_of(actor, role), {"checklist.update", "checklist_item", std::to_string(item_id), item->code});
  tx.commit();
  return *item;
}

void Service::delete_checklist_item(const authz::Actor& actor, std::int64_t item_id) {
  std::optional<ChecklistItem> item;
  Series s;
  {
    auto tx = db_.read();
    item = find_checklist_item(tx, item_id);
    if (!item) throw not_found("材料清单项", "The checklist item");
    s = load(tx, item->series_id);
  }
  const std::string role = require_manage(actor, s.owner_org_id);
  auto tx = db_.write();
  catalog::delete_checklist_item(tx, item_id);
  audit::append(tx, audit::origin_of(actor, role), {"checklist.delete", "checklist_item", std::to_string(item_id), item->code});
  tx.commit();
}

}  // namespace zp::catalog
