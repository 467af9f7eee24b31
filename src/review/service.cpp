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
#include "core/text.hpp"
#include "core/time.hpp"
#include "dossier/service.hpp"
#include "dossier/store.hpp"
#include "messages/store.hpp"
#include "org/store.hpp"
#include "review/transitions.hpp"

namespace zp::review {

namespace {
using authz::Action;

// States each queue shows.
const std::vector<std::string> kUnitStates = {"submitted", "unit_review", "returned_to_applicant", "unit_publicity"};
const std::vector<std::string> kDeptStates = {"dept_review"};
const std::vector<std::string> kOfficeStates = {"office_review", "returned_once",     "accepted", "initial_failed", "rejected",
                                                "office_publicity", "sent_to_committee", "not_sent", "void"};

dossier::Dossier load(db::Tx& tx, std::int64_t id) {
  auto d = dossier::find_dossier(tx, id);
  if (!d) throw not_found("申报材料", "The dossier");
  return *d;
}

std::optional<org::Org> unit_of(db::Tx& tx, const dossier::Dossier& d) {
  if (d.unit_id) return org::find(tx, *d.unit_id);
  return std::nullopt;
}
std::string unit_path(db::Tx& tx, const dossier::Dossier& d) {
  if (auto u = unit_of(tx, d)) return u->path;
  return "";  // no unit: no unit review
}
std::optional<org::Org> dept_of(db::Tx& tx, const dossier::Dossier& d) {
  if (auto u = unit_of(tx, d); u && u->supervising_dept_id) return org::find(tx, *u->supervising_dept_id);
  return std::nullopt;
}
std::optional<org::Org> office_of(db::Tx& tx, const dossier::Dossier& d) {
  if (auto c = campaign::find(tx, d.campaign_id)) return org::find(tx, c->office_org_id);
  return std::nullopt;
}

// Who hears of each step, in the same transaction as the step.
void notify(db::Tx& tx, const dossier::Dossier& d, std::string_view action, const std::string& reason) {
  const std::string n = "申报材料（编号" + std::to_string(d.id) + "）";
  const std::string e = "Dossier " + std::to_string(d.id);
  auto to_applicant = [&](const char* kind, const std::string& zh, const std::string& en) { messages::post(tx, d.user_id, kind, zh, en, reason, d.id); };
  auto to_unit = [&](const char* kind, const std::string& zh, const std::string& en) {
    if (d.unit_id) messages::post_to_role(tx, "unit_reviewer", *d.unit_id, kind, zh, en, reason, d.id);
  };
  if (action == "unit_return") to_applicant("dossier_returned", n + "被单位退回，请按审核意见修改后重新提交。", e + " was returned by your unit; fix what it names and resubmit.");
  else if (action == "unit_approve") to_applicant("unit_approved", n + "已通过单位审核，进入单位公示。", e + " passed the unit review; unit publicity has begun.");
  else if (action == "resubmit") to_unit("dossier_resubmitted", n + "已重新提交，请审核。", e + " was resubmitted for review.");
  else if (action == "unit_start") to_applicant("unit_review_started", n + "已进入单位审核。", e + " is under unit review.");
  else if (action == "unit_recommend") {
    to_applicant("unit_recommended", n + "已由单位推荐上报。", e + " was recommended by your unit.");
    if (auto dept = dept_of(tx, d))
      messages::post_to_role(tx, "dept_reviewer", dept->id, "dept_review", n + "已由单位推荐，请主管部门审核。", e + " was recommended; the department's check is due.", "", d.id);
  } else if (action == "unit_decline") to_applicant("unit_declined", n + "未获单位推荐。", e + " was not recommended by your unit.");
  else if (action == "dept_return") to_unit("dept_returned", n + "被主管部门退回单位，请按意见处理。", e + " was returned to the unit by the department.");
  else if (action == "dept_forward") to_applicant("dept_forwarded", n + "已由主管部门报送职改办。", e + " was forwarded to the office by the department.");
  else if (action == "office_return") to_applicant("office_returned", n + "收到职改办一次性告知，请按告知逐项补正后重新提交。", e + " received the office's one-time notice; fix every item and resubmit.");
  else if (action == "office_accept") to_applicant("office_accepted", n + "已通过职改办初审。", e + " passed the office's initial review.");
  else if (action == "office_fail") to_applicant("office_failed", n + "初审未通过；初审结果公示期间可上传补充材料一次。", e + " did not pass the initial review; you may upload a supplement once during its publicity.");
  else if (action == "office_reject") to_applicant("office_rejected", n + "不予受理。", e + " was not accepted (final).");
  else if (action == "office_publish") to_applicant("office_publicity", n + "的初审结果开始公示。", "The initial-review result of " + e + " is in publicity.");
  else if (action == "send") to_applicant("sent_to_committee", n + "已列入送评名单，提交评委会评审。", e + " is on the list sent to the committee.");
  else if (action == "not_send") to_applicant("not_sent", n + "未列入送评名单。", e + " is not on the list sent to the committee.");
  else if (action == "void") to_applicant("dossier_void", n + "已作废。", e + " is void.");
}

struct StageInfo {
  const char* holder_role;  // "" = nobody (finished) or the applicant
  const char* next_zh;
  const char* next_en;
};
StageInfo stage_info(std::string_view state) {
  static const std::map<std::string_view, StageInfo> table = {
      {"draft", {"applicant", "填写并提交申报材料", "Fill in and submit the dossier"}},
      {"submitted", {"unit_reviewer", "等待单位审核", "Waiting for the unit's review"}},
      {"unit_review", {"unit_reviewer", "单位审核中", "The unit is reviewing"}},
      {"returned_to_applicant", {"applicant", "按退回意见修改后重新提交", "Fix what the return names and resubmit"}},
      {"unit_publicity", {"unit_reviewer", "单位公示期满后由单位推荐", "After the unit publicity the unit recommends"}},
      {"dept_review", {"dept_reviewer", "主管部门审核", "The supervising department checks"}},
      {"office_review", {"office", "职改办受理审核", "The office reviews"}},
      {"returned_once", {"applicant", "按一次性告知逐项补正后重新提交", "Fix every item of the one-time notice and resubmit"}},
      {"accepted", {"office", "等待初审结果公示", "Waiting for the initial-review publicity"}},
      {"initial_failed", {"office", "等待初审结果公示；公示期间可补充材料一次", "Waiting for the publicity; one supplement is allowed during it"}},
      {"office_publicity", {"office", "初审结果公示，期满后公布送评名单", "Initial-review publicity, then the list sent to the committee"}},
      {"sent_to_committee", {"committee", "评委会评审", "Committee review"}},
  };
  const auto it = table.find(state);
  if (it != table.end()) return it->second;
  return {"", "流程已结束", "Finished"};
}
}  // namespace

Service::Service(db::Database& db, const authz::Authorizer& authz, dossier::Service& dossiers) : db_(db), authz_(authz), dossiers_(dossiers) {}

std::string Service::authorize(db::Tx& tx, const authz::Actor& actor, const dossier::Dossier& d, std::string_view role) const {
  if (role == "applicant") return authz::Authorizer::require_dossier(actor, Action::dossier_edit, d.user_id, "");
  if (role == "unit_reviewer") return authz_.require_path(actor, Action::unit_review, unit_path(tx, d));
  if (role == "dept_reviewer") {
    const auto dept = dept_of(tx, d);
    return authz_.require_path(actor, Action::dept_review, dept ? dept->path : "");
  }
  if (role == "office") {
    const auto office = office_of(tx, d);
    return authz_.require_path(actor, Action::office_review, office ? office->path : "");
  }
  throw std::logic_error("unknown acting role");
}

std::string Service::apply(db::Tx& tx, const authz::Actor& actor, dossier::Dossier& d, std::string_view action, const std::string& reason) {
  // Who may act comes first, so the state is told only to those who may act.
  const std::string_view needed = action == "void" ? std::string_view("office") : role_of(action);
  const auto role = authorize(tx, actor, d, needed);
  const auto dept = dept_of(tx, d);
  std::string to;
  std::string_view phase;
  if (action == "void") {  // from any submitted state, at any time
    if (!voidable(d.state)) throw conflict("wrong_state", "申报材料当前状态（" + d.state + "）不能作废。", "A dossier in state " + d.state + " cannot be voided.");
    to = "void";
  } else {
    const Transition* t = find(d.state, action, {dept.has_value()});
    if (!t)
      throw conflict("wrong_state", "申报材料当前状态（" + d.state + "）不能执行此操作。",
                     "The dossier's state (" + d.state + ") does not allow this action.");
    to = std::string(t->to);
    phase = t->phase;
  }
  if (!phase.empty()) campaign::Service::require_open(*campaign::find(tx, d.campaign_id), phase, timeutil::now_ms());
  const std::string from = d.state;
  const int version = d.version;
  d.state = to;
  if (!dossier::update_dossier(tx, d, version))
    throw conflict("stale_write", "申报材料刚被他人修改，请刷新后重试。", "The dossier was just changed by someone else; reload and try again.");
  // The organisation the step was taken from (for the timeline: a role and an organisation, never a person's name).
  std::optional<std::int64_t> org = d.unit_id;
  if (needed == "dept_reviewer" && dept) org = dept->id;
  if (needed == "office")
    if (auto o = office_of(tx, d)) org = o->id;
  dossier::insert_history(tx, d.id, {0, from, d.state, role, reason, actor.user_id, org, 0}, actor.ip);
  audit::append(tx, audit::origin_of(actor, role), {"dossier." + std::string(action), "dossier", std::to_string(d.id), from + " -> " + d.state});
  notify(tx, d, action, reason);
  return role;
}

std::int64_t Service::publicity_ends_from_now(db::Tx& tx, std::int64_t campaign_id) {
  const auto c = campaign::find(tx, campaign_id);
  std::vector<workcal::DayOverride> days;
  for (const auto& r : campaign::calendar_rows(tx))
    if (auto day = campaign::parse_date(r.day)) days.push_back({*day, r.working});
  return workcal::Calendar(std::move(days)).publicity_end_ms(timeutil::now_ms(), c->publicity_working_days);
}

QueuePage Service::queue(const authz::Actor& actor, std::string_view stage, const QueueQuery& q) {
  QueueFilter f;
  Action action = Action::unit_review;
  if (stage == "unit") f.states = kUnitStates;
  else if (stage == "dept") f.states = kDeptStates, f.scope_by = ScopeBy::department, action = Action::dept_review;
  else f.states = kOfficeStates, f.scope_by = ScopeBy::office, action = Action::office_review;
  f.prefixes = authz::Authorizer::scopes(actor, action);
  if (f.prefixes.empty()) throw forbidden();
  std::vector<ErrorDetail> problems;
  for (const auto& s : q.states)
    if (std::find(f.states.begin(), f.states.end(), s) == f.states.end())
      problems.push_back({"invalid_query", "state", "state 不在此队列的状态之中：" + s, "state is not one of this queue's states: " + s});
  if (!q.flag.empty() && q.flag != "unpaid" && q.flag != "second_return" && q.flag != "spot_check")
    problems.push_back({"invalid_query", "flag", "flag 应为 unpaid、second_return 或 spot_check。", "flag must be unpaid, second_return or spot_check."});
  if (!problems.empty()) throw bad_request("invalid_query", "查询条件有误。", "The query is not valid.", problems);
  f.query = q;
  QueuePage p;
  auto tx = db_.read();
  p.items = queue_rows(tx, f, &p.total, q.with_counts ? &p.counts : nullptr);
  return p;
}

dossier::Dossier Service::start(const authz::Actor& actor, std::int64_t id) {
  auto tx = db_.write();
  auto d = load(tx, id);
  apply(tx, actor, d, "unit_start", "");
  tx.commit();
  return d;
}

namespace {
// The reviewing role and phase of a state in which items are marked (the unit's review, the office's review).
std::pair<std::string_view, std::string_view> marking_stage(std::string_view state) {
  if (state == "unit_review") return {"unit_reviewer", "unit_review"};
  if (state == "office_review") return {"office", "office_review"};
  return {"", ""};
}
}  // namespace

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
  auto [reviewer, phase] = marking_stage(d.state);
  // Reviewers of either stage are told the state; anyone else is refused before learning it.
  if (reviewer.empty()) {
    const bool unit_stage = std::find(kUnitStates.begin(), kUnitStates.end(), d.state) != kUnitStates.end() || d.state == "draft";
    authorize(tx, actor, d, unit_stage ? "unit_reviewer" : "office");
    throw conflict("wrong_state", "请先开始审核，再逐项标注。", "Start the review before marking items.");
  }
  const auto role = authorize(tx, actor, d, reviewer);
  campaign::Service::require_open(*campaign::find(tx, d.campaign_id), phase, timeutil::now_ms());
  const int round = review_round(tx, id) + 1;
  for (const auto& m : marks) put_mark(tx, id, round, m, actor.user_id);
  audit::append(tx, audit::origin_of(actor, role), {"dossier.review_marks", "dossier", std::to_string(id), std::to_string(marks.size()) + " marks"});
  auto out = marks_of(tx, id, round);
  tx.commit();
  return out;
}

