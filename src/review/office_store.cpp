#include "review/office_store.hpp"

#include <deque>
#include <soci/soci.h>

#include <algorithm>

#include "core/time.hpp"
#include "db/name_index.hpp"
#include "db/row.hpp"

namespace zp::review {

using namespace db;

namespace {
void ensure_record(db::Tx& tx, long long d) {
  tx.sql() << "INSERT INTO dossier_reviews (dossier_id) VALUES (:d) ON CONFLICT (dossier_id) DO NOTHING", soci::use(d);
}

std::string join_ids(const std::vector<std::int64_t>& ids) {
  std::string s;
  for (auto id : ids) s += (s.empty() ? "" : ",") + std::to_string(id);
  return s;
}
std::vector<std::int64_t> split_ids(const std::string& s) {
  std::vector<std::int64_t> out;
  std::size_t at = 0;
  while (at < s.size()) {
    auto comma = s.find(',', at);
    if (comma == std::string::npos) comma = s.size();
    out.push_back(std::stoll(s.substr(at, comma - at)));
    at = comma + 1;
  }
  return out;
}

// Statements whose text depends on which filters are present; values stay alive until execution.
class Binder {
 public:
  std::string text(const std::string& v) {
    const auto name = "b" + std::to_string(n_++);
    texts_.push_back({name, v});
    return ":" + name;
  }
  std::string integer(std::int64_t v) {
    const auto name = "b" + std::to_string(n_++);
    ints_.push_back({name, static_cast<long long>(v)});
    return ":" + name;
  }
  void bind(soci::statement& st) {
    for (auto& [name, v] : texts_) st.exchange(soci::use(v, name));
    for (auto& [name, v] : ints_) st.exchange(soci::use(v, name));
  }

 private:
  int n_ = 0;
  std::deque<std::pair<std::string, std::string>> texts_;
  std::deque<std::pair<std::string, long long>> ints_;
};

template <class F>
void each_row(db::Tx& tx, Binder& b, const std::string& sql, F&& f) {
  soci::statement st(tx.sql());
  soci::row r;
  st.exchange(soci::into(r));
  b.bind(st);
  st.alloc();
  st.prepare(sql);
  st.define_and_bind();
  if (st.execute(true)) do f(r);
    while (st.fetch());
}
}  // namespace

// The series' own name of the dossier's level (e.g. 高级政工师), with the series joined as `sr`.
constexpr const char* kLevelName =
    "COALESCE(CASE d.level WHEN 'entry' THEN sr.name_entry WHEN 'assistant' THEN sr.name_assistant WHEN 'intermediate' THEN "
    "sr.name_intermediate WHEN 'deputy_senior' THEN sr.name_deputy_senior WHEN 'senior' THEN sr.name_senior END, d.level)";

const char* level_name_sql() { return kLevelName; }

ReviewRecord review_record(db::Tx& tx, std::int64_t dossier_id) {
  long long d = dossier_id;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << "SELECT unit_opinion, publicity_result, second_return_reason, initial_result, initial_reason, supplement_note, "
                           "final_result, final_reason, void_reason, recommended_at, supplement_at, void_reviewer_id, committee_list_id, "
                           "office_returns FROM dossier_reviews WHERE dossier_id = :d",
       soci::use(d));
  ReviewRecord out;
  out.dossier_id = dossier_id;
  for (const auto& r : rs) {
    out.unit_opinion = opt_text_at(r, 0);
    out.publicity_result = opt_text_at(r, 1);
    out.second_return_reason = opt_text_at(r, 2);
    out.initial_result = opt_text_at(r, 3);
    out.initial_reason = opt_text_at(r, 4);
    out.supplement_note = opt_text_at(r, 5);
    out.final_result = opt_text_at(r, 6);
    out.final_reason = opt_text_at(r, 7);
    out.void_reason = opt_text_at(r, 8);
    out.recommended_at = opt_int64_at(r, 9);
    out.supplement_at = opt_int64_at(r, 10);
    out.void_reviewer_id = opt_int64_at(r, 11);
    out.committee_list_id = opt_int64_at(r, 12);
    out.office_returns = static_cast<int>(int64_at(r, 13));
  }
  static const std::string corrections =
      "SELECT id, at, section, before_data, after_data, reason FROM corrections WHERE dossier_id = :d ORDER BY id";
  for (auto rows = tx.query(corrections, dossier_id); rows.next();) {
    const auto& r = rows.row();
    out.corrections.push_back({int64_at(r, 0), int64_at(r, 1), text_at(r, 2), text_at(r, 3), text_at(r, 4), text_at(r, 5)});
  }
  return out;
}

