#include "catalog/store.hpp"

#include <soci/soci.h>

#include "core/time.hpp"
#include "db/row.hpp"

namespace zp::catalog {

namespace {
using namespace db;

constexpr const char* kSeriesColumns =
    "id, code, name, owner_org_id, name_entry, name_assistant, name_intermediate, name_deputy_senior, name_senior, "
    "created_at, updated_at";

Series read_series(const soci::row& r) {
  Series s;
  s.id = int64_at(r, 0);
  s.code = text_at(r, 1);
  s.name = text_at(r, 2);
  s.owner_org_id = int64_at(r, 3);
  for (std::size_t i = 0; i < 5; ++i) s.level_names[i] = opt_text_at(r, 4 + i);
  s.created_at = int64_at(r, 9);
  s.updated_at = int64_at(r, 10);
  return s;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}
std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= s.size()) {
    const auto end = std::min(s.find(',', pos), s.size());
    if (end > pos) out.push_back(s.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

constexpr const char* kItemColumns =
    "id, series_id, level, code, name, section, required, allowed_types, max_bytes, max_count, ordered, sort";
ChecklistItem read_item(const soci::row& r) {
  ChecklistItem c;
  c.id = int64_at(r, 0);
  c.series_id = int64_at(r, 1);
  c.level = text_at(r, 2);
  c.code = text_at(r, 3);
  c.name = text_at(r, 4);
  c.section = text_at(r, 5);
  c.required = bool_at(r, 6);
  c.allowed_types = split(text_at(r, 7));
  c.max_bytes = int64_at(r, 8);
  c.max_count = static_cast<int>(int64_at(r, 9));
  c.ordered = bool_at(r, 10);
  c.sort = static_cast<int>(int64_at(r, 11));
  return c;
}

// Binds the five level names with NULL for absent ones.
struct LevelNames {
  std::array<std::string, 5> value;
  std::array<soci::indicator, 5> ind;
  explicit LevelNames(const Series& s) {
    for (std::size_t i = 0; i < 5; ++i) {
      value[i] = s.level_names[i].value_or("");
      ind[i] = s.level_names[i] ? soci::i_ok : soci::i_null;
    }
  }
};
}  // namespace

std::vector<Series> list_series(db::Tx& tx) {
  soci::rowset<soci::row> rs = (tx.sql().prepare << std::string("SELECT ") + kSeriesColumns + " FROM series ORDER BY id");
  std::vector<Series> out;
  for (const auto& r : rs) out.push_back(read_series(r));
  return out;
}

std::optional<Series> find_series(db::Tx& tx, std::int64_t id) {
  static const std::string sql = std::string("SELECT ") + kSeriesColumns + " FROM series WHERE id = :id";
  auto rows = tx.query(sql, id);
  if (rows.next()) return read_series(rows.row());
  return std::nullopt;
}

std::optional<Series> find_series_by_code(db::Tx& tx, const std::string& code) {
  soci::rowset<soci::row> rs = (tx.sql().prepare << std::string("SELECT ") + kSeriesColumns + " FROM series WHERE code = :c", soci::use(code));
  for (const auto& r : rs) return read_series(r);
  return std::nullopt;
}

void insert_series(db::Tx& tx, Series& s) {
  LevelNames n(s);
  long long owner = s.owner_org_id, now = timeutil::now_ms(), id = 0;
  tx.sql() << "INSERT INTO series (code, name, owner_org_id, name_entry, name_assistant, name_intermediate, "
              "name_deputy_senior, name_senior, created_at, updated_at) VALUES (:code, :name, :owner, :n0, :n1, :n2, "
              ":n3, :n4, :c, :u) RETURNING id",
      soci::use(s.code), soci::use(s.name), soci::use(owner), soci::use(n.value[0], n.ind[0]),
      soci::use(n.value[1], n.ind[1]), soci::use(n.value[2], n.ind[2]), soci::use(n.value[3], n.ind[3]),
      soci::use(n.value[4], n.ind[4]), soci::use(now), soci::use(now), soci::into(id);
  s.id = id;
  s.created_at = s.updated_at = now;
}

void update_series(db::Tx& tx, const Series& s) {
  LevelNames n(s);
  long long id = s.id, now = timeutil::now_ms();
  tx.sql() << "UPDATE series SET name = :name, name_entry = :n0, name_assistant = :n1, name_intermediate = :n2, "
              "name_deputy_senior = :n3, name_senior = :n4, updated_at = :u WHERE id = :id",
      soci::use(s.name), soci::use(n.value[0], n.ind[0]), soci::use(n.value[1], n.ind[1]),
      soci::use(n.value[2], n.ind[2]), soci::use(n.value[3], n.ind[3]), soci::use(n.value[4], n.ind[4]),
      soci::use(now), soci::use(id);
}

std::vector<Specialty> specialties_of(db::Tx& tx, std::int64_t series_id) {
  static const std::string sql = "SELECT id, series_id, code, name FROM specialties WHERE series_id = :s ORDER BY code";
  std::vector<Specialty> out;
  for (auto rows = tx.query(sql, series_id); rows.next();) {
    const auto& r = rows.row();
    out.push_back({int64_at(r, 0), int64_at(r, 1), text_at(r, 2), text_at(r, 3)});
  }
  return out;
}

std::int64_t insert_specialty(db::Tx& tx, const Specialty& s) {
  long long series = s.series_id, id = 0;
  tx.sql() << "INSERT INTO specialties (series_id, code, name) VALUES (:s, :c, :n) RETURNING id", soci::use(series),
      soci::use(s.code), soci::use(s.name), soci::into(id);
  return id;
}

namespace {
std::vector<Requirement> read_requirements(db::Tx& tx, std::int64_t series_id, const std::string& level) {
  static const std::string sql =
      "SELECT id, series_id, level, route, education, min_years_lower_title, min_years_work, note "
      "FROM requirements WHERE series_id = :s AND (:l1 = '' OR level = :l2) ORDER BY level, route, education";
  std::vector<Requirement> out;
  for (auto rows = tx.query(sql, series_id, level, level); rows.next();) {
    const auto& r = rows.row();
    Requirement q;
    q.id = int64_at(r, 0);
    q.series_id = int64_at(r, 1);
    q.level = text_at(r, 2);
    q.route = text_at(r, 3);
    q.education = text_at(r, 4);
    if (auto v = opt_int64_at(r, 5)) q.min_years_lower_title = static_cast<int>(*v);
    if (auto v = opt_int64_at(r, 6)) q.min_years_work = static_cast<int>(*v);
    q.note = text_at(r, 7);
    out.push_back(q);
  }
  return out;
}
}  // namespace

std::vector<Requirement> requirements_of(db::Tx& tx, std::int64_t series_id, const std::string& level) {
  // Read by every eligibility check: kept while the catalog does not change.
  return db::config_cached<std::vector<Requirement>>(
      tx, "requirements:" + std::to_string(series_id) + ":" + level,
      [&](db::Tx& t) { return read_requirements(t, series_id, level); });
}

void replace_requirements(db::Tx& tx, std::int64_t series_id, const std::string& level, const std::vector<Requirement>& rows) {
  long long key = series_id;
  tx.sql() << "DELETE FROM requirements WHERE series_id = :s AND level = :l", soci::use(key), soci::use(level);
  for (const auto& q : rows) {
    int lower = q.min_years_lower_title.value_or(0), work = q.min_years_work.value_or(0);
    soci::indicator li = q.min_years_lower_title ? soci::i_ok : soci::i_null, wi = q.min_years_work ? soci::i_ok : soci::i_null;
    tx.sql() << "INSERT INTO requirements (series_id, level, route, education, min_years_lower_title, min_years_work, note) "
                "VALUES (:s, :l, :r, :e, :lo, :w, :n)",
        soci::use(key), soci::use(level), soci::use(q.route), soci::use(q.education), soci::use(lower, li),
        soci::use(work, wi), soci::use(q.note);
  }
}

namespace {
std::vector<ChecklistItem> read_checklist(db::Tx& tx, std::int64_t series_id, const std::string& level) {
  static const std::string sql = std::string("SELECT ") + kItemColumns +
                                 " FROM checklist_items WHERE series_id = :s AND (:l1 = '' OR level = :l2) ORDER BY level, sort, id";
  std::vector<ChecklistItem> out;
  for (auto rows = tx.query(sql, series_id, level, level); rows.next();) out.push_back(read_item(rows.row()));
  return out;
}
}  // namespace

std::vector<ChecklistItem> checklist_of(db::Tx& tx, std::int64_t series_id, const std::string& level) {
  // Read by every upload and eligibility check: kept while the catalog does not change.
  return db::config_cached<std::vector<ChecklistItem>>(
      tx, "checklist:" + std::to_string(series_id) + ":" + level,
      [&](db::Tx& t) { return read_checklist(t, series_id, level); });
}

std::optional<ChecklistItem> find_checklist_item(db::Tx& tx, std::int64_t id) {
  long long key = id;
  soci::rowset<soci::row> rs = (tx.sql().prepare << std::string("SELECT ") + kItemColumns + " FROM checklist_items WHERE id = :id", soci::use(key));
  for (const auto& r : rs) return read_item(r);
  return std::nullopt;
}

std::int64_t insert_checklist_item(db::Tx& tx, const ChecklistItem& c) {
  long long series = c.series_id, max_bytes = c.max_bytes, id = 0;
  int required = c.required, ordered = c.ordered;
  const std::string types = join(c.allowed_types);
  tx.sql() << "INSERT INTO checklist_items (series_id, level, code, name, section, required, allowed_types, max_bytes, "
              "max_count, ordered, sort) VALUES (:s, :l, :c, :n, :sec, :r, :t, :mb, :mc, :o, :so) RETURNING id",
      soci::use(series), soci::use(c.level), soci::use(c.code), soci::use(c.name), soci::use(c.section), soci::use(required),
      soci::use(types), soci::use(max_bytes), soci::use(c.max_count), soci::use(ordered), soci::use(c.sort), soci::into(id);
  return id;
}

void update_checklist_item(db::Tx& tx, const ChecklistItem& c) {
  long long id = c.id, max_bytes = c.max_bytes;
  int required = c.required, ordered = c.ordered;
  const std::string types = join(c.allowed_types);
  tx.sql() << "UPDATE checklist_items SET name = :n, section = :sec, required = :r, allowed_types = :t, max_bytes = :mb, "
              "max_count = :mc, ordered = :o, sort = :so WHERE id = :id",
      soci::use(c.name), soci::use(c.section), soci::use(required), soci::use(types), soci::use(max_bytes),
      soci::use(c.max_count), soci::use(ordered), soci::use(c.sort), soci::use(id);
}

void delete_checklist_item(db::Tx& tx, std::int64_t id) {
  long long key = id;
  tx.sql() << "DELETE FROM checklist_items WHERE id = :id", soci::use(key);
}

}  // namespace zp::catalog