std::vector<Mark> Service::marks(const authz::Actor& actor, std::int64_t id, int asked_round) {
  auto tx = db_.read();
  const auto d = load(tx, id);
  const int round = review_round(tx, id);
  const bool owner = actor.user_id == d.user_id;
  if (owner) {
    authz::Authorizer::require_dossier(actor, Action::dossier_read, d.user_id, "");
  } else {
    const auto office = office_of(tx, d);
    if (!authz_.can(actor, Action::office_review, office ? office->path : ""))
      authz::Authorizer::require_dossier(actor, Action::dossier_read, d.user_id, unit_path(tx, d));
  }
  if (asked_round > 0) {
    if (asked_round > round)
      throw bad_request("invalid_query", "该轮次尚无退回记录（已退回 " + std::to_string(round) + " 次）。",
                        "No return with that number yet (" + std::to_string(round) + " so far).");
    return marks_of(tx, id, asked_round);
  }
  if (owner) return round > 0 ? marks_of(tx, id, round) : std::vector<Mark>{};  // the last return's notice
  const bool returned = d.state == "returned_to_applicant" || d.state == "returned_once";
  return marks_of(tx, id, returned ? round : round + 1);
}

std::map<std::string, std::string> Service::digests(db::Tx& tx, std::int64_t id) {
  std::map<std::string, std::string> out;
  for (const auto& s : dossier::sections_of(tx, id)) out[s.section] = crypto::sha256_hex(s.data);
  std::string list;
  std::map<std::string, std::string> per_item;
  for (const auto& a : dossier::attachments_of(tx, id)) {
    const auto entry = std::to_string(a.id) + ":" + a.sha256 + ":" + std::to_string(a.position) + ";";
    list += entry;
    per_item[a.item_code] += entry;
  }
  out["attachments"] = crypto::sha256_hex(list);
  for (const auto& [code, files] : per_item) out["item:" + code] = crypto::sha256_hex(files);
  return out;
}

