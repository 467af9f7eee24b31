#include "dossier/store.hpp"

#include <soci/soci.h>

#include "core/time.hpp"
#include "db/row.hpp"

namespace zp::dossier {

namespace {
using namespace db;

template <class T>
soci::indicator ind(const std::optional<T>& v) {
  return v ? soci::i_ok : soci::i_null;
}

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
std::string years_before(const std::string& date, int years) {
  return std::to_string(std::stoi(date.substr(0, 4)) - years) + date.substr(4);
}
}  // namespace

std::int64_t insert_dossier(db::Tx& tx, const Dossier& d) {
  long long user = d.user_id, campaign = d.campaign_id, series = d.series_id, spec = d.specialty_id.value_or(0),
            committee = d.committee_org_id.value_or(0), unit = d.unit_id.value_or(0), now = timeutil::now_ms(), id = 0;
  soci::indicator si = ind(d.specialty_id), ci = ind(d.committee_org_id), ui = ind(d.unit_id);
  tx.sql() << "INSERT INTO dossiers (user_id, campaign_id, year, series_id, specialty_id, level, committee_org_id, route, "
              "route_approval, unit_id, state, version, created_at, updated_at) VALUES (:u, :c, :y, :s, :sp, :l, :co, :r, "
              ":ra, :un, :st, 1, :cr, :up) RETURNING id",
      soci::use(user), soci::use(campaign), soci::use(d.year), soci::use(series), soci::use(spec, si), soci::use(d.level),
      soci::use(committee, ci), soci::use(d.route), soci::use(d.route_approval), soci::use(unit, ui), soci::use(d.state),
      soci::use(now), soci::use(now), soci::into(id);
  return id;
}

std::optional<Dossier> find_dossier(db::Tx& tx, std::int64_t id) {
  long long key = id;
  soci::rowset<soci::row> rs = (tx.sql().prepare << std::string("SELECT ") + kColumns + " FROM dossiers WHERE id = :id", soci::use(key));
  for (const auto& r : rs) return read(r);
  return std::nullopt;
}

std::vector<Dossier> dossiers_of_user(db::Tx& tx, std::int64_t user_id) {
  long long key = user_id;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << std::string("SELECT ") + kColumns + " FROM dossiers WHERE user_id = :u ORDER BY id DESC", soci::use(key));
  std::vector<Dossier> out;
  for (const auto& r : rs) out.push_back(read(r));
  return out;
}