void set_recommendation(db::Tx& tx, std::int64_t dossier_id, const std::string& opinion, const std::string& publicity_result) {
  long long d = dossier_id, now = timeutil::now_ms();
  ensure_record(tx, d);
  tx.sql() << "UPDATE dossier_reviews SET unit_opinion = :o, publicity_result = :p, recommended_at = :a WHERE dossier_id = :d",
      soci::use(opinion), soci::use(publicity_result), soci::use(now), soci::use(d);
}

int add_office_return(db::Tx& tx, std::int64_t dossier_id, const std::string& justification) {
  long long d = dossier_id;
  ensure_record(tx, d);
  int n = 0;
  tx.sql() << "SELECT office_returns FROM dossier_reviews WHERE dossier_id = :d", soci::use(d), soci::into(n);
  ++n;
  if (n >= 2)
    tx.sql() << "UPDATE dossier_reviews SET office_returns = :n, second_return_reason = :j WHERE dossier_id = :d", soci::use(n),
        soci::use(justification), soci::use(d);
  else
    tx.sql() << "UPDATE dossier_reviews SET office_returns = :n WHERE dossier_id = :d", soci::use(n), soci::use(d);
  return n;
}

void set_initial_result(db::Tx& tx, std::int64_t dossier_id, const std::string& result, const std::string& reason) {
  long long d = dossier_id;
  ensure_record(tx, d);
  tx.sql() << "UPDATE dossier_reviews SET initial_result = :r, initial_reason = :why WHERE dossier_id = :d", soci::use(result),
      soci::use(reason), soci::use(d);
}

void set_supplement(db::Tx& tx, std::int64_t dossier_id, const std::string& note) {
  long long d = dossier_id, now = timeutil::now_ms();
  ensure_record(tx, d);
  tx.sql() << "UPDATE dossier_reviews SET supplement_note = :n, supplement_at = :a WHERE dossier_id = :d", soci::use(note), soci::use(now),
      soci::use(d);
}

void set_final_result(db::Tx& tx, std::int64_t dossier_id, const std::string& result, const std::string& reason) {
  long long d = dossier_id;
  ensure_record(tx, d);
  tx.sql() << "UPDATE dossier_reviews SET final_result = :r, final_reason = :why WHERE dossier_id = :d", soci::use(result),
      soci::use(reason), soci::use(d);
}

void set_void(db::Tx& tx, std::int64_t dossier_id, const std::string& reason, std::optional<std::int64_t> reviewer_id) {
  long long d = dossier_id, who = reviewer_id.value_or(0);
  soci::indicator wi = reviewer_id ? soci::i_ok : soci::i_null;
  ensure_record(tx, d);
  tx.sql() << "UPDATE dossier_reviews SET void_reason = :r, void_reviewer_id = :v WHERE dossier_id = :d", soci::use(reason),
      soci::use(who, wi), soci::use(d);
}

void set_committee_list(db::Tx& tx, std::int64_t dossier_id, std::int64_t list_id) {
  long long d = dossier_id, l = list_id;
  ensure_record(tx, d);
  tx.sql() << "UPDATE dossier_reviews SET committee_list_id = :l WHERE dossier_id = :d", soci::use(l), soci::use(d);
}