void Service::return_with_marks(db::Tx& tx, const authz::Actor& actor, dossier::Dossier& d, std::string_view action, const std::string& reason) {
  authorize(tx, actor, d, role_of(action));
  const int round = review_round(tx, d.id) + 1;
  const auto current = marks_of(tx, d.id, round);
  const auto problems = std::count_if(current.begin(), current.end(), [](const Mark& m) { return m.status == "problem"; });
  if (marking_stage(d.state).first == role_of(action) && problems == 0)
    throw unprocessable("invalid_fields", "退回前请至少标注一个问题，并写明修改要求。", "Mark at least one problem, saying what to change, before returning.",
                        {{"no_problems", "marks", "没有标注问题。", "No problem is marked."}});
  apply(tx, actor, d, action, reason.empty() ? std::to_string(problems) + " problem(s)" : reason);
  for (const auto& [part, digest] : digests(tx, d.id)) put_snapshot(tx, d.id, round, part, digest);
  set_review_round(tx, d.id, round);
}

dossier::Dossier Service::return_to_applicant(const authz::Actor& actor, std::int64_t id) {
  auto tx = db_.write();
  auto d = load(tx, id);
  return_with_marks(tx, actor, d, "unit_return", "");
  tx.commit();
  return d;
}

void Service::require_rules_pass(const authz::Actor& actor, std::int64_t id) {
  // The same rules as the first submission (the application window itself may have closed since).
  const auto check = dossiers_.check(actor, id);
  std::vector<ErrorDetail> details;
  for (const auto& v : check.violations)
    if (v.code != "window_closed") details.push_back({v.code, "", v.rule + " " + v.action, v.rule_en + " " + v.action_en, v.facts});
  if (!details.empty())
    throw unprocessable("rule_violations", "申报材料仍不符合 " + std::to_string(details.size()) + " 项要求，请处理后再提交。",
                        "The dossier still fails " + std::to_string(details.size()) + " requirement(s); resolve them and resubmit.", details);
}

