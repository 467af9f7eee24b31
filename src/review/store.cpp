#include "review/store.hpp"

#include <soci/soci.h>

#include "core/time.hpp"
#include "db/row.hpp"
#include "review/office_store.hpp"

namespace zp::review {

using namespace db;

void put_mark(db::Tx& tx, std::int64_t dossier_id, int round, const Mark& m, std::int64_t by) {
  long long d = dossier_id, who = by, now = timeutil::now_ms();
  tx.sql() << "DELETE FROM review_marks WHERE dossier_id = :d AND round = :r AND target_kind = :k AND target = :t", soci::use(d),
      soci::use(round), soci::use(m.target_kind), soci::use(m.target);
  tx.sql() << "INSERT INTO review_marks (dossier_id, round, target_kind, target, status, comment, by_user, at) "
              "VALUES (:d, :r, :k, :t, :s, :c, :b, :a)",
      soci::use(d), soci::use(round), soci::use(m.target_kind), soci::use(m.target), soci::use(m.status), soci::use(m.comment),
      soci::use(who), soci::use(now);
}

std::vector<Mark> marks_of(db::Tx& tx, std::int64_t dossier_id, int round) {
  long long d = dossier_id;
  soci::rowset<soci::row> rs = (tx.sql().prepare << "SELECT target_kind, target, status, comment, at FROM review_marks "
                                                    "WHERE dossier_id = :d AND round = :r ORDER BY target_kind, target",
                                soci::use(d), soci::use(round));
  std::vector<Mark> out;
  for (const auto& r : rs) out.push_back({text_at(r, 0), text_at(r, 1), text_at(r, 2), text_at(r, 3), int64_at(r, 4)});
  return out;
}

void put_snapshot(db::Tx& tx, std::int64_t dossier_id, int round, const std::string& part, const std::string& digest) {
  long long d = dossier_id;
  tx.sql() << "INSERT INTO return_snapshots (dossier_id, round, part, digest) VALUES (:d, :r, :p, :g)", soci::use(d), soci::use(round),
      soci::use(part), soci::use(digest);
}

std::map<std::string, std::string> snapshots_of(db::Tx& tx, std::int64_t dossier_id, int round) {
  long long d = dossier_id;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << "SELECT part, digest FROM return_snapshots WHERE dossier_id = :d AND round = :r", soci::use(d), soci::use(round));
  std::map<std::string, std::string> out;
  for (const auto& r : rs) out[text_at(r, 0)] = text_at(r, 1);
  return out;
}

int review_round(db::Tx& tx, std::int64_t dossier_id) {
  long long d = dossier_id;
  int round = 0;
  tx.sql() << "SELECT review_round FROM dossiers WHERE id = :d", soci::use(d), soci::into(round);
  return round;
}

void set_review_round(db::Tx& tx, std::int64_t dossier_id, int round) {
  long long d = dossier_id;
  tx.sql() << "UPDATE dossiers SET review_round = :r WHERE id = :d", soci::use(round), soci::use(d);
}

std::optional<std::int64_t> publicity_end(db::Tx& tx, std::int64_t dossier_id) {
  long long d = dossier_id, at = 0;
  soci::indicator ind = soci::i_null;
  tx.sql() << "SELECT publicity_ends_at FROM dossiers WHERE id = :d", soci::use(d), soci::into(at, ind);
  if (ind != soci::i_ok) return std::nullopt;
  return at;
}

void set_publicity_end(db::Tx& tx, std::int64_t dossier_id, std::int64_t at) {
  long long d = dossier_id, when = at;
  tx.sql() << "UPDATE dossiers SET publicity_ends_at = :a WHERE id = :d", soci::use(when), soci::use(d);
}

std::int64_t insert_objection(db::Tx& tx, const Objection& o, const std::string& ip) {
  long long d = o.dossier_id, now = timeutil::now_ms(), id = 0;
  tx.sql() << "INSERT INTO objections (dossier_id, stage, real_name, contact_phone, content, ip, created_at) "
              "VALUES (:d, :s, :n, :p, :c, :ip, :at) RETURNING id",
      soci::use(d), soci::use(o.stage), soci::use(o.real_name), soci::use(o.contact_phone), soci::use(o.content), soci::use(ip),
      soci::use(now), soci::into(id);
  return id;
}

namespace {
constexpr const char* kObjectionColumns =
    "id, dossier_id, created_at, stage, real_name, contact_phone, content, handling, outcome, handled_at";
Objection read_objection(const soci::row& r) {
  return {int64_at(r, 0), int64_at(r, 1), int64_at(r, 2), text_at(r, 3), text_at(r, 4), text_at(r, 5), text_at(r, 6),
          opt_text_at(r, 7), opt_text_at(r, 8), opt_int64_at(r, 9)};
}
}  // namespace