std::optional<Interview> interview_of(db::Tx& tx, std::int64_t dossier_id) {
  long long d = dossier_id;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << "SELECT kind, held_on, panel, summary, result, recorded_at FROM interviews WHERE dossier_id = :d", soci::use(d));
  for (const auto& r : rs) return Interview{text_at(r, 0), text_at(r, 1), text_at(r, 2), text_at(r, 3), text_at(r, 4), int64_at(r, 5)};
  return std::nullopt;
}

void put_interview(db::Tx& tx, std::int64_t dossier_id, const Interview& i, std::int64_t by) {
  long long d = dossier_id, who = by, now = timeutil::now_ms();
  tx.sql() << "DELETE FROM interviews WHERE dossier_id = :d", soci::use(d);
  tx.sql() << "INSERT INTO interviews (dossier_id, kind, held_on, panel, summary, result, recorded_by, recorded_at) "
              "VALUES (:d, :k, :h, :p, :s, :r, :b, :a)",
      soci::use(d), soci::use(i.kind), soci::use(i.held_on), soci::use(i.panel), soci::use(i.summary), soci::use(i.result), soci::use(who),
      soci::use(now);
}

std::optional<std::int64_t> approving_reviewer(db::Tx& tx, std::int64_t dossier_id) {
  long long d = dossier_id;
  soci::rowset<soci::row> rs = (tx.sql().prepare << "SELECT actor_user_id FROM dossier_history WHERE dossier_id = :d "
                                                    "AND to_state = 'unit_publicity' ORDER BY id DESC LIMIT 1",
                                soci::use(d));
  for (const auto& r : rs) return opt_int64_at(r, 0);
  return std::nullopt;
}

std::int64_t insert_fee(db::Tx& tx, const FeePayment& f, std::int64_t by) {
  long long c = f.campaign_id, u = f.unit_id, amount = f.amount_cents, who = by, now = timeutil::now_ms(), id = 0;
  tx.sql() << "INSERT INTO fee_payments (campaign_id, unit_id, amount_cents, reference, paid_on, note, recorded_by, recorded_at) "
              "VALUES (:c, :u, :m, :r, :p, :n, :b, :a) RETURNING id",
      soci::use(c), soci::use(u), soci::use(amount), soci::use(f.reference), soci::use(f.paid_on), soci::use(f.note), soci::use(who),
      soci::use(now), soci::into(id);
  return id;
}

std::vector<FeePayment> fees_of(db::Tx& tx, std::int64_t campaign_id) {
  long long c = campaign_id;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << "SELECT f.id, f.campaign_id, f.unit_id, f.amount_cents, f.recorded_at, o.name, f.reference, f.paid_on, f.note "
                           "FROM fee_payments f JOIN orgs o ON o.id = f.unit_id WHERE f.campaign_id = :c ORDER BY f.id",
       soci::use(c));
  std::vector<FeePayment> out;
  for (const auto& r : rs)
    out.push_back({int64_at(r, 0), int64_at(r, 1), int64_at(r, 2), int64_at(r, 3), int64_at(r, 4), text_at(r, 5), text_at(r, 6),
                   text_at(r, 7), text_at(r, 8)});
  return out;
}

std::vector<std::pair<std::int64_t, std::int64_t>> spot_check_pool(db::Tx& tx, std::int64_t campaign_id) {
  long long c = campaign_id;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << "SELECT d.id, d.unit_id FROM dossiers d JOIN dossier_reviews r ON r.dossier_id = d.id WHERE d.campaign_id = :c "
                           "AND d.state = 'office_publicity' AND r.initial_result = 'passed' AND d.unit_id IS NOT NULL ORDER BY d.id",
       soci::use(c));
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  for (const auto& r : rs) out.push_back({int64_at(r, 0), int64_at(r, 1)});
  return out;
}

std::int64_t insert_spot_check(db::Tx& tx, const SpotCheck& s, std::int64_t by) {
  long long c = s.campaign_id, who = by, now = timeutil::now_ms(), id = 0;
  const auto candidates = join_ids(s.candidates), drawn = join_ids(s.drawn);
  tx.sql() << "INSERT INTO spot_checks (campaign_id, kind, share_permille, seed, candidates, drawn, created_by, created_at) "
              "VALUES (:c, :k, :s, :seed, :cand, :drawn, :b, :a) RETURNING id",
      soci::use(c), soci::use(s.kind), soci::use(s.share_permille), soci::use(s.seed), soci::use(candidates), soci::use(drawn),
      soci::use(who), soci::use(now), soci::into(id);
  return id;
}