dossier::Dossier Service::resubmit(const authz::Actor& actor, std::int64_t id) {
  require_rules_pass(actor, id);
  auto tx = db_.write();
  auto d = load(tx, id);
  apply(tx, actor, d, "resubmit", "");
  tx.commit();
  return d;
}

Changes Service::changes(const authz::Actor& actor, std::int64_t id) {
  auto tx = db_.read();
  const auto d = load(tx, id);
  const auto office = office_of(tx, d);
  if (!authz_.can(actor, Action::office_review, office ? office->path : "")) authz_.require_path(actor, Action::unit_review, unit_path(tx, d));
  Changes c;
  c.round = review_round(tx, id);
  if (c.round == 0) return c;
  auto before = snapshots_of(tx, id, c.round);
  auto now = digests(tx, id);
  // Items are compared both ways: files added to an item, and items whose files were all removed.
  for (const auto& [part, digest] : before)
    if (part.rfind("item:", 0) == 0 && !now.count(part)) now[part] = "";
  for (const auto& [part, digest] : now) {
    const auto it = before.find(part);
    if (it != before.end() && it->second == digest) continue;
    if (part == "attachments") c.attachments_changed = true;
    else if (part.rfind("item:", 0) == 0) c.items_changed.push_back(part.substr(5));
    else c.sections_changed.push_back(part);
  }
  return c;
}

