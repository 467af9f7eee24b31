#include "review/service.hpp"

#include <algorithm>

#include "accounts/validation.hpp"
#include "audit/origin.hpp"
#include "audit/store.hpp"
#include "authz/authz.hpp"
#include "campaign/service.hpp"
#include "campaign/store.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/time.hpp"
#include "dossier/service.hpp"
#include "dossier/store.hpp"
#include "messages/store.hpp"
#include "org/store.hpp"
#include "review/transitions.hpp"

namespace zp::review {

namespace {
using authz::Action;

// States the unit reviewer's queue shows.
const std::vector<std::string> kUnitStates = {"submitted", "unit_review", "returned_to_applicant", "unit_publicity"};

dossier::Dossier load(db::Tx& tx, std::int64_t id) {
  auto d = dossier::find_dossier(tx, id);
  if (!d) throw not_found("申报材料", "The dossier");
  return *d;
}

std::string unit_path(db::Tx& tx, const dossier::Dossier& d) {
  if (d.unit_id)
    if (auto u = org::find(tx, *d.unit_id)) return u->path;
  return "";  // no unit: no unit review
}
// Who hears of each step, in the same transaction as the step.
void notify(db::Tx& tx, const dossier::Dossier& d, std::string_view action) {
  const std::string n = "申报材料（编号" + std::to_string(d.id) + "）";
  const std::string e = "Dossier " + std::to_string(d.id);
  if (action == "unit_return")
    messages::post(tx, d.user_id, "dossier_returned", n + "被单位退回，请按审核意见修改后重新提交。", e + " was returned by your unit; fix what it names and resubmit.", "", d.id);
  else if (action == "unit_approve")
    messages::post(tx, d.user_id, "unit_approved", n + "已通过单位审核，进入单位公示。", e + " passed the unit review; unit publicity has begun.", "", d.id);
  else if (action == "resubmit" && d.unit_id)
    messages::post_to_role(tx, "unit_reviewer", *d.unit_id, "dossier_resubmitted", n + "已重新提交，请审核。", e + " was resubmitted for review.", "", d.id);
  else if (action == "unit_start")
    messages::post(tx, d.user_id, "unit_review_started", n + "已进入单位审核。", e + " is under unit review.", "", d.id);
}
}  // namespace

Service::Service(db::Database& db, const authz::Authorizer& authz, dossier::Service& dossiers) : db_(db), authz_(authz), dossiers_(dossiers) {}

std::string Service::apply(db::Tx& tx, const authz::Actor& actor, dossier::Dossier& d, std::string_view action, const std::string& reason) {
  // Who may act comes first, so the state is told only to those who may act.
  std::string role;
  if (role_of(action) == "applicant")
    role = authz::Authorizer::require_dossier(actor, Action::dossier_edit, d.user_id, "");
  else
    role = authz_.require_path(actor, Action::unit_review, unit_path(tx, d));
  const Transition* t = find(d.state, action);
  if (!t)
    throw conflict("wrong_state", "申报材料当前状态（" + d.state + "）不能执行此操作。",
                   "The dossier's state (" + d.state + ") does not allow this action.");
  auto c = campaign::find(tx, d.campaign_id);
  campaign::Service::require_open(*c, t->phase, timeutil::now_ms());
  const std::string from = d.state;
  const int version = d.version;
  d.state = std::string(t->to);
  if (!dossier::update_dossier(tx, d, version))
    throw conflict("stale_write", "申报材料刚被他人修改，请刷新后重试。", "The dossier was just changed by someone else; reload and try again.");
  dossier::insert_history(tx, d.id, {0, from, d.state, role, reason, actor.user_id, d.unit_id, 0}, actor.ip);
  audit::append(tx, audit::origin_of(actor, role), {"dossier." + std::string(action), "dossier", std::to_string(d.id), from + " -> " + d.state});
  notify(tx, d, action);
  return role;
}

QueuePage Service::queue(const authz::Actor& actor, const std::string& state, int page, int page_size) {
  const auto scopes = authz::Authorizer::scopes(actor, Action::unit_review);
  if (scopes.empty()) throw forbidden();
  if (!state.empty() && std::find(kUnitStates.begin(), kUnitStates.end(), state) == kUnitStates.end())
    throw bad_request("invalid_query", "state 不在单位审核的状态之中。", "state is not one of the unit review states.");
  QueuePage p;
  auto tx = db_.read();
  p.items = review::queue(tx, scopes, kUnitStates, state, page, page_size, &p.total, &p.counts);
  return p;
}

dossier::Dossier Service::start(const authz::Actor& actor, std::int64_t id) {
  auto tx = db_.write();
  auto d = load(tx, id);
  apply(tx, actor, d, "unit_start", "");
  tx.commit();
  return d;
}

std::vector<Mark> Service::mark(const authz::Actor& actor, std::int64_t id, const std::vector<Mark>& marks) {
  std::vector<ErrorDetail> problems;
  for (std::size_t i = 0; i < marks.size(); ++i) {
    const auto& m = marks[i];
    const std::string field = "marks[" + std::to_string(i) + "]";
    if (m.target_kind != "section" && m.target_kind != "item")
      problems.push_back({"target_kind", field + ".target_kind", "标注对象应为栏目（section）或材料项（item）。", "target_kind must be section or item."});
    if (m.target_kind == "section" && !dossier::is_section(m.target))
      problems.push_back({"target", field + ".target", "栏目不存在。", "No such section."});
    if (m.status != "ok" && m.status != "problem")
      problems.push_back({"status", field + ".status", "结论应为 ok 或 problem。", "status must be ok or problem."});
    if (m.status == "problem" && m.comment.empty())
      problems.push_back({"comment_required", field + ".comment", "标注问题时请写明问题和修改要求。", "Say what is wrong and what to change."});
  }
  accounts::throw_if_any(problems);
  auto tx = db_.write();
  const auto d = load(tx, id);
  const auto role = authz_.require_path(actor, Action::unit_review, unit_path(tx, d));
  if (d.state != "unit_review")
    throw conflict("wrong_state", "请先开始审核，再逐项标注。", "Start the review before marking items.");
  campaign::Service::require_open(*campaign::find(tx, d.campaign_id), "unit_review", timeutil::now_ms());
  const int round = review_round(tx, id) + 1;
  for (const auto& m : marks) put_mark(tx, id, round, m, actor.user_id);
  audit::append(tx, audit::origin_of(actor, role), {"dossier.unit_marks", "dossier", std::to_string(id), std::to_string(marks.size()) + " marks"});
  auto out = marks_of(tx, id, round);
  tx.commit();
  return out;
}

std::vector<Mark> Service::marks(const authz::Actor& actor, std::int64_t id) {
  auto tx = db_.read();
  const auto d = load(tx, id);
  const int round = review_round(tx, id);
  if (actor.user_id == d.user_id) {
    authz::Authorizer::require_dossier(actor, Action::dossier_read, d.user_id, "");
    return round > 0 ? marks_of(tx, id, round) : std::vector<Mark>{};  // the last return's notice
  }
  authz::Authorizer::require_dossier(actor, Action::dossier_read, d.user_id, unit_path(tx, d));
  return marks_of(tx, id, d.state == "returned_to_applicant" ? round : round + 1);
}

std::map<std::string, std::string> Service::digests(db::Tx& tx, std::int64_t id) {
  std::map<std::string, std::string> out;
  for (const auto& s : dossier::sections_of(tx, id)) out[s.section] = crypto::sha256_hex(s.data);
  std::string list;
  for (const auto& a : dossier::attachments_of(tx, id)) list += std::to_string(a.id) + ":" + a.sha256 + ":" + std::to_string(a.position) + ";";
  out["attachments"] = crypto::sha256_hex(list);
  return out;
}

dossier::Dossier Service::return_to_applicant(const authz::Actor& actor, std::int64_t id) {
  auto tx = db_.write();
  auto d = load(tx, id);
  authz_.require_path(actor, Action::unit_review, unit_path(tx, d));
  const int round = review_round(tx, id) + 1;
  const auto current = marks_of(tx, id, round);
  const auto problems = std::count_if(current.begin(), current.end(), [](const Mark& m) { return m.status == "problem"; });
  if (d.state == "unit_review" && problems == 0)
    throw unprocessable("invalid_fields", "退回前请至少标注一个问题，并写明修改要求。", "Mark at least one problem, saying what to change, before returning.",
                        {{"no_problems", "marks", "没有标注问题。", "No problem is marked."}});
  apply(tx, actor, d, "unit_return", std::to_string(problems) + " problem(s)");
  for (const auto& [part, digest] : digests(tx, id)) put_snapshot(tx, id, round, part, digest);
  set_review_round(tx, id, round);
  tx.commit();
  return d;
}

dossier::Dossier Service::resubmit(const authz::Actor& actor, std::int64_t id) {
  {
    // The same rules as the first submission (the application window itself may have closed since).
    const auto check = dossiers_.check(actor, id);
    std::vector<ErrorDetail> details;
    for (const auto& v : check.violations)
      if (v.code != "window_closed") details.push_back({v.code, "", v.rule + " " + v.action, v.rule_en + " " + v.action_en, v.facts});
    if (!details.empty())
      throw unprocessable("rule_violations", "申报材料仍不符合 " + std::to_string(details.size()) + " 项要求，请处理后再提交。",
                          "The dossier still fails " + std::to_string(details.size()) + " requirement(s); resolve them and resubmit.", details);
  }
  auto tx = db_.write();
  auto d = load(tx, id);
  apply(tx, actor, d, "resubmit", "");
  tx.commit();
  return d;
}

Changes Service::changes(const authz::Actor& actor, std::int64_t id) {
  auto tx = db_.read();
  const auto d = load(tx, id);
  authz_.require_path(actor, Action::unit_review, unit_path(tx, d));
  Changes c;
  c.round = review_round(tx, id);
  if (c.round == 0) return c;
  const auto before = snapshots_of(tx, id, c.round);
  for (const auto& [part, digest] : digests(tx, id)) {
    const auto it = before.find(part);
    if (it != before.end() && it->second == digest) continue;
    if (part == "attachments") c.attachments_changed = true;
    else c.sections_changed.push_back(part);
  }
  return c;
}

dossier::Dossier Service::approve(const authz::Actor& actor, std::int64_t id, const std::string& opinion) {
  auto tx = db_.write();
  auto d = load(tx, id);
  authz_.require_path(actor, Action::unit_review, unit_path(tx, d));
  const int round = review_round(tx, id) + 1;
  const auto current = marks_of(tx, id, round);
  if (std::any_of(current.begin(), current.end(), [](const Mark& m) { return m.status == "problem"; }))
    throw conflict("open_problems", "仍有标注为有问题的项目，请退回申报人修改，或改为通过后再审核通过。",
                   "Some items are marked as problems; return the dossier, or change the marks, before approving.");
  apply(tx, actor, d, "unit_approve", opinion);
  // Unit publicity (公示) runs for the campaign's number of working days from now, by the official calendar.
  const auto c = campaign::find(tx, d.campaign_id);
  std::vector<workcal::DayOverride> days;
  for (const auto& r : campaign::calendar_rows(tx))
    if (auto day = campaign::parse_date(r.day)) days.push_back({*day, r.working});
  const auto ends = workcal::Calendar(std::move(days)).publicity_end_ms(timeutil::now_ms(), c->publicity_working_days);
  set_publicity_end(tx, id, ends);
  tx.commit();
  return d;
}

Service::PublicityPage Service::publicity(std::int64_t unit_id) {
  auto tx = db_.read();
  auto unit = org::find(tx, unit_id);
  if (!unit || unit->kind != "unit" || unit->status != "active") throw not_found("单位", "The unit");
  const auto now = timeutil::now_ms();
  return {unit->name, unit_publicity(tx, unit_id, now)};
}

std::int64_t Service::object(std::int64_t dossier_id, const Objection& o, const std::string& ip) {
  // Seed 004 §七(三): objections are taken with a real name and a way to reach the person; anonymous ones are not.
  std::vector<ErrorDetail> problems;
  accounts::check_real_name(o.real_name, problems, "real_name");
  accounts::check_phone(o.contact_phone, problems, "contact_phone");
  if (o.content.size() < 10)
    problems.push_back({"content_short", "content", "请具体写明反映的问题（至少10个字节）。", "Describe the problem concretely (at least 10 bytes)."});
  accounts::throw_if_any(problems);
  auto tx = db_.write();
  const auto d = load(tx, dossier_id);
  const auto now = timeutil::now_ms();
  if (d.state != "unit_publicity" || !d.publicity_ends_at || now >= *d.publicity_ends_at)
    throw conflict("publicity_closed", "该申报人不在公示期内，不能提交异议。", "This applicant is not in a publicity period; no objection can be taken.");
  Objection stored = o;
  stored.dossier_id = dossier_id;
  stored.stage = "unit_publicity";
  const auto id = insert_objection(tx, stored, ip);
  audit::Origin origin;
  origin.login = "public";
  origin.ip = ip;
  audit::append(tx, origin, {"objection.create", "dossier", std::to_string(dossier_id), "objection " + std::to_string(id)});
  if (d.unit_id)
    messages::post_to_role(tx, "unit_reviewer", *d.unit_id, "objection", "公示期间收到对申报材料（编号" + std::to_string(dossier_id) + "）的实名异议，请核查处理。",
                           "A named objection was made against dossier " + std::to_string(dossier_id) + " during publicity; look into it.", "", dossier_id);
  tx.commit();
  return id;
}

std::vector<Objection> Service::objections(const authz::Actor& actor, std::int64_t dossier_id) {
  auto tx = db_.read();
  const auto d = load(tx, dossier_id);
  authz_.require_path(actor, Action::unit_review, unit_path(tx, d));
  return objections_of(tx, dossier_id);
}

Objection Service::handle(const authz::Actor& actor, std::int64_t objection_id, const std::string& handling, const std::string& outcome) {
  auto tx = db_.write();
  auto o = find_objection(tx, objection_id);
  if (!o) throw not_found("异议", "The objection");
  const auto d = load(tx, o->dossier_id);
  const auto role = authz_.require_path(actor, Action::unit_review, unit_path(tx, d));
  std::vector<ErrorDetail> problems;
  if (handling.empty()) problems.push_back({"required", "handling", "请写明核查和处理情况。", "Say how it was looked into and handled."});
  if (outcome != "upheld" && outcome != "dismissed")
    problems.push_back({"outcome", "outcome", "处理结论应为 upheld（属实）或 dismissed（不属实）。", "outcome must be upheld or dismissed."});
  accounts::throw_if_any(problems);
  handle_objection(tx, objection_id, handling, outcome, actor.user_id);
  audit::append(tx, audit::origin_of(actor, role), {"objection.handle", "dossier", std::to_string(d.id), outcome + ": " + handling});
  auto saved = *find_objection(tx, objection_id);
  tx.commit();
  return saved;
}

}  // namespace zp::review