void insert_spot_check_item(db::Tx& tx, std::int64_t spot_check_id, std::int64_t dossier_id) {
  long long s = spot_check_id, d = dossier_id;
  tx.sql() << "INSERT INTO spot_check_items (spot_check_id, dossier_id) VALUES (:s, :d)", soci::use(s), soci::use(d);
}

namespace {
constexpr const char* kSpotColumns = "id, campaign_id, created_at, kind, seed, share_permille, candidates, drawn";
SpotCheck read_spot_check(const soci::row& r) {
  SpotCheck s;
  s.id = int64_at(r, 0);
  s.campaign_id = int64_at(r, 1);
  s.created_at = int64_at(r, 2);
  s.kind = text_at(r, 3);
  s.seed = text_at(r, 4);
  s.share_permille = static_cast<int>(int64_at(r, 5));
  s.candidates = split_ids(text_at(r, 6));
  s.drawn = split_ids(text_at(r, 7));
  return s;
}
constexpr const char* kItemSelect =
    "SELECT i.id, i.spot_check_id, i.dossier_id, u.real_name, o.name, i.outcome, i.note, i.decided_at FROM spot_check_items i "
    "JOIN dossiers d ON d.id = i.dossier_id JOIN users u ON u.id = d.user_id LEFT JOIN orgs o ON o.id = d.unit_id ";
SpotCheckItem read_item(const soci::row& r) {
  return {int64_at(r, 0), int64_at(r, 1), int64_at(r, 2), text_at(r, 3), text_at(r, 4), text_at(r, 5), text_at(r, 6), opt_int64_at(r, 7)};
}
}  // namespace

std::optional<SpotCheck> find_spot_check(db::Tx& tx, std::int64_t id) {
  long long key = id;
  soci::rowset<soci::row> rs = (tx.sql().prepare << std::string("SELECT ") + kSpotColumns + " FROM spot_checks WHERE id = :id", soci::use(key));
  for (const auto& r : rs) return read_spot_check(r);
  return std::nullopt;
}

std::vector<SpotCheck> spot_checks_of(db::Tx& tx, std::int64_t campaign_id) {
  long long c = campaign_id;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << std::string("SELECT ") + kSpotColumns + " FROM spot_checks WHERE campaign_id = :c ORDER BY id", soci::use(c));
  std::vector<SpotCheck> out;
  for (const auto& r : rs) out.push_back(read_spot_check(r));
  return out;
}

std::vector<SpotCheckItem> spot_check_items(db::Tx& tx, std::int64_t spot_check_id) {
  long long s = spot_check_id;
  soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kItemSelect) + "WHERE i.spot_check_id = :s ORDER BY i.id", soci::use(s));
  std::vector<SpotCheckItem> out;
  for (const auto& r : rs) out.push_back(read_item(r));
  return out;
}

std::optional<SpotCheckItem> find_spot_check_item(db::Tx& tx, std::int64_t id) {
  long long key = id;
  soci::rowset<soci::row> rs = (tx.sql().prepare << std::string(kItemSelect) + "WHERE i.id = :id", soci::use(key));
  for (const auto& r : rs) return read_item(r);
  return std::nullopt;
}

void decide_spot_check_item(db::Tx& tx, std::int64_t id, const std::string& outcome, const std::string& note, std::int64_t by) {
  long long key = id, who = by, now = timeutil::now_ms();
  tx.sql() << "UPDATE spot_check_items SET outcome = :o, note = :n, decided_by = :b, decided_at = :a WHERE id = :id", soci::use(outcome),
      soci::use(note), soci::use(who), soci::use(now), soci::use(key);
}