bool update_dossier(db::Tx& tx, const Dossier& d, int expected_version) {
  long long id = d.id, spec = d.specialty_id.value_or(0), committee = d.committee_org_id.value_or(0),
            by = d.route_decided_by.value_or(0), at = d.route_decided_at.value_or(0), submitted = d.submitted_at.value_or(0),
            now = timeutil::now_ms();
  soci::indicator si = ind(d.specialty_id), ci = ind(d.committee_org_id), bi = ind(d.route_decided_by),
                  ai = ind(d.route_decided_at), ri = ind(d.route_decision_reason), sui = ind(d.submitted_at);
  std::string reason = d.route_decision_reason.value_or("");
  soci::statement st = (tx.sql().prepare << "UPDATE dossiers SET specialty_id = :sp, level = :l, committee_org_id = :co, "
                                            "route = :r, route_approval = :ra, route_decided_by = :rb, route_decided_at = :rat, "
                                            "route_decision_reason = :rr, state = :st, submitted_at = :sa, version = version + 1, "
                                            "updated_at = :u WHERE id = :id AND version = :v",
                        soci::use(spec, si), soci::use(d.level), soci::use(committee, ci), soci::use(d.route),
                        soci::use(d.route_approval), soci::use(by, bi), soci::use(at, ai), soci::use(reason, ri),
                        soci::use(d.state), soci::use(submitted, sui), soci::use(now), soci::use(id), soci::use(expected_version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

bool other_application(db::Tx& tx, std::int64_t user_id, int year, const std::string& level, std::int64_t except_id) {
  long long user = user_id, except = except_id, n = 0;
  tx.sql() << "SELECT COUNT(*) FROM dossiers WHERE user_id = :u AND year = :y AND level = :l AND id <> :e "
              "AND state NOT IN ('draft', 'withdrawn', 'void')",
      soci::use(user), soci::use(year), soci::use(level), soci::use(except), soci::into(n);
  return n > 0;
}

std::vector<Section> sections_of(db::Tx& tx, std::int64_t dossier_id) {
  long long key = dossier_id;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << "SELECT section, data, version, updated_at FROM dossier_sections WHERE dossier_id = :d", soci::use(key));
  std::vector<Section> out;
  for (const auto& r : rs) out.push_back({text_at(r, 0), text_at(r, 1), static_cast<int>(int64_at(r, 2)), int64_at(r, 3)});
  return out;
}

void insert_section(db::Tx& tx, std::int64_t dossier_id, const std::string& section, const std::string& data) {
  long long key = dossier_id, now = timeutil::now_ms();
  tx.sql() << "INSERT INTO dossier_sections (dossier_id, section, data, version, updated_at) VALUES (:d, :s, :data, 1, :u)",
      soci::use(key), soci::use(section), soci::use(data), soci::use(now);
}

std::optional<int> write_section(db::Tx& tx, std::int64_t dossier_id, const std::string& section, int expected, const std::string& data) {
  long long key = dossier_id, now = timeutil::now_ms();
  soci::statement st = (tx.sql().prepare << "UPDATE dossier_sections SET data = :data, version = version + 1, updated_at = :u "
                                            "WHERE dossier_id = :d AND section = :s AND version = :v",
                        soci::use(data), soci::use(now), soci::use(key), soci::use(section), soci::use(expected));
  st.execute(true);
  if (st.get_affected_rows() != 1) return std::nullopt;
  return expected + 1;
}

void insert_blob(db::Tx& tx, const std::string& sha256, std::int64_t size, const std::string& content_type) {
  long long s = size, now = timeutil::now_ms();
  tx.sql() << "INSERT INTO blobs (sha256, size, content_type, created_at) VALUES (:h, :s, :t, :c) ON CONFLICT (sha256) DO NOTHING",
      soci::use(sha256), soci::use(s), soci::use(content_type), soci::use(now);
}

std::int64_t insert_attachment(db::Tx& tx, const Attachment& a) {
  long long dossier = a.dossier_id, size = a.size, now = timeutil::now_ms(), id = 0;
  tx.sql() << "INSERT INTO attachments (dossier_id, item_code, sha256, file_name, content_type, size, position, uploaded_at) "
              "VALUES (:d, :i, :h, :f, :t, :s, :p, :u) RETURNING id",
      soci::use(dossier), soci::use(a.item_code), soci::use(a.sha256), soci::use(a.file_name), soci::use(a.content_type),
      soci::use(size), soci::use(a.position), soci::use(now), soci::into(id);
  return id;
}

std::vector<Attachment> attachments_of(db::Tx& tx, std::int64_t dossier_id) {
  long long key = dossier_id;
  soci::rowset<soci::row> rs = (tx.sql().prepare << std::string("SELECT ") + kAttachmentColumns +
                                                        " FROM attachments WHERE dossier_id = :d ORDER BY item_code, position, id",
                                soci::use(key));
  std::vector<Attachment> out;
  for (const auto& r : rs) out.push_back(read_attachment(r));
  return out;
}

std::optional<Attachment> find_attachment(db::Tx& tx, std::int64_t id) {
  long long key = id;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << std::string("SELECT ") + kAttachmentColumns + " FROM attachments WHERE id = :id", soci::use(key));
  for (const auto& r : rs) return read_attachment(r);
  return std::nullopt;
}

void delete_attachment(db::Tx& tx, std::int64_t id) {
  long long key = id;
  tx.sql() << "DELETE FROM attachments WHERE id = :id", soci::use(key);
}

void set_attachment_position(db::Tx& tx, std::int64_t id, int position) {
  long long key = id;
  tx.sql() << "UPDATE attachments SET position = :p WHERE id = :id", soci::use(position), soci::use(key);
}

void insert_history(db::Tx& tx, std::int64_t dossier_id, const HistoryEntry& h, const std::string& ip) {
  long long key = dossier_id, actor = h.actor_user_id.value_or(0), org = h.org_id.value_or(0), now = timeutil::now_ms();
  soci::indicator ai = ind(h.actor_user_id), oi = ind(h.org_id);
  tx.sql() << "INSERT INTO dossier_history (dossier_id, from_state, to_state, actor_user_id, role, org_id, ip, reason, at) "
              "VALUES (:d, :f, :t, :a, :r, :o, :ip, :re, :at)",
      soci::use(key), soci::use(h.from_state), soci::use(h.to_state), soci::use(actor, ai), soci::use(h.role),
      soci::use(org, oi), soci::use(ip), soci::use(h.reason), soci::use(now);
}

std::vector<HistoryEntry> history_of(db::Tx& tx, std::int64_t dossier_id) {
  long long key = dossier_id;
  soci::rowset<soci::row> rs = (tx.sql().prepare << "SELECT id, from_state, to_state, role, reason, actor_user_id, org_id, at "
                                                    "FROM dossier_history WHERE dossier_id = :d ORDER BY id",
                                soci::use(key));
  std::vector<HistoryEntry> out;
  for (const auto& r : rs)
    out.push_back({int64_at(r, 0), text_at(r, 1), text_at(r, 2), text_at(r, 3), text_at(r, 4), opt_int64_at(r, 5), opt_int64_at(r, 6), int64_at(r, 7)});
  return out;
}

void replace_signals(db::Tx& tx, std::int64_t dossier_id, std::int64_t user_id, const std::string& kind,
                     const std::vector<std::string>& values) {
  long long key = dossier_id, user = user_id;
  tx.sql() << "DELETE FROM signals WHERE dossier_id = :d AND kind = :k", soci::use(key), soci::use(kind);
  for (const auto& v : values)
    tx.sql() << "INSERT INTO signals (kind, value, dossier_id, user_id) VALUES (:k, :v, :d, :u) ON CONFLICT DO NOTHING",
        soci::use(kind), soci::use(v), soci::use(key), soci::use(user);
}

std::vector<CrossSignal> cross_signals(db::Tx& tx, std::int64_t dossier_id) {
  long long key = dossier_id;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << "SELECT mine.kind, mine.value, other.dossier_id, other.user_id, u.real_name FROM signals mine "
                           "JOIN signals other ON other.kind = mine.kind AND other.value = mine.value AND other.user_id <> mine.user_id "
                           "JOIN users u ON u.id = other.user_id WHERE mine.dossier_id = :d ORDER BY mine.kind, mine.value, other.dossier_id",
       soci::use(key));
  std::vector<CrossSignal> out;
  for (const auto& r : rs) out.push_back({text_at(r, 0), text_at(r, 1), int64_at(r, 2), int64_at(r, 3), text_at(r, 4)});
  return out;
}