dossier::Dossier Service::approve(const authz::Actor& actor, std::int64_t id, const std::string& opinion) {
  auto tx = db_.write();
  auto d = load(tx, id);
  authorize(tx, actor, d, "unit_reviewer");
  const int round = review_round(tx, id) + 1;
  const auto current = marks_of(tx, id, round);
  if (std::any_of(current.begin(), current.end(), [](const Mark& m) { return m.status == "problem"; }))
    throw conflict("open_problems", "仍有标注为有问题的项目，请退回申报人修改，或改为通过后再审核通过。",
                   "Some items are marked as problems; return the dossier, or change the marks, before approving.");
  apply(tx, actor, d, "unit_approve", opinion);
  // Unit publicity (公示) runs for the campaign's number of working days from now, by the official calendar.
  set_publicity_end(tx, id, publicity_ends_from_now(tx, d.campaign_id));
  tx.commit();
  return d;
}

namespace {
bool senior_level(const std::string& level) { return level == "deputy_senior" || level == "senior"; }
}  // namespace

Interview Service::record_interview(const authz::Actor& actor, std::int64_t id, const Interview& in) {
  std::vector<ErrorDetail> problems;
  if (in.kind != "defense" && in.kind != "lecture" && in.kind != "interview")
    problems.push_back({"kind", "kind", "形式应为 defense（答辩）、lecture（说课）或 interview（面试）。", "kind must be defense, lecture or interview."});
  if (!campaign::parse_date(in.held_on)) problems.push_back({"date", "held_on", "日期格式应为 YYYY-MM-DD。", "Use the date format YYYY-MM-DD."});
  if (in.panel.empty()) problems.push_back({"required", "panel", "请填写考评小组组成。", "Name the panel."});
  if (in.summary.empty()) problems.push_back({"required", "summary", "请填写答辩或说课的情况。", "Summarise the interview."});
  if (in.result != "pass" && in.result != "fail") problems.push_back({"result", "result", "结论应为 pass 或 fail。", "result must be pass or fail."});
  accounts::throw_if_any(problems);
  auto tx = db_.write();
  const auto d = load(tx, id);
  const auto role = authorize(tx, actor, d, "unit_reviewer");
  if (d.state != "unit_review" && d.state != "unit_publicity")
    throw conflict("wrong_state", "只能在单位审核或单位公示阶段记录答辩或说课。", "The interview is recorded during the unit's review or publicity.");
  campaign::Service::require_open(*campaign::find(tx, d.campaign_id), "unit_review", timeutil::now_ms());
  put_interview(tx, id, in, actor.user_id);
  audit::append(tx, audit::origin_of(actor, role), {"dossier.interview", "dossier", std::to_string(id), in.kind + ": " + in.result});
  auto out = *interview_of(tx, id);
  tx.commit();
  return out;
}