std::string spot_check_state(db::Tx& tx, std::int64_t dossier_id) {
  long long d = dossier_id;
  soci::rowset<soci::row> rs = (tx.sql().prepare << "SELECT outcome FROM spot_check_items WHERE dossier_id = :d", soci::use(d));
  static const std::vector<std::string> worst_first = {"discrepancy", "pending", "confirmed"};
  std::size_t worst = worst_first.size();
  for (const auto& r : rs)
    for (std::size_t i = 0; i < worst_first.size(); ++i)
      if (text_at(r, 0) == worst_first[i] && i < worst) worst = i;
  return worst < worst_first.size() ? worst_first[worst] : "";
}

std::int64_t insert_committee_list(db::Tx& tx, std::int64_t campaign_id, std::int64_t by) {
  long long c = campaign_id, who = by, now = timeutil::now_ms(), id = 0;
  tx.sql() << "INSERT INTO committee_lists (campaign_id, published_by, published_at) VALUES (:c, :b, :a) RETURNING id", soci::use(c),
      soci::use(who), soci::use(now), soci::into(id);
  return id;
}

std::optional<std::int64_t> latest_committee_list(db::Tx& tx, std::int64_t campaign_id, std::int64_t* published_at) {
  long long c = campaign_id;
  soci::rowset<soci::row> rs = (tx.sql().prepare << "SELECT id, published_at FROM committee_lists WHERE campaign_id = :c ORDER BY id DESC LIMIT 1",
                                soci::use(c));
  for (const auto& r : rs) {
    if (published_at) *published_at = int64_at(r, 1);
    return int64_at(r, 0);
  }
  return std::nullopt;
}

namespace {
const std::string kListSelect =
    std::string("SELECT d.id, u.real_name, COALESCE(o.name, ''), d.level, sr.name, COALESCE(r.final_result, r.initial_result, ''), "
                "d.publicity_ends_at, ") + kLevelName +
    " FROM dossiers d JOIN users u ON u.id = d.user_id JOIN series sr ON sr.id = d.series_id LEFT JOIN orgs o ON o.id = d.unit_id "
    "LEFT JOIN dossier_reviews r ON r.dossier_id = d.id ";
ListEntry read_entry(const soci::row& r) {
  return {int64_at(r, 0), text_at(r, 1), text_at(r, 2), text_at(r, 3), text_at(r, 4), text_at(r, 5), opt_int64_at(r, 6), text_at(r, 7)};
}
}  // namespace

std::vector<ListEntry> committee_list_entries(db::Tx& tx, std::int64_t list_id) {
  long long l = list_id;
  soci::rowset<soci::row> rs = (tx.sql().prepare << kListSelect +
                                                        "WHERE r.committee_list_id = :l AND d.state = 'sent_to_committee' ORDER BY o.name, d.id",
                                soci::use(l));
  std::vector<ListEntry> out;
  for (const auto& r : rs) out.push_back(read_entry(r));
  return out;
}

std::vector<ListEntry> initial_publicity(db::Tx& tx, std::int64_t campaign_id, std::int64_t now) {
  long long c = campaign_id, at = now;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << kListSelect +
                               "WHERE d.campaign_id = :c AND d.state = 'office_publicity' AND d.publicity_ends_at > :now ORDER BY o.name, d.id",
       soci::use(c), soci::use(at));
  std::vector<ListEntry> out;
  for (const auto& r : rs) out.push_back(read_entry(r));
  return out;
}

std::vector<std::int64_t> dossiers_in_state(db::Tx& tx, std::int64_t campaign_id, const std::string& state) {
  long long c = campaign_id;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << "SELECT id FROM dossiers WHERE campaign_id = :c AND state = :s ORDER BY id", soci::use(c), soci::use(state));
  std::vector<std::int64_t> out;
  for (const auto& r : rs) out.push_back(int64_at(r, 0));
  return out;
}