std::vector<Objection> objections_of(db::Tx& tx, std::int64_t dossier_id) {
  long long d = dossier_id;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << std::string("SELECT ") + kObjectionColumns + " FROM objections WHERE dossier_id = :d ORDER BY id", soci::use(d));
  std::vector<Objection> out;
  for (const auto& r : rs) out.push_back(read_objection(r));
  return out;
}

std::optional<Objection> find_objection(db::Tx& tx, std::int64_t id) {
  long long key = id;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << std::string("SELECT ") + kObjectionColumns + " FROM objections WHERE id = :id", soci::use(key));
  for (const auto& r : rs) return read_objection(r);
  return std::nullopt;
}

void handle_objection(db::Tx& tx, std::int64_t id, const std::string& handling, const std::string& outcome, std::int64_t by) {
  long long key = id, who = by, now = timeutil::now_ms();
  tx.sql() << "UPDATE objections SET handling = :h, outcome = :o, handled_by = :b, handled_at = :a WHERE id = :id", soci::use(handling),
      soci::use(outcome), soci::use(who), soci::use(now), soci::use(key);
}

std::vector<PublicityEntry> unit_publicity(db::Tx& tx, std::int64_t unit_id, std::int64_t now) {
  long long unit = unit_id, at = now;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << std::string("SELECT d.id, u.real_name, d.level, sr.name, d.publicity_ends_at, ") + level_name_sql() +
                               " FROM dossiers d JOIN users u ON u.id = d.user_id JOIN series sr ON sr.id = d.series_id "
                               "WHERE d.unit_id = :u AND d.state = 'unit_publicity' AND d.publicity_ends_at > :now ORDER BY d.id",
       soci::use(unit), soci::use(at));
  std::vector<PublicityEntry> out;
  for (const auto& r : rs) out.push_back({int64_at(r, 0), text_at(r, 1), text_at(r, 2), text_at(r, 3), int64_at(r, 4), text_at(r, 5)});
  return out;
}

std::vector<QueueItem> queue(db::Tx& tx, const std::vector<std::string>& prefixes, const std::vector<std::string>& states,
                             const std::string& state, int page, int page_size, std::int64_t* total,
                             std::map<std::string, std::int64_t>* counts) {
  // Scope and states are bound parameters; only their number shapes the text.
  std::string scope = "(1 = 0";
  for (std::size_t i = 0; i < prefixes.size(); ++i) scope += " OR o.path LIKE :p" + std::to_string(i);
  scope += ")";
  std::string in = "(";
  for (std::size_t i = 0; i < states.size(); ++i) in += (i ? ", :s" : ":s") + std::to_string(i);
  in += ")";
  const std::string from = " FROM dossiers d JOIN orgs o ON o.id = d.unit_id JOIN users u ON u.id = d.user_id WHERE " + scope +
                           " AND d.state IN " + in;
  std::vector<std::string> patterns;
  for (const auto& p : prefixes) patterns.push_back(p + "%");
  auto bind_common = [&](soci::statement& st) {
    for (std::size_t i = 0; i < patterns.size(); ++i) st.exchange(soci::use(patterns[i], "p" + std::to_string(i)));
    for (std::size_t i = 0; i < states.size(); ++i) st.exchange(soci::use(states[i], "s" + std::to_string(i)));
  };
  if (counts) {
    soci::statement st(tx.sql());
    soci::row r;
    st.exchange(soci::into(r));
    bind_common(st);
    st.alloc();
    st.prepare("SELECT d.state, COUNT(*)" + from + " GROUP BY d.state");
    st.define_and_bind();
    if (st.execute(true)) do (*counts)[text_at(r, 0)] = int64_at(r, 1);
      while (st.fetch());
  }
  std::int64_t n = 0;
  if (counts)
    for (const auto& [s, c] : *counts)
      if (state.empty() || s == state) n += c;
  if (total) *total = n;
  soci::statement st(tx.sql());
  soci::row r;
  st.exchange(soci::into(r));
  bind_common(st);
  long long limit = page_size, offset = static_cast<long long>(page - 1) * page_size;
  st.exchange(soci::use(state, "f1"));
  st.exchange(soci::use(state, "f2"));
  st.exchange(soci::use(limit, "lim"));
  st.exchange(soci::use(offset, "off"));
  st.alloc();
  st.prepare("SELECT d.id, d.user_id, d.unit_id, d.campaign_id, d.updated_at, u.real_name, o.name, d.level, d.state, d.submitted_at" + from +
             " AND (:f1 = '' OR d.state = :f2) ORDER BY d.updated_at, d.id LIMIT :lim OFFSET :off");
  st.define_and_bind();
  std::vector<QueueItem> out;
  if (st.execute(true)) do out.push_back({int64_at(r, 0), int64_at(r, 1), int64_at(r, 2), int64_at(r, 3), int64_at(r, 4), text_at(r, 5),
                                          text_at(r, 6), text_at(r, 7), text_at(r, 8), opt_int64_at(r, 9)});
    while (st.fetch());
  return out;
}

}  // namespace zp::review