std::optional<Interview> Service::interview(const authz::Actor& actor, std::int64_t id) {
  auto tx = db_.read();
  const auto d = load(tx, id);
  const auto office = office_of(tx, d);
  if (!authz_.can(actor, Action::office_review, office ? office->path : ""))
    authz::Authorizer::require_dossier(actor, Action::dossier_read, d.user_id, unit_path(tx, d));
  return interview_of(tx, id);
}

ReviewRecord Service::record(const authz::Actor& actor, std::int64_t id) {
  auto tx = db_.read();
  const auto d = load(tx, id);
  const auto office = office_of(tx, d);
  if (!authz_.can(actor, Action::office_review, office ? office->path : "")) {
    const auto dept = dept_of(tx, d);
    if (!(dept && authz_.can(actor, Action::dept_review, dept->path)))
      authz::Authorizer::require_dossier(actor, Action::dossier_read, d.user_id, unit_path(tx, d));
  }
  auto r = review_record(tx, id);
  r.integrity_records =
      dossier::active_integrity_records(tx, d.user_id, d.unit_id, campaign::format_date(workcal::shanghai_date(timeutil::now_ms())));
  return r;
}

dossier::Dossier Service::recommend(const authz::Actor& actor, std::int64_t id, const std::string& opinion, const std::string& publicity_result) {
  std::vector<ErrorDetail> problems;
  if (opinion.empty()) problems.push_back({"required", "opinion", "请填写单位推荐意见。", "Enter the unit's recommendation opinion."});
  if (publicity_result.empty()) problems.push_back({"required", "publicity_result", "请填写公示结果。", "Record the result of the publicity."});
  accounts::throw_if_any(problems);
  auto tx = db_.write();
  auto d = load(tx, id);
  authorize(tx, actor, d, "unit_reviewer");
  if (d.state == "unit_publicity") {
    const auto now = timeutil::now_ms();
    if (d.publicity_ends_at && now < *d.publicity_ends_at)
      throw conflict("publicity_running", "单位公示期尚未结束，期满后才能推荐。", "The unit publicity has not ended; recommend after it ends.",
                     {{"publicity_ends_at", "", "公示截止：" + timeutil::format_shanghai(*d.publicity_ends_at),
                       "Publicity ends " + timeutil::format_shanghai(*d.publicity_ends_at)}});
    for (const auto& o : objections_of(tx, id)) {
      if (!o.outcome)
        throw conflict("objection_open", "公示期间的异议尚未处理完毕，请先记录处理情况。", "An objection from the publicity is not handled yet; record its handling first.");
      if (*o.outcome == "upheld")
        throw conflict("objection_upheld", "有经核实属实的异议，不能推荐；请作出不予推荐的决定。", "An objection was upheld; the dossier cannot be recommended — decline it.");
    }
    if (senior_level(d.level)) {
      const auto i = interview_of(tx, id);
      if (!i) throw conflict("interview_missing", "申报高级职称须先记录单位组织的答辩或说课情况。", "Senior levels need the unit's interview or defense recorded first.");
      if (i->result != "pass") throw conflict("interview_failed", "答辩或说课未通过，不能推荐。", "The interview was not passed; the dossier cannot be recommended.");
    }
  }
  apply(tx, actor, d, "unit_recommend", opinion);
  set_recommendation(tx, id, opinion, publicity_result);
  tx.commit();
  return d;
}

