#include "dossier/store.hpp"

#include <soci/soci.h>

#include <algorithm>

#include "core/time.hpp"
#include "db/row.hpp"

namespace zp::dossier {

namespace {
using namespace db;

constexpr const char* kColumns =
    "id, user_id, campaign_id, year, series_id, specialty_id, level, committee_org_id, route, route_approval, "
    "route_decided_by, route_decided_at, route_decision_reason, unit_id, state, version, submitted_at, created_at, updated_at, "
    "review_round, publicity_ends_at";

Dossier read(const soci::row& r) {
  Dossier d;
  d.id = int64_at(r, 0);
  d.user_id = int64_at(r, 1);
  d.campaign_id = int64_at(r, 2);
  d.year = static_cast<int>(int64_at(r, 3));
  d.series_id = int64_at(r, 4);
  d.specialty_id = opt_int64_at(r, 5);
  d.level = text_at(r, 6);
  d.committee_org_id = opt_int64_at(r, 7);
  d.route = text_at(r, 8);
  d.route_approval = text_at(r, 9);
  d.route_decided_by = opt_int64_at(r, 10);
  d.route_decided_at = opt_int64_at(r, 11);
  d.route_decision_reason = opt_text_at(r, 12);
  d.unit_id = opt_int64_at(r, 13);
  d.state = text_at(r, 14);
  d.version = static_cast<int>(int64_at(r, 15));
  d.submitted_at = opt_int64_at(r, 16);
  d.created_at = int64_at(r, 17);
  d.updated_at = int64_at(r, 18);
  d.review_round = static_cast<int>(int64_at(r, 19));
  d.publicity_ends_at = opt_int64_at(r, 20);
  return d;
}

constexpr const char* kAttachmentColumns =
    "id, dossier_id, item_code, sha256, file_name, content_type, size, position, uploaded_at";
Attachment read_attachment(const soci::row& r) {
  return {int64_at(r, 0), int64_at(r, 1), text_at(r, 2), text_at(r, 3), text_at(r, 4), text_at(r, 5),
          int64_at(r, 6), static_cast<int>(int64_at(r, 7)), int64_at(r, 8)};
}

// Dates compare as text (YYYY-MM-DD); the cutoff minus N years, as text.
}  // namespace

std::int64_t insert_dossier(db::Tx& tx, const Dossier& d) {
  static const std::string sql =
      "INSERT INTO dossiers (user_id, campaign_id, year, series_id, specialty_id, level, committee_org_id, route, "
      "route_approval, unit_id, state, version, created_at, updated_at) VALUES (:u, :c, :y, :s, :sp, :l, :co, :r, "
      ":ra, :un, :st, 1, :cr, :up) RETURNING id";
  const auto now = timeutil::now_ms();
  auto rows = tx.query(sql, d.user_id, d.campaign_id, d.year, d.series_id, d.specialty_id, d.level, d.committee_org_id, d.route,
                       d.route_approval, d.unit_id, d.state, now, now);
  rows.next();
  return int64_at(rows.row(), 0);
}

std::optional<Dossier> find_dossier(db::Tx& tx, std::int64_t id) {
  static const std::string sql = std::string("SELECT ") + kColumns + " FROM dossiers WHERE id = :id";
  auto rows = tx.query(sql, id);
  if (rows.next()) return read(rows.row());
  return std::nullopt;
}

std::vector<Dossier> dossiers_of_user(db::Tx& tx, std::int64_t user_id) {
  static const std::string sql = std::string("SELECT ") + kColumns + " FROM dossiers WHERE user_id = :u ORDER BY id DESC";
  std::vector<Dossier> out;
  for (auto rows = tx.query(sql, user_id); rows.next();) out.push_back(read(rows.row()));
  return out;
}

bool update_dossier(db::Tx& tx, const Dossier& d, int expected_version) {
  static const std::string sql =
      "UPDATE dossiers SET specialty_id = :sp, level = :l, committee_org_id = :co, route = :r, route_approval = :ra, "
      "route_decided_by = :rb, route_decided_at = :rat, route_decision_reason = :rr, state = :st, submitted_at = :sa, "
      "version = version + 1, updated_at = :u WHERE id = :id AND version = :v";
  return tx.exec(sql, d.specialty_id, d.level, d.committee_org_id, d.route, d.route_approval, d.route_decided_by,
                 d.route_decided_at, d.route_decision_reason, d.state, d.submitted_at, timeutil::now_ms(), d.id,
                 expected_version) == 1;
}

bool other_application(db::Tx& tx, std::int64_t user_id, int year, const std::string& level, std::int64_t except_id) {
  static const std::string sql =
      "SELECT COUNT(*) FROM dossiers WHERE user_id = :u AND year = :y AND level = :l AND id <> :e "
      "AND state NOT IN ('draft', 'withdrawn', 'void')";
  auto rows = tx.query(sql, user_id, year, level, except_id);
  return rows.next() && int64_at(rows.row(), 0) > 0;
}

std::vector<Section> sections_of(db::Tx& tx, std::int64_t dossier_id) {
  static const std::string sql = "SELECT section, data, version, updated_at FROM dossier_sections WHERE dossier_id = :d";
  std::vector<Section> out;
  for (auto rows = tx.query(sql, dossier_id); rows.next();) {
    const auto& r = rows.row();
    out.push_back({text_at(r, 0), text_at(r, 1), static_cast<int>(int64_at(r, 2)), int64_at(r, 3)});
  }
  return out;
}

void insert_section(db::Tx& tx, std::int64_t dossier_id, const std::string& section, const std::string& data) {
  static const std::string sql =
      "INSERT INTO dossier_sections (dossier_id, section, data, version, updated_at) VALUES (:d, :s, :data, 1, :u)";
  tx.exec(sql, dossier_id, section, data, timeutil::now_ms());
}

std::optional<int> write_section(db::Tx& tx, std::int64_t dossier_id, const std::string& section, int expected, const std::string& data) {
  static const std::string sql =
      "UPDATE dossier_sections SET data = :data, version = version + 1, updated_at = :u "
      "WHERE dossier_id = :d AND section = :s AND version = :v";
  if (tx.exec(sql, data, timeutil::now_ms(), dossier_id, section, expected) != 1) return std::nullopt;
  return expected + 1;
}

void insert_blob(db::Tx& tx, const storage::StoredBlob& b, const std::string& content_type) {
  static const std::string sql =
      "INSERT INTO blobs (sha256, size, content_type, created_at, pack, pack_offset) VALUES (:h, :s, :t, :c, :p, :o) "
      "ON CONFLICT (sha256) DO NOTHING";
  const std::optional<std::string> pack = b.pack.empty() ? std::nullopt : std::optional<std::string>(b.pack);
  const std::optional<std::int64_t> offset = b.pack.empty() ? std::nullopt : std::optional<std::int64_t>(b.offset);
  tx.exec(sql, b.sha256, b.size, content_type, timeutil::now_ms(), pack, offset);
}

std::optional<storage::StoredBlob> find_blob(db::Tx& tx, const std::string& sha256) {
  static const std::string sql = "SELECT size, pack, pack_offset FROM blobs WHERE sha256 = :h";
  auto rows = tx.query(sql, sha256);
  if (!rows.next()) return std::nullopt;
  const auto& r = rows.row();
  return storage::StoredBlob{sha256, int64_at(r, 0), text_at(r, 1), int64_at(r, 2)};
}

std::int64_t insert_attachment(db::Tx& tx, const Attachment& a) {
  static const std::string sql =
      "INSERT INTO attachments (dossier_id, item_code, sha256, file_name, content_type, size, position, uploaded_at) "
      "VALUES (:d, :i, :h, :f, :t, :s, :p, :u) RETURNING id";
  auto rows = tx.query(sql, a.dossier_id, a.item_code, a.sha256, a.file_name, a.content_type, a.size, a.position, timeutil::now_ms());
  rows.next();
  return int64_at(rows.row(), 0);
}

std::vector<Attachment> attachments_of(db::Tx& tx, std::int64_t dossier_id) {
  static const std::string sql = std::string("SELECT ") + kAttachmentColumns +
                                 " FROM attachments WHERE dossier_id = :d ORDER BY item_code, position, id";
  std::vector<Attachment> out;
  for (auto rows = tx.query(sql, dossier_id); rows.next();) out.push_back(read_attachment(rows.row()));
  return out;
}

ItemFill item_fill(db::Tx& tx, std::int64_t dossier_id, const std::string& item_code) {
  static const std::string sql =
      "SELECT COUNT(*), COALESCE(MAX(position), 0) FROM attachments WHERE dossier_id = :d AND item_code = :i";
  auto rows = tx.query(sql, dossier_id, item_code);
  if (!rows.next()) return {};
  return {int64_at(rows.row(), 0), static_cast<int>(int64_at(rows.row(), 1))};
}

std::optional<Attachment> find_attachment(db::Tx& tx, std::int64_t id) {
  static const std::string sql = std::string("SELECT ") + kAttachmentColumns + " FROM attachments WHERE id = :id";
  auto rows = tx.query(sql, id);
  if (rows.next()) return read_attachment(rows.row());
  return std::nullopt;
}

void delete_attachment(db::Tx& tx, std::int64_t id) {
  static const std::string sql = "DELETE FROM attachments WHERE id = :id";
  tx.exec(sql, id);
}

void set_attachment_position(db::Tx& tx, std::int64_t id, int position) {
  static const std::string sql = "UPDATE attachments SET position = :p WHERE id = :id";
  tx.exec(sql, position, id);
}

void insert_history(db::Tx& tx, std::int64_t dossier_id, const HistoryEntry& h, const std::string& ip) {
  static const std::string sql =
      "INSERT INTO dossier_history (dossier_id, from_state, to_state, actor_user_id, role, org_id, ip, reason, at) "
      "VALUES (:d, :f, :t, :a, :r, :o, :ip, :re, :at)";
  tx.exec(sql, dossier_id, h.from_state, h.to_state, h.actor_user_id, h.role, h.org_id, ip, h.reason, timeutil::now_ms());
}

std::vector<HistoryEntry> history_of(db::Tx& tx, std::int64_t dossier_id) {
  static const std::string sql =
      "SELECT id, from_state, to_state, role, reason, actor_user_id, org_id, at FROM dossier_history WHERE dossier_id = :d ORDER BY id";
  std::vector<HistoryEntry> out;
  for (auto rows = tx.query(sql, dossier_id); rows.next();) {
    const auto& r = rows.row();
    out.push_back({int64_at(r, 0), text_at(r, 1), text_at(r, 2), text_at(r, 3), text_at(r, 4), opt_int64_at(r, 5), opt_int64_at(r, 6), int64_at(r, 7)});
  }
  return out;
}

void replace_signals(db::Tx& tx, std::int64_t dossier_id, std::int64_t user_id, const std::string& kind,
                     const std::vector<std::string>& values) {
  static const std::string remove = "DELETE FROM signals WHERE dossier_id = :d AND kind = :k";
  static const std::string insert =
      "INSERT INTO signals (kind, value, dossier_id, user_id) VALUES (:k, :v, :d, :u) ON CONFLICT DO NOTHING";
  tx.exec(remove, dossier_id, kind);
  for (const auto& v : values) tx.exec(insert, kind, v, dossier_id, user_id);
}

// Paper titles and CHSI codes are kept in `signals`; the same file is found from the attachments themselves (their
// hash is indexed), so that an upload writes no signal row of its own.
std::vector<CrossSignal> cross_signals(db::Tx& tx, std::int64_t dossier_id) {
  static const std::string sql =
      "SELECT mine.kind, mine.value, other.dossier_id, other.user_id, u.real_name FROM signals mine "
      "JOIN signals other ON other.kind = mine.kind AND other.value = mine.value AND other.user_id <> mine.user_id "
      "JOIN users u ON u.id = other.user_id WHERE mine.dossier_id = :d "
      "UNION "
      "SELECT 'file_hash', mine.sha256, other.dossier_id, od.user_id, u.real_name FROM attachments mine "
      "JOIN dossiers md ON md.id = mine.dossier_id "
      "JOIN attachments other ON other.sha256 = mine.sha256 "
      "JOIN dossiers od ON od.id = other.dossier_id AND od.user_id <> md.user_id "
      "JOIN users u ON u.id = od.user_id WHERE mine.dossier_id = :d2 "
      "ORDER BY 1, 2, 3";
  std::vector<CrossSignal> out;
  for (auto rows = tx.query(sql, dossier_id, dossier_id); rows.next();) {
    const auto& r = rows.row();
    out.push_back({text_at(r, 0), text_at(r, 1), int64_at(r, 2), int64_at(r, 3), text_at(r, 4)});
  }
  return out;
}

std::string years_after(const std::string& date, int years) {
  return std::to_string(std::stoi(date.substr(0, 4)) + years) + date.substr(4);
}

std::vector<std::string> active_integrity_records(db::Tx& tx, std::int64_t user_id, std::optional<std::int64_t> unit_id,
                                                  const std::string& day, std::string* latest_end) {
  static const std::string sql =
      "SELECT reason, ends_on FROM integrity_records WHERE (user_id = :u OR unit_id = :un) AND starts_on <= :d AND ends_on > :d2 ORDER BY id";
  std::vector<std::string> out;
  for (auto rows = tx.query(sql, user_id, unit_id.value_or(-1), day, day); rows.next();) {
    out.push_back(text_at(rows.row(), 0));
    if (latest_end) *latest_end = std::max(*latest_end, text_at(rows.row(), 1));
  }
  return out;
}

std::vector<IntegrityRecord> integrity_records_under(db::Tx& tx, const std::vector<std::string>& prefixes, const std::string& root_path,
                                                     int page, int page_size, std::int64_t* total) {
  // The prefixes are bound; only their number shapes the text.
  std::string scope = "(1 = 0";
  for (std::size_t i = 0; i < prefixes.size(); ++i) scope += " OR COALESCE(o.path, uo.path, :root) LIKE :p" + std::to_string(i);
  scope += ")";
  const std::string from = " FROM integrity_records r LEFT JOIN users u ON u.id = r.user_id LEFT JOIN orgs uo ON uo.id = u.unit_id "
                           "LEFT JOIN orgs o ON o.id = r.unit_id WHERE " + scope;
  std::vector<std::string> patterns;
  for (const auto& p : prefixes) patterns.push_back(p + "%");
  std::string root = root_path;
  auto bind = [&](soci::statement& st) {
    st.exchange(soci::use(root, "root"));
    for (std::size_t i = 0; i < patterns.size(); ++i) st.exchange(soci::use(patterns[i], "p" + std::to_string(i)));
  };
  long long n = 0, limit = page_size, offset = static_cast<long long>(page - 1) * page_size;
  {
    soci::statement st(tx.sql());
    st.exchange(soci::into(n));
    bind(st);
    st.alloc();
    st.prepare("SELECT COUNT(*)" + from);
    st.define_and_bind();
    st.execute(true);
  }
  if (total) *total = n;
  soci::statement st(tx.sql());
  soci::row r;
  st.exchange(soci::into(r));
  bind(st);
  st.exchange(soci::use(limit, "lim"));
  st.exchange(soci::use(offset, "off"));
  st.alloc();
  st.prepare("SELECT r.id, r.created_at, r.subject, COALESCE(u.real_name, o.name, ''), COALESCE(o.name, uo.name, ''), r.reason, r.evidence, "
             "r.starts_on, r.user_id, r.unit_id, r.years, r.ends_on, r.end_reason, r.ended_at" + from + " ORDER BY r.id DESC LIMIT :lim OFFSET :off");
  st.define_and_bind();
  std::vector<IntegrityRecord> out;
  if (st.execute(true)) do out.push_back({int64_at(r, 0), int64_at(r, 1), text_at(r, 2), text_at(r, 3), text_at(r, 4), text_at(r, 5),
                                          text_at(r, 6), text_at(r, 7), opt_int64_at(r, 8), opt_int64_at(r, 9), static_cast<int>(int64_at(r, 10)),
                                          text_at(r, 11), opt_text_at(r, 12), opt_int64_at(r, 13)});
    while (st.fetch());
  return out;
}

std::int64_t insert_integrity_record(db::Tx& tx, const std::string& subject, std::optional<std::int64_t> user_id,
                                     std::optional<std::int64_t> unit_id, const std::string& reason, const std::string& evidence,
                                     const std::string& starts_on, int years, std::int64_t by) {
  static const std::string sql =
      "INSERT INTO integrity_records (subject, user_id, unit_id, reason, evidence, starts_on, years, ends_on, created_by, created_at) "
      "VALUES (:s, :u, :n, :r, :e, :st, :y, :en, :b, :c) RETURNING id";
  auto rows = tx.query(sql, subject, user_id, unit_id, reason, evidence, starts_on, years, years_after(starts_on, years), by,
                       timeutil::now_ms());
  rows.next();
  return int64_at(rows.row(), 0);
}

std::optional<IntegrityRecord> find_integrity_record(db::Tx& tx, std::int64_t id) {
  static const std::string sql =
      "SELECT id, created_at, subject, reason, evidence, starts_on, user_id, unit_id, years, ends_on, end_reason, ended_at "
      "FROM integrity_records WHERE id = :id";
  auto rows = tx.query(sql, id);
  if (!rows.next()) return std::nullopt;
  const auto& r = rows.row();
  IntegrityRecord x;
  x.id = int64_at(r, 0);
  x.created_at = int64_at(r, 1);
  x.subject = text_at(r, 2);
  x.reason = text_at(r, 3);
  x.evidence = text_at(r, 4);
  x.starts_on = text_at(r, 5);
  x.user_id = opt_int64_at(r, 6);
  x.unit_id = opt_int64_at(r, 7);
  x.years = static_cast<int>(int64_at(r, 8));
  x.ends_on = text_at(r, 9);
  x.end_reason = opt_text_at(r, 10);
  x.ended_at = opt_int64_at(r, 11);
  return x;
}

bool end_integrity_record(db::Tx& tx, std::int64_t id, const std::string& ends_on, const std::string& reason, std::int64_t by) {
  static const std::string sql =
      "UPDATE integrity_records SET ends_on = :e, end_reason = :r, ended_by = :b, ended_at = :t WHERE id = :id AND ended_at IS NULL";
  return tx.exec(sql, ends_on, reason, by, timeutil::now_ms(), id) == 1;
}

}  // namespace zp::dossier