std::vector<std::string> active_integrity_records(db::Tx& tx, std::int64_t user_id, std::optional<std::int64_t> unit_id,
                                                  const std::string& cutoff, int years) {
  long long user = user_id, unit = unit_id.value_or(-1);
  const std::string since = years_before(cutoff, years);
  soci::rowset<soci::row> rs = (tx.sql().prepare << "SELECT reason FROM integrity_records WHERE (user_id = :u OR unit_id = :un) "
                                                    "AND starts_on <= :c AND starts_on > :s ORDER BY id",
                                soci::use(user), soci::use(unit), soci::use(cutoff), soci::use(since));
  std::vector<std::string> out;
  for (const auto& r : rs) out.push_back(text_at(r, 0));
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
             "r.starts_on, r.user_id, r.unit_id, r.years" + from + " ORDER BY r.id DESC LIMIT :lim OFFSET :off");
  st.define_and_bind();
  std::vector<IntegrityRecord> out;
  if (st.execute(true)) do out.push_back({int64_at(r, 0), int64_at(r, 1), text_at(r, 2), text_at(r, 3), text_at(r, 4), text_at(r, 5),
                                          text_at(r, 6), text_at(r, 7), opt_int64_at(r, 8), opt_int64_at(r, 9), static_cast<int>(int64_at(r, 10))});
    while (st.fetch());
  return out;
}

std::int64_t insert_integrity_record(db::Tx& tx, const std::string& subject, std::optional<std::int64_t> user_id,
                                     std::optional<std::int64_t> unit_id, const std::string& reason, const std::string& evidence,
                                     const std::string& starts_on, int years, std::int64_t by) {
  long long user = user_id.value_or(0), unit = unit_id.value_or(0), who = by, now = timeutil::now_ms(), id = 0;
  soci::indicator ui = ind(user_id), ni = ind(unit_id);
  tx.sql() << "INSERT INTO integrity_records (subject, user_id, unit_id, reason, evidence, starts_on, years, created_by, created_at) "
              "VALUES (:s, :u, :n, :r, :e, :st, :y, :b, :c) RETURNING id",
      soci::use(subject), soci::use(user, ui), soci::use(unit, ni), soci::use(reason), soci::use(evidence), soci::use(starts_on),
      soci::use(years), soci::use(who), soci::use(now), soci::into(id);
  return id;
}

}  // namespace zp::dossier