dossier::Dossier Service::decline(const authz::Actor& actor, std::int64_t id, const std::string& reason) {
  if (reason.empty()) accounts::throw_if_any({{"required", "reason", "请写明不予推荐的理由。", "Give the reason for not recommending."}});
  auto tx = db_.write();
  auto d = load(tx, id);
  apply(tx, actor, d, "unit_decline", reason);
  tx.commit();
  return d;
}

std::vector<Service::BatchResult> Service::dept_forward(const authz::Actor& actor, const std::vector<std::int64_t>& ids) {
  // Each dossier in its own transaction: one that cannot move does not hold back the others.
  std::vector<BatchResult> out;
  for (auto id : ids) {
    BatchResult r{id};
    try {
      auto tx = db_.write();
      auto d = load(tx, id);
      apply(tx, actor, d, "dept_forward", "");
      tx.commit();
      r.ok = true;
    } catch (const AppError& e) {
      if (e.status() == 403 && ids.size() == 1) throw;
      r.code = e.code();
      r.message_zh = e.message();
      r.message_en = e.message_en();
    }
    out.push_back(std::move(r));
  }
  return out;
}

dossier::Dossier Service::dept_return(const authz::Actor& actor, std::int64_t id, const std::string& reason) {
  if (reason.empty()) accounts::throw_if_any({{"required", "reason", "请写明退回的原因和要求。", "Say why it is returned and what to do."}});
  auto tx = db_.write();
  auto d = load(tx, id);
  apply(tx, actor, d, "dept_return", reason);
  tx.commit();
  return d;
}