void insert_correction(db::Tx& tx, std::int64_t dossier_id, const std::string& section, const std::string& before,
                       const std::string& after, const std::string& reason, std::int64_t by) {
  long long d = dossier_id, who = by, now = timeutil::now_ms();
  tx.sql() << "INSERT INTO corrections (dossier_id, section, before_data, after_data, reason, by_user, at) "
              "VALUES (:d, :s, :b, :a, :r, :u, :t)",
      soci::use(d), soci::use(section), soci::use(before), soci::use(after), soci::use(reason), soci::use(who), soci::use(now);
}

std::vector<QueueRow> queue_rows(db::Tx& tx, const QueueFilter& f, std::int64_t* total, std::map<std::string, std::int64_t>* counts) {
  const auto& q = f.query;
  // Every value is bound; only which filters are present shapes the text.
  Binder b;
  // The scope becomes a set of campaigns (office) or units (unit, department) computed once from the small tables,
  // so counting runs on the dossiers' (campaign_id, state, updated_at) index without joining every row.
  std::string scope;
  for (const auto& p : f.prefixes) scope += (scope.empty() ? "" : " OR ") + std::string("path LIKE ") + b.text(p + "%");
  std::string where = " WHERE ";
  if (f.scope_by == ScopeBy::office)
    where += "d.campaign_id IN (SELECT c.id FROM campaigns c JOIN orgs co ON co.id = c.office_org_id WHERE " + scope + ")";
  else if (f.scope_by == ScopeBy::department)
    where += "d.unit_id IN (SELECT id FROM orgs WHERE supervising_dept_id IN (SELECT id FROM orgs WHERE " + scope + "))";
  else
    where += "d.unit_id IN (SELECT id FROM orgs WHERE " + scope + ")";
  where += " AND d.state IN (";
  for (std::size_t i = 0; i < f.states.size(); ++i) where += (i ? ", " : "") + b.text(f.states[i]);
  where += ")";
  if (q.campaign_id) where += " AND d.campaign_id = " + b.integer(*q.campaign_id);
  if (q.unit_id) where += " AND d.unit_id = " + b.integer(*q.unit_id);
  if (q.series_id) where += " AND d.series_id = " + b.integer(*q.series_id);
  if (!q.level.empty()) where += " AND d.level = " + b.text(q.level);
  // Counting needs the dossiers alone; the page joins what it shows. A name search is driven from the matching
  // people and units (small tables), then their dossiers by the user and unit indexes: CROSS JOIN keeps that order.
  std::string count_from = " FROM dossiers d";
  if (!q.name.empty()) {
    // The name index narrows to the people and units having the text's first two characters; LIKE checks the rest.
    const auto like = "%" + q.name + "%";
    const auto gram = db::search_gram(q.name);
    count_from = " FROM (SELECT x.id FROM dossiers x WHERE x.user_id IN (SELECT g.ref_id FROM name_grams g JOIN users nu ON nu.id = g.ref_id "
                 "WHERE g.kind = 'user' AND g.gram = " + b.text(gram) + " AND nu.real_name LIKE " + b.text(like) +
                 ") UNION SELECT y.id FROM dossiers y WHERE y.unit_id IN (SELECT g.ref_id FROM name_grams g JOIN orgs nunit ON nunit.id = g.ref_id "
                 "WHERE g.kind = 'unit' AND g.gram = " + b.text(gram) + " AND nunit.name LIKE " + b.text(like) + ")) m CROSS JOIN dossiers d";
    where = " WHERE d.id = m.id AND " + where.substr(std::string(" WHERE ").size());
  }
  const std::string unpaid = "NOT EXISTS (SELECT 1 FROM fee_payments fp WHERE fp.campaign_id = d.campaign_id AND fp.unit_id = d.unit_id)";
  const std::string spot = "(SELECT MIN(CASE si.outcome WHEN 'discrepancy' THEN 0 WHEN 'pending' THEN 1 ELSE 2 END) FROM spot_check_items si "
                           "WHERE si.dossier_id = d.id)";
  if (q.flag == "unpaid") where += " AND " + unpaid;
  else if (q.flag == "second_return") where += " AND EXISTS (SELECT 1 FROM dossier_reviews r2 WHERE r2.dossier_id = d.id AND r2.office_returns >= 2)";
  else if (q.flag == "spot_check") where += " AND EXISTS (SELECT 1 FROM spot_check_items si2 WHERE si2.dossier_id = d.id)";

  const std::string from = " FROM dossiers d JOIN orgs o ON o.id = d.unit_id JOIN users u ON u.id = d.user_id "
                           "JOIN series sr ON sr.id = d.series_id LEFT JOIN dossier_reviews r ON r.dossier_id = d.id";

  std::int64_t n = 0;
  if (counts) {
    each_row(tx, b, "SELECT d.state, COUNT(*)" + count_from + where + " GROUP BY d.state",
             [&](const soci::row& r) { (*counts)[text_at(r, 0)] = int64_at(r, 1); });
    for (const auto& [s, c] : *counts)
      if (q.states.empty() || std::find(q.states.begin(), q.states.end(), s) != q.states.end()) n += c;
  }
  if (!q.states.empty()) {
    where += " AND d.state IN (";
    for (std::size_t i = 0; i < q.states.size(); ++i) where += (i ? ", " : "") + b.text(q.states[i]);
    where += ")";
  }
  if (!counts && total) each_row(tx, b, "SELECT COUNT(*)" + count_from + where, [&](const soci::row& r) { n = int64_at(r, 0); });
  if (total) *total = n;
  // The page's ids come from the index alone; only those rows are joined for display.
  const std::string page_ids = "SELECT d.id" + count_from + where + " ORDER BY d.updated_at, d.id LIMIT " + b.integer(q.page_size) +
                               " OFFSET " + b.integer(static_cast<std::int64_t>(q.page - 1) * q.page_size);
  std::vector<QueueRow> out;
  each_row(tx, b,
           "SELECT d.id, d.user_id, d.unit_id, d.campaign_id, d.updated_at, u.real_name, o.name, d.level, d.state, d.submitted_at, "
           "CASE WHEN " + unpaid + " THEN 1 ELSE 0 END, COALESCE(r.office_returns, 0), " + spot + ", sr.name, " + kLevelName + from +
               " WHERE d.id IN (" + page_ids + ") ORDER BY d.updated_at, d.id",
           [&](const soci::row& r) {
             QueueRow row{int64_at(r, 0), int64_at(r, 1), int64_at(r, 2), int64_at(r, 3), int64_at(r, 4), text_at(r, 5),
                          text_at(r, 6), text_at(r, 7), text_at(r, 8), opt_int64_at(r, 9)};
             row.unpaid = int64_at(r, 10) != 0;
             row.second_return = int64_at(r, 11) >= 2;
             if (auto s = opt_int64_at(r, 12)) row.spot_check = *s == 0 ? "discrepancy" : *s == 1 ? "pending" : "confirmed";
             row.series_name = text_at(r, 13);
             row.level_name = text_at(r, 14);
             out.push_back(std::move(row));
           });
  return out;
}

std::vector<OversightRow> oversight_rows(db::Tx& tx, std::int64_t campaign_id) {
  long long c = campaign_id;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << "SELECT d.id, u.real_name, COALESCE(o.name, ''), "
                           "CASE WHEN d.state = 'void' THEN 'void' ELSE 'second_return' END, "
                           "CASE WHEN d.state = 'void' THEN COALESCE(r.void_reason, '') ELSE COALESCE(r.second_return_reason, '') END, "
                           "COALESCE(rv.real_name, '') FROM dossiers d JOIN dossier_reviews r ON r.dossier_id = d.id "
                           "JOIN users u ON u.id = d.user_id LEFT JOIN orgs o ON o.id = d.unit_id LEFT JOIN users rv ON rv.id = r.void_reviewer_id "
                           "WHERE d.campaign_id = :c AND (r.office_returns >= 2 OR d.state = 'void') ORDER BY d.id",
       soci::use(c));
  std::vector<OversightRow> out;
  for (const auto& r : rs) out.push_back({int64_at(r, 0), text_at(r, 1), text_at(r, 2), text_at(r, 3), text_at(r, 4), text_at(r, 5)});
  return out;
}

}  // namespace zp::review
