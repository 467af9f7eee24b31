#include "review/office_service.hpp"

#include <algorithm>
#include <cmath>
#include <set>

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
#include "core/workcal.hpp"
#include "dossier/sections.hpp"
#include "dossier/store.hpp"
#include "messages/store.hpp"
#include "org/store.hpp"
#include "review/service.hpp"
#include "review/store.hpp"
#include "review/transitions.hpp"

namespace zp::review {

namespace {
using authz::Action;

dossier::Dossier load(db::Tx& tx, std::int64_t id) {
  auto d = dossier::find_dossier(tx, id);
  if (!d) throw not_found("申报材料", "The dossier");
  return *d;
}
campaign::Campaign load_campaign(db::Tx& tx, std::int64_t id) {
  auto c = campaign::find(tx, id);
  if (!c) throw not_found("评审工作", "The campaign");
  return *c;
}
std::string today() { return campaign::format_date(workcal::shanghai_date(timeutil::now_ms())); }

void require_reason(const std::string& reason, const char* zh, const char* en) {
  if (reason.empty()) accounts::throw_if_any({{"required", "reason", zh, en}});
}
}  // namespace

std::vector<std::int64_t> draw(const std::string& seed, const std::vector<std::int64_t>& candidates, int share_permille) {
  std::vector<std::pair<std::string, std::int64_t>> ranked;
  for (auto id : candidates) ranked.push_back({crypto::sha256_hex(seed + ":" + std::to_string(id)), id});
  std::sort(ranked.begin(), ranked.end());
  const auto n = static_cast<std::int64_t>(candidates.size());
  const auto k = std::min<std::int64_t>(n, (n * share_permille + 999) / 1000);
  std::vector<std::int64_t> out;
  for (std::int64_t i = 0; i < k; ++i) out.push_back(ranked[static_cast<std::size_t>(i)].second);
  return out;
}

OfficeService::OfficeService(db::Database& db, const authz::Authorizer& authz, Service& chain) : db_(db), authz_(authz), chain_(chain) {}

std::string OfficeService::require_campaign(db::Tx& tx, const authz::Actor& actor, std::int64_t campaign_id) const {
  const auto c = load_campaign(tx, campaign_id);
  const auto office = org::find(tx, c.office_org_id);
  return authz_.require_path(actor, Action::office_review, office ? office->path : "");
}

dossier::Dossier OfficeService::accept(const authz::Actor& actor, std::int64_t id) {
  auto tx = db_.write();
  auto d = load(tx, id);
  chain_.authorize(tx, actor, d, "office");
  const int round = review_round(tx, id) + 1;
  for (const auto& m : marks_of(tx, id, round))
    if (m.status == "problem")
      throw conflict("open_problems", "仍有标注为有问题的项目：请发一次性告知，或改为通过后再受理。",
                     "Some items are marked as problems: send the one-time notice, or change the marks, before accepting.");
  chain_.apply(tx, actor, d, "office_accept", "");
  set_initial_result(tx, id, "passed", "");
  tx.commit();
  return d;
}

dossier::Dossier OfficeService::fail(const authz::Actor& actor, std::int64_t id, const std::string& reason) {
  return conclude(actor, id, "office_fail", reason, "请写明初审未通过的原因。", "Give the reason the initial review was not passed.");
}

dossier::Dossier OfficeService::reject(const authz::Actor& actor, std::int64_t id, const std::string& reason) {
  return conclude(actor, id, "office_reject", reason, "请写明不予受理的理由。", "Give the reason the dossier is not accepted.");
}

dossier::Dossier OfficeService::conclude(const authz::Actor& actor, std::int64_t id, std::string_view action, const std::string& reason,
                                         const char* reason_zh, const char* reason_en) {
  require_reason(reason, reason_zh, reason_en);
  auto tx = db_.write();
  auto d = load(tx, id);
  chain_.apply(tx, actor, d, action, reason);
  // Failing the initial review leaves one supplement open; not accepting (不予受理) is final.
  if (action == "office_fail") set_initial_result(tx, id, "not_passed", reason);
  else set_final_result(tx, id, "rejected", reason);
  tx.commit();
  return d;
}

dossier::Dossier OfficeService::return_once(const authz::Actor& actor, std::int64_t id, const std::string& justification) {
  auto tx = db_.write();
  auto d = load(tx, id);
  chain_.authorize(tx, actor, d, "office");
  // Seed 004 §四: the office tells every problem at once; a second return is the exception and is written down.
  const bool second = review_record(tx, id).office_returns >= 1;
  if (second && zp::text::chars(justification) < 10)
    throw unprocessable("justification_required", "该申报材料已退回过一次；再次退回须书面说明理由（至少10个字），并将列入监督报告。",
                        "The dossier was returned once already; a second return needs a written justification (10 characters or more) and is flagged for oversight.",
                        {{"justification_required", "justification", "请写明再次退回的理由。", "Write why it must be returned again."}});
  chain_.return_with_marks(tx, actor, d, "office_return", second ? "second return: " + justification : "");
  add_office_return(tx, id, justification);
  tx.commit();
  return d;
}

FeePayment OfficeService::record_fee(const authz::Actor& actor, std::int64_t campaign_id, const FeePayment& in) {
  std::vector<ErrorDetail> problems;
  if (in.amount_cents <= 0) problems.push_back({"amount", "amount_cents", "金额应大于0（单位：分）。", "The amount must be above 0 (in fen)."});
  if (in.reference.empty()) problems.push_back({"required", "reference", "请填写转账凭证号或流水号。", "Enter the transfer voucher or serial number."});
  if (!campaign::parse_date(in.paid_on)) problems.push_back({"date_format", "paid_on", "缴费日期格式应为 YYYY-MM-DD。", "paid_on must be YYYY-MM-DD."});
  accounts::throw_if_any(problems);
  auto tx = db_.write();
  const auto role = require_campaign(tx, actor, campaign_id);
  const auto unit = org::find(tx, in.unit_id);
  if (!unit || unit->kind != "unit") throw not_found("单位", "The unit");
  FeePayment f = in;
  f.campaign_id = campaign_id;
  f.id = insert_fee(tx, f, actor.user_id);
  audit::append(tx, audit::origin_of(actor, role), {"fee.record", "org", std::to_string(in.unit_id),
                                                     "campaign " + std::to_string(campaign_id) + ", " + std::to_string(in.amount_cents) + " fen, " + in.reference});
  FeePayment saved;
  for (const auto& x : fees_of(tx, campaign_id))
    if (x.id == f.id) saved = x;
  tx.commit();
  return saved;
}

std::vector<FeePayment> OfficeService::fees(const authz::Actor& actor, std::int64_t campaign_id) {
  auto tx = db_.read();
  require_campaign(tx, actor, campaign_id);
  return fees_of(tx, campaign_id);
}

PublishResult OfficeService::publish_initial(const authz::Actor& actor, std::int64_t campaign_id) {
  auto tx = db_.write();
  const auto role = require_campaign(tx, actor, campaign_id);
  campaign::Service::require_open(load_campaign(tx, campaign_id), "office_review", timeutil::now_ms());
  PublishResult out;
  const auto ends = chain_.publicity_ends_from_now(tx, campaign_id);
  for (const char* state : {"accepted", "initial_failed"})
    for (auto id : dossiers_in_state(tx, campaign_id, state)) {
      auto d = load(tx, id);
      chain_.apply(tx, actor, d, "office_publish", "");
      set_publicity_end(tx, id, ends);
      ++out.count;
    }
  if (out.count == 0)
    throw conflict("nothing_to_publish", "没有待公示的初审结果：请先对申报材料作出受理或初审未通过的决定。",
                   "No initial-review result waits for publicity: accept or fail dossiers first.");
  out.ends_at = ends;
  audit::append(tx, audit::origin_of(actor, role), {"campaign.initial_publicity", "campaign", std::to_string(campaign_id),
                                                     std::to_string(out.count) + " dossiers until " + timeutil::format_shanghai(ends)});
  tx.commit();
  return out;
}

void OfficeService::supplement(const authz::Actor& actor, std::int64_t id, const std::string& note) {
  if (note.empty()) accounts::throw_if_any({{"required", "note", "请说明补充了哪些材料。", "Say what the supplement adds."}});
  auto tx = db_.write();
  const auto d = load(tx, id);
  const auto role = chain_.authorize(tx, actor, d, "applicant");
  const auto r = review_record(tx, id);
  const auto now = timeutil::now_ms();
  if (d.state != "office_publicity" || r.initial_result.value_or("") != "not_passed")
    throw conflict("wrong_state", "只有初审未通过的申报人可在初审结果公示期间补充材料。",
                   "Only applicants who did not pass the initial review may add a supplement during its publicity.");
  if (!d.publicity_ends_at || now >= *d.publicity_ends_at)
    throw conflict("publicity_closed", "初审结果公示期已结束，不能再补充材料。", "The initial-review publicity has ended; no supplement can be added.");
  if (r.supplement_at)
    throw conflict("supplement_used", "补充材料只能提交一次，您已提交过。", "A supplement may be submitted once, and yours has been.");
  set_supplement(tx, id, note);
  dossier::insert_history(tx, id, {0, d.state, d.state, role, "supplement: " + note, actor.user_id, d.unit_id, 0}, actor.ip);
  audit::append(tx, audit::origin_of(actor, role), {"dossier.supplement", "dossier", std::to_string(id), note});
  const auto c = load_campaign(tx, d.campaign_id);
  messages::post_to_role(tx, "office", c.office_org_id, "supplement", "申报材料（编号" + std::to_string(id) + "）在初审结果公示期间提交了补充材料。",
                         "Dossier " + std::to_string(id) + " added a supplement during the initial-review publicity.", note, id);
  tx.commit();
}

ReviewRecord OfficeService::decide(const authz::Actor& actor, std::int64_t id, const std::string& result, const std::string& reason) {
  std::vector<ErrorDetail> problems;
  if (result != "passed" && result != "not_passed")
    problems.push_back({"result", "result", "结论应为 passed（通过）或 not_passed（不通过）。", "result must be passed or not_passed."});
  if (result == "not_passed" && reason.empty()) problems.push_back({"required", "reason", "请写明不通过的理由。", "Give the reason."});
  accounts::throw_if_any(problems);
  auto tx = db_.write();
  const auto d = load(tx, id);
  const auto role = chain_.authorize(tx, actor, d, "office");
  if (d.state != "office_publicity")
    throw conflict("wrong_state", "只能在初审结果公示后作出决定。", "The decision follows the initial-review publicity.");
  campaign::Service::require_open(load_campaign(tx, d.campaign_id), "office_review", timeutil::now_ms());
  if (d.publicity_ends_at && timeutil::now_ms() < *d.publicity_ends_at)
    throw conflict("publicity_running", "初审结果公示期尚未结束，期满后再作决定。", "The initial-review publicity has not ended; decide after it ends.");
  for (const auto& o : objections_of(tx, id))
    if (o.stage == "office_publicity" && !o.outcome)
      throw conflict("objection_open", "公示期间的异议尚未处理完毕，请先记录处理情况。", "An objection from the publicity is not handled yet; record its handling first.");
  set_final_result(tx, id, result, reason);
  audit::append(tx, audit::origin_of(actor, role), {"dossier.office_decision", "dossier", std::to_string(id), result + (reason.empty() ? "" : ": " + reason)});
  auto out = review_record(tx, id);
  tx.commit();
  return out;
}

SpotCheckView OfficeService::draw_spot_check(const authz::Actor& actor, std::int64_t campaign_id, const std::string& kind, int share_permille,
                                             const std::string& seed_in) {
  std::vector<ErrorDetail> problems;
  if (kind != "applicants" && kind != "units")
    problems.push_back({"kind", "kind", "抽查对象应为 applicants（人员）或 units（单位）。", "kind must be applicants or units."});
  if (share_permille < 1 || share_permille > 1000)
    problems.push_back({"share", "share", "抽查比例应大于0且不超过1。", "share must be above 0 and at most 1."});
  if (zp::text::chars(seed_in) > 128) problems.push_back({"seed", "seed", "种子不能超过128个字符。", "The seed is at most 128 characters."});
  accounts::throw_if_any(problems);
  auto tx = db_.write();
  const auto role = require_campaign(tx, actor, campaign_id);
  const auto pool = spot_check_pool(tx, campaign_id);
  SpotCheck s;
  s.campaign_id = campaign_id;
  s.kind = kind;
  s.share_permille = share_permille;
  s.seed = seed_in.empty() ? crypto::random_token(16) : seed_in;
  if (kind == "applicants")
    for (const auto& [d, u] : pool) s.candidates.push_back(d);
  else {
    std::set<std::int64_t> units;
    for (const auto& [d, u] : pool) units.insert(u);
    s.candidates.assign(units.begin(), units.end());
  }
  if (s.candidates.empty())
    throw conflict("nothing_to_draw", "没有可抽查的申报材料：抽查在初审通过并公示后进行。",
                   "Nothing to draw from: spot checks follow the initial review's publicity of those who passed.");
  s.drawn = draw(s.seed, s.candidates, share_permille);
  s.id = insert_spot_check(tx, s, actor.user_id);
  const std::set<std::int64_t> drawn(s.drawn.begin(), s.drawn.end());
  for (const auto& [d, u] : pool)
    if (drawn.count(kind == "applicants" ? d : u)) insert_spot_check_item(tx, s.id, d);
  audit::append(tx, audit::origin_of(actor, role), {"spot_check.draw", "campaign", std::to_string(campaign_id),
                                                     kind + " " + std::to_string(s.drawn.size()) + "/" + std::to_string(s.candidates.size()) + " seed " + s.seed});
  for (const auto& item : spot_check_items(tx, s.id)) {
    const auto d = load(tx, item.dossier_id);
    messages::post(tx, d.user_id, "spot_check", "申报材料（编号" + std::to_string(d.id) + "）被抽中复核，请按通知以单位名义报送全部材料原件。",
                   "Dossier " + std::to_string(d.id) + " was drawn for a spot check; send the originals through your unit.", "", d.id);
    if (d.unit_id)
      messages::post_to_role(tx, "unit_reviewer", *d.unit_id, "spot_check", "本单位申报人（申报材料编号" + std::to_string(d.id) + "）被抽中复核，请报送材料原件。",
                             "An applicant of your unit (dossier " + std::to_string(d.id) + ") was drawn for a spot check; send the originals.", "", d.id);
  }
  SpotCheckView out{*find_spot_check(tx, s.id), spot_check_items(tx, s.id)};
  tx.commit();
  return out;
}

std::vector<SpotCheckView> OfficeService::spot_checks(const authz::Actor& actor, std::int64_t campaign_id) {
  auto tx = db_.read();
  require_campaign(tx, actor, campaign_id);
  std::vector<SpotCheckView> out;
  for (auto& s : spot_checks_of(tx, campaign_id)) out.push_back({s, spot_check_items(tx, s.id)});
  return out;
}

SpotCheckItem OfficeService::decide_spot_check(const authz::Actor& actor, std::int64_t item_id, const std::string& outcome, const std::string& note) {
  std::vector<ErrorDetail> problems;
  if (outcome != "confirmed" && outcome != "discrepancy")
    problems.push_back({"outcome", "outcome", "复核结论应为 confirmed（原件相符）或 discrepancy（不符）。", "outcome must be confirmed or discrepancy."});
  if (outcome == "discrepancy" && note.empty()) problems.push_back({"required", "note", "请写明不符之处。", "Say what does not match."});
  accounts::throw_if_any(problems);
  auto tx = db_.write();
  const auto item = find_spot_check_item(tx, item_id);
  if (!item) throw not_found("抽查记录", "The spot-check item");
  const auto s = find_spot_check(tx, item->spot_check_id);
  const auto role = require_campaign(tx, actor, s->campaign_id);
  if (item->outcome != "pending") throw conflict("already_decided", "该复核结论已记录。", "This outcome is already recorded.");
  decide_spot_check_item(tx, item_id, outcome, note, actor.user_id);
  audit::append(tx, audit::origin_of(actor, role), {"spot_check.outcome", "dossier", std::to_string(item->dossier_id), outcome + (note.empty() ? "" : ": " + note)});
  auto out = *find_spot_check_item(tx, item_id);
  tx.commit();
  return out;
}

PublishResult OfficeService::publish_committee_list(const authz::Actor& actor, std::int64_t campaign_id) {
  auto tx = db_.write();
  const auto role = require_campaign(tx, actor, campaign_id);
  campaign::Service::require_open(load_campaign(tx, campaign_id), "office_review", timeutil::now_ms());
  const auto ids = dossiers_in_state(tx, campaign_id, "office_publicity");
  if (ids.empty())
    throw conflict("nothing_to_publish", "没有完成初审结果公示的申报材料。", "No dossier has been through the initial-review publicity.");
  // Everything that decides who goes must be settled first; the refusal names every dossier still open.
  std::vector<ErrorDetail> open;
  const auto now = timeutil::now_ms();
  for (auto id : ids) {
    const auto d = load(tx, id);
    const auto r = review_record(tx, id);
    const auto n = std::to_string(id);
    if (d.publicity_ends_at && now < *d.publicity_ends_at)
      open.push_back({"publicity_running", n, "申报材料" + n + "的初审结果公示尚未结束。", "Dossier " + n + " is still in publicity."});
    else if (spot_check_state(tx, id) == "pending")
      open.push_back({"spot_check_pending", n, "申报材料" + n + "的抽查复核结论尚未记录。", "Dossier " + n + " has a spot check without an outcome."});
    else if (r.supplement_at && !r.final_result)
      open.push_back({"decision_missing", n, "申报材料" + n + "提交了补充材料，请先作出决定。", "Dossier " + n + " added a supplement; decide on it first."});
    for (const auto& o : objections_of(tx, id))
      if (o.stage == "office_publicity" && !o.outcome)
        open.push_back({"objection_open", n, "申报材料" + n + "有未处理的异议。", "Dossier " + n + " has an objection not yet handled."});
  }
  if (!open.empty())
    throw conflict("list_not_ready", "还有 " + std::to_string(open.size()) + " 项未办结，送评名单暂不能公布。",
                   std::to_string(open.size()) + " matter(s) are still open; the list cannot be published yet.", open);
  PublishResult out;
  out.list_id = insert_committee_list(tx, campaign_id, actor.user_id);
  for (auto id : ids) {
    auto d = load(tx, id);
    const auto r = review_record(tx, id);
    const auto result = r.final_result.value_or(r.initial_result.value_or("not_passed"));
    const bool discrepancy = spot_check_state(tx, id) == "discrepancy";
    if (result == "passed" && !discrepancy) {
      chain_.apply(tx, actor, d, "send", "");
      set_committee_list(tx, id, *out.list_id);
      ++out.sent;
    } else {
      const std::string why = discrepancy ? "spot check: originals do not match" : r.final_reason.value_or(r.initial_reason.value_or(""));
      chain_.apply(tx, actor, d, "not_send", why);
      ++out.not_sent;
    }
  }
  out.count = out.sent + out.not_sent;
  audit::append(tx, audit::origin_of(actor, role), {"campaign.committee_list", "campaign", std::to_string(campaign_id),
                                                     std::to_string(out.sent) + " sent, " + std::to_string(out.not_sent) + " not sent"});
  tx.commit();
  return out;
}

PublicList OfficeService::initial_publicity(std::int64_t campaign_id) {
  auto tx = db_.read();
  const auto c = load_campaign(tx, campaign_id);
  return {c.name, std::nullopt, review::initial_publicity(tx, campaign_id, timeutil::now_ms())};
}

PublicList OfficeService::committee_list(std::int64_t campaign_id) {
  auto tx = db_.read();
  const auto c = load_campaign(tx, campaign_id);
  std::int64_t at = 0;
  const auto list = latest_committee_list(tx, campaign_id, &at);
  if (!list) throw not_found("送评名单", "The list sent to the committee");
  return {c.name, at, committee_list_entries(tx, *list)};
}

void OfficeService::correct(const authz::Actor& actor, std::int64_t id, const std::string& section, const std::string& data,
                            const std::string& reason) {
  require_reason(reason, "请写明更正的理由和依据。", "Give the reason and basis of the correction.");
  if (!dossier::is_section(section)) throw not_found("栏目", "The section");
  std::vector<ErrorDetail> problems;
  const auto canonical = dossier::validate_section(section, data, problems);
  accounts::throw_if_any(problems);
  auto tx = db_.write();
  const auto d = load(tx, id);
  const auto role = chain_.authorize(tx, actor, d, "office");
  if (d.state != "sent_to_committee")
    throw conflict("wrong_state", "只有已列入送评名单的申报材料才通过更正修改；此前请按审核流程退回。",
                   "Corrections apply to dossiers on the committee list; before that, return the dossier through the review.");
  std::string before;
  int version = 0;
  for (const auto& s : dossier::sections_of(tx, id))
    if (s.section == section) before = s.data, version = s.version;
  if (!dossier::write_section(tx, id, section, version, canonical))
    throw conflict("stale_write", "该栏目刚被修改，请刷新后重试。", "The section was just changed; reload and try again.");
  insert_correction(tx, id, section, before, canonical, reason, actor.user_id);
  dossier::insert_history(tx, id, {0, d.state, d.state, role, "correction of " + section + ": " + reason, actor.user_id, d.unit_id, 0}, actor.ip);
  audit::append(tx, audit::origin_of(actor, role), {"dossier.correction", "dossier", std::to_string(id), section + ": " + reason});
  messages::post(tx, d.user_id, "dossier_corrected", "职改办更正了申报材料（编号" + std::to_string(id) + "）的一个栏目。",
                 "The office corrected a section of dossier " + std::to_string(id) + ".", reason, id);
  tx.commit();
}

dossier::Dossier OfficeService::void_dossier(const authz::Actor& actor, std::int64_t id, const std::string& kind, const std::string& reason,
                                             const std::string& evidence) {
  std::vector<ErrorDetail> problems;
  if (kind != "fraud" && kind != "other") problems.push_back({"kind", "kind", "作废类型应为 fraud（弄虚作假）或 other。", "kind must be fraud or other."});
  if (reason.empty()) problems.push_back({"required", "reason", "请写明作废的理由。", "Give the reason."});
  if (kind == "fraud" && evidence.empty()) problems.push_back({"required", "evidence", "弄虚作假须写明证据。", "Fraud needs the evidence."});
  accounts::throw_if_any(problems);
  auto tx = db_.write();
  auto d = load(tx, id);
  const auto role = chain_.apply(tx, actor, d, "void", kind + ": " + reason);
  std::optional<std::int64_t> reviewer;
  if (kind == "fraud") {
    // Seed 001 §三(一)6, 004 §六: fraud puts the person in the integrity record; the approving reviewer is noted.
    const auto c = load_campaign(tx, d.campaign_id);
    dossier::insert_integrity_record(tx, "person", d.user_id, std::nullopt, reason, evidence, today(), c.integrity_years, actor.user_id);
    reviewer = approving_reviewer(tx, id);
    audit::append(tx, audit::origin_of(actor, role), {"integrity.create", "user", std::to_string(d.user_id), "fraud in dossier " + std::to_string(id)});
  }
  set_void(tx, id, kind + ": " + reason, reviewer);
  tx.commit();
  return d;
}

std::vector<std::int64_t> OfficeService::void_year(const authz::Actor& actor, std::int64_t user_id, int year, const std::string& reason,
                                                   const std::string& evidence) {
  std::vector<ErrorDetail> problems;
  if (reason.empty()) problems.push_back({"required", "reason", "请写明作废的理由。", "Give the reason."});
  if (evidence.empty()) problems.push_back({"required", "evidence", "请写明重复申报的证据（如另一申报的单位和编号）。", "Give the evidence of the other application."});
  if (year < 2000 || year > 2100) problems.push_back({"year", "year", "年度不正确。", "The year is not valid."});
  accounts::throw_if_any(problems);
  auto tx = db_.write();
  std::vector<std::int64_t> voided;
  std::optional<std::string> role;
  int integrity_years = 0;
  for (auto d : dossier::dossiers_of_user(tx, user_id)) {
    if (d.year != year || !voidable(d.state)) continue;
    role = chain_.apply(tx, actor, d, "void", "duplicate_year: " + reason);
    set_void(tx, d.id, "duplicate_year: " + reason, std::nullopt);
    integrity_years = std::max(integrity_years, load_campaign(tx, d.campaign_id).integrity_years);
    voided.push_back(d.id);
  }
  if (voided.empty())
    throw conflict("nothing_to_void", "该人员当年没有可作废的申报。", "The person has no application that year that could be voided.");
  dossier::insert_integrity_record(tx, "person", user_id, std::nullopt, "duplicate application in " + std::to_string(year) + ": " + reason, evidence,
                                   today(), integrity_years, actor.user_id);
  audit::append(tx, audit::origin_of(actor, *role), {"dossier.void_year", "user", std::to_string(user_id), std::to_string(year) + ": " + reason});
  tx.commit();
  return voided;
}

std::vector<OversightRow> OfficeService::oversight(const authz::Actor& actor, std::int64_t campaign_id) {
  auto tx = db_.read();
  require_campaign(tx, actor, campaign_id);
  return oversight_rows(tx, campaign_id);
}

}  // namespace zp::review