Timeline Service::timeline(const authz::Actor& actor, std::int64_t id) {
  auto tx = db_.read();
  const auto d = load(tx, id);
  const auto office = office_of(tx, d);
  const auto dept = dept_of(tx, d);
  if (!authz_.can(actor, Action::office_review, office ? office->path : "") && !(dept && authz_.can(actor, Action::dept_review, dept->path)))
    authz::Authorizer::require_dossier(actor, Action::dossier_read, d.user_id, unit_path(tx, d));
  Timeline t;
  t.state = d.state;
  const auto info = stage_info(d.state);
  t.holder_role = info.holder_role;
  t.next_zh = info.next_zh;
  t.next_en = info.next_en;
  const std::string_view holder = info.holder_role;
  if (holder == "unit_reviewer") {
    if (auto u = unit_of(tx, d)) t.holder_org = u->name;
  } else if (holder == "dept_reviewer") {
    if (dept) t.holder_org = dept->name;
  } else if (holder == "office") {
    if (office) t.holder_org = office->name;
  } else if (holder == "committee" && d.committee_org_id) {
    if (auto c = org::find(tx, *d.committee_org_id)) t.holder_org = c->name;
  }
  std::map<std::int64_t, std::string> names;
  auto org_name = [&](const std::optional<std::int64_t>& id) -> std::string {
    if (!id) return "";
    auto it = names.find(*id);
    if (it == names.end()) it = names.emplace(*id, org::find(tx, *id) ? org::find(tx, *id)->name : "").first;
    return it->second;
  };
  int round = 0;
  for (const auto& h : dossier::history_of(tx, id)) {
    t.steps.push_back({h.from_state, h.to_state, h.role, org_name(h.org_id), h.reason, h.at});
    t.since = h.at;
    if (h.to_state == "returned_to_applicant" || h.to_state == "returned_once") {
      ++round;
      TimelineReturn r{round, h.role, org_name(h.org_id), h.at};
      for (const auto& m : marks_of(tx, id, round))
        if (m.status == "problem") r.problems.push_back(m);
      if (h.to_state == "returned_once" && review_record(tx, id).office_returns >= 2 && round == review_round(tx, id))
        r.note = review_record(tx, id).second_return_reason.value_or("");
      t.returns.push_back(std::move(r));
    } else if (h.to_state == "unit_review" && h.from_state == "dept_review") {
      t.returns.push_back({0, h.role, org_name(h.org_id), h.at, {}, h.reason});
    }
  }
  if (t.since == 0) t.since = d.created_at;
  return t;
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
  if (zp::text::chars(o.content) < 10)
    problems.push_back({"content_short", "content", "请具体写明反映的问题（至少10个字）。", "Describe the problem concretely (at least 10 characters)."});
  accounts::throw_if_any(problems);
  auto tx = db_.write();
  const auto d = load(tx, dossier_id);
  const auto now = timeutil::now_ms();
  if ((d.state != "unit_publicity" && d.state != "office_publicity") || !d.publicity_ends_at || now >= *d.publicity_ends_at)
    throw conflict("publicity_closed", "该申报人不在公示期内，不能提交异议。", "This applicant is not in a publicity period; no objection can be taken.");
  Objection stored = o;
  stored.dossier_id = dossier_id;
  stored.stage = d.state;
  const auto id = insert_objection(tx, stored, ip);
  audit::Origin origin;
  origin.login = "public";
  origin.ip = ip;
  audit::append(tx, origin, {"objection.create", "dossier", std::to_string(dossier_id), "objection " + std::to_string(id)});
  if (d.state == "office_publicity") {
    if (auto office = office_of(tx, d))
      messages::post_to_role(tx, "office", office->id, "objection", "初审结果公示期间收到对申报材料（编号" + std::to_string(dossier_id) + "）的实名异议，请核查处理。",
                             "A named objection was made against dossier " + std::to_string(dossier_id) + " during the initial-review publicity.", "", dossier_id);
  } else if (d.unit_id)
    messages::post_to_role(tx, "unit_reviewer", *d.unit_id, "objection", "公示期间收到对申报材料（编号" + std::to_string(dossier_id) + "）的实名异议，请核查处理。",
                           "A named objection was made against dossier " + std::to_string(dossier_id) + " during publicity; look into it.", "", dossier_id);
  tx.commit();
  return id;
}

std::vector<Objection> Service::objections(const authz::Actor& actor, std::int64_t dossier_id) {
  auto tx = db_.read();
  const auto d = load(tx, dossier_id);
  const auto office = office_of(tx, d);
  const auto dept = dept_of(tx, d);
  // The unit, its department and the office follow the objections; only the stage that took one handles it.
  if (!authz_.can(actor, Action::office_review, office ? office->path : "") && !(dept && authz_.can(actor, Action::dept_review, dept->path)))
    authz_.require_path(actor, Action::unit_review, unit_path(tx, d));
  return objections_of(tx, dossier_id);
}

Objection Service::handle(const authz::Actor& actor, std::int64_t objection_id, const std::string& handling, const std::string& outcome) {
  auto tx = db_.write();
  auto o = find_objection(tx, objection_id);
  if (!o) throw not_found("异议", "The objection");
  const auto d = load(tx, o->dossier_id);
  // The stage that took the objection handles it: the unit for its publicity, the office for the initial review's.
  const auto role = authorize(tx, actor, d, o->stage == "office_publicity" ? "office" : "unit_reviewer");
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
