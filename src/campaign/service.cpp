#include "campaign/service.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include "accounts/validation.hpp"
#include "audit/origin.hpp"
#include "audit/store.hpp"
#include "authz/authz.hpp"
#include "campaign/store.hpp"
#include "catalog/model.hpp"
#include "catalog/store.hpp"
#include "core/time.hpp"
#include "org/model.hpp"
#include "org/store.hpp"

namespace zp::campaign {

namespace {
using authz::Action;

const char* phase_zh(std::string_view p) {
  if (p == "deployment") return "部署";
  if (p == "application") return "个人申报";
  if (p == "unit_review") return "单位审核推荐";
  if (p == "office_review") return "职改部门审核";
  if (p == "committee_review") return "评委会评审";
  if (p == "approval") return "审核确认";
  return "该";
}
}  // namespace

std::optional<std::chrono::year_month_day> parse_date(const std::string& text) {
  int y = 0, m = 0, d = 0, n = 0;
  if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)}, std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

std::string format_date(std::chrono::year_month_day d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return buf;
}

Service::Service(db::Database& db, const authz::Authorizer& authz) : db_(db), authz_(authz) {}

Campaign Service::load(db::Tx& tx, std::int64_t id) {
  auto c = campaign::find(tx, id);
  if (!c) throw not_found("评审工作", "The campaign");
  return *c;
}

bool Service::can_manage(const authz::Actor& actor, const Campaign& c) const {
  const auto path = org::path_of(db_, c.office_org_id);
  return path && authz_.can(actor, Action::campaign_manage, *path);
}

std::vector<Campaign> Service::list(const authz::Actor& actor, std::optional<int> year) {
  std::vector<Campaign> all;
  {
    auto tx = db_.read();
    all = campaign::list(tx, year);
  }
  // Drafts are the office's working copies: only those who may manage them see them.
  std::erase_if(all, [&](const Campaign& c) { return c.status == "draft" && !can_manage(actor, c); });
  return all;
}

Campaign Service::get(const authz::Actor& actor, std::int64_t id) {
  Campaign c;
  {
    auto tx = db_.read();
    c = load(tx, id);
  }
  if (c.status == "draft" && !can_manage(actor, c)) throw not_found("评审工作", "The campaign");
  return c;
}

void Service::apply(db::Tx& tx, Campaign& c, const CampaignInput& in, std::vector<ErrorDetail>& problems) {
  if (in.year) c.year = *in.year;
  if (in.name) c.name = *in.name;
  if (in.tenure_cutoff) c.tenure_cutoff = *in.tenure_cutoff;
  if (in.achievement_cutoff) c.achievement_cutoff = *in.achievement_cutoff;
  if (in.ce_hours_per_year) c.ce_hours_per_year = *in.ce_hours_per_year;
  if (in.ce_public_hours_per_year) c.ce_public_hours_per_year = *in.ce_public_hours_per_year;
  if (in.integrity_years) c.integrity_years = *in.integrity_years;
  if (in.publicity_working_days) c.publicity_working_days = *in.publicity_working_days;
  if (in.series_ids) c.series_ids = *in.series_ids;
  if (in.committees) c.committees = *in.committees;
  if (in.phases) c.phases = *in.phases;
  // Defaults from the year: tenure counts to 31 Dec; achievements to the same day unless set (Gansu: 30 Sep).
  if (c.tenure_cutoff.empty() && c.year > 0) c.tenure_cutoff = std::to_string(c.year) + "-12-31";
  if (c.achievement_cutoff.empty() && parse_date(c.tenure_cutoff)) c.achievement_cutoff = c.tenure_cutoff;

  if (c.year < 2000 || c.year > 2100) problems.push_back({"year", "year", "年度应在2000至2100之间。", "The year must be from 2000 to 2100."});
  accounts::check_real_name(c.name, problems, "name");
  if (!parse_date(c.tenure_cutoff))
    problems.push_back({"date_format", "tenure_cutoff", "任职年限截止日期格式应为 YYYY-MM-DD。", "tenure_cutoff must be a YYYY-MM-DD date."});
  if (!c.achievement_cutoff.empty() && !parse_date(c.achievement_cutoff))
    problems.push_back({"date_format", "achievement_cutoff", "业绩截止日期格式应为 YYYY-MM-DD。", "achievement_cutoff must be a YYYY-MM-DD date."});
  if (c.ce_hours_per_year < 0 || c.ce_hours_per_year > 500 || c.ce_public_hours_per_year < 0 ||
      c.ce_public_hours_per_year > c.ce_hours_per_year)
    problems.push_back({"ce_hours", "ce_hours_per_year", "继续教育学时应在0至500之间，且公需科目学时不超过总学时。",
                        "Continuing-education hours must be 0 to 500, public-subject hours no more than the total."});
  if (c.integrity_years < 1 || c.integrity_years > 10)
    problems.push_back({"integrity_years", "integrity_years", "诚信档案期限应为1至10年。", "The integrity-record period must be 1 to 10 years."});
  if (c.publicity_working_days < 1 || c.publicity_working_days > 30)
    problems.push_back({"publicity_days", "publicity_working_days", "公示期应为1至30个工作日。", "Publicity must last 1 to 30 working days."});
  if (c.series_ids.empty())
    problems.push_back({"series_required", "series_ids", "请至少选择一个系列。", "Choose at least one series."});
  for (auto id : c.series_ids)
    if (!catalog::find_series(tx, id))
      problems.push_back({"series_unknown", "series_ids", "系列 " + std::to_string(id) + " 不存在。", "Series " + std::to_string(id) + " does not exist."});
  for (const auto& l : c.committees) {
    auto committee = org::find(tx, l.committee_org_id);
    if (!committee || committee->kind != "committee")
      problems.push_back({"committee_unknown", "committees", "评委会 " + std::to_string(l.committee_org_id) + " 不存在。",
                          "Committee " + std::to_string(l.committee_org_id) + " does not exist."});
    if (std::find(c.series_ids.begin(), c.series_ids.end(), l.series_id) == c.series_ids.end())
      problems.push_back({"committee_series", "committees", "评委会对应的系列须在本年度评审范围内。",
                          "A committee's series must be one of the campaign's series."});
    std::size_t pos = 0;
    while (pos < l.levels.size()) {
      const auto end = std::min(l.levels.find(',', pos), l.levels.size());
      if (!catalog::is_level(l.levels.substr(pos, end - pos)))
        problems.push_back({"committee_levels", "committees", "评委会的级别代码无效。", "A committee level code is not valid."});
      pos = end + 1;
    }
  }
  std::set<std::string> seen;
  for (const auto& p : c.phases) {
    if (!is_phase(p.phase))
      problems.push_back({"phase_unknown", "phases", "未知阶段：" + p.phase, "Unknown phase: " + p.phase});
    else if (!seen.insert(p.phase).second)
      problems.push_back({"phase_duplicate", "phases", "阶段重复：" + p.phase, "Phase given twice: " + p.phase});
    if (p.closes_at <= p.opens_at)
      problems.push_back({"phase_order", "phases", std::string(phase_zh(p.phase)) + "阶段的截止时间应晚于开始时间。",
                          "A phase must close after it opens: " + p.phase});
  }
}

Campaign Service::create(const authz::Actor& actor, const CampaignInput& in) {
  if (!in.office_org_id)
    throw unprocessable("invalid_fields", "请选择组织本次评审的职改办。", "Choose the office that runs the campaign.",
                        {{"required", "office_org_id", "请选择组织本次评审的职改办。", "Choose the office that runs the campaign."}});
  const std::string role = authz_.require(actor, Action::campaign_manage, *in.office_org_id);
  auto tx = db_.write();
  Campaign c;
  c.office_org_id = *in.office_org_id;
  std::vector<ErrorDetail> problems;
  auto office = org::find(tx, c.office_org_id);
  if (!office || !org::is_office_kind(office->kind))
    problems.push_back({"office_kind", "office_org_id", "组织评审的须为职改办。", "The campaign must be run by a title-reform office."});
  apply(tx, c, in, problems);
  accounts::throw_if_any(problems);
  campaign::insert(tx, c);
  audit::append(tx, audit::origin_of(actor, role), {"campaign.create", "campaign", std::to_string(c.id), std::to_string(c.year) + " " + c.name});
  tx.commit();
  return c;
}

Campaign Service::update(const authz::Actor& actor, std::int64_t id, const CampaignInput& in) {
  Campaign c;
  {
    auto tx = db_.read();
    c = load(tx, id);
  }
  const std::string role = authz_.require(actor, Action::campaign_manage, c.office_org_id);
  if (c.status != "draft")
    throw conflict("wrong_state", "评审工作已发布，只能通过延期调整阶段时间。",
                   "The campaign is published; change its phases only by extending them.");
  if (in.office_org_id && *in.office_org_id != c.office_org_id)
    throw unprocessable("invalid_fields", "组织评审的职改办不能修改。", "The running office cannot change.",
                        {{"immutable", "office_org_id", "组织评审的职改办不能修改。", "The running office cannot change."}});
  auto tx = db_.write();
  std::vector<ErrorDetail> problems;
  apply(tx, c, in, problems);
  accounts::throw_if_any(problems);
  campaign::update(tx, c);
  audit::append(tx, audit::origin_of(actor, role), {"campaign.update", "campaign", std::to_string(id), c.name});
  c = load(tx, id);
  tx.commit();
  return c;
}

Campaign Service::activate(const authz::Actor& actor, std::int64_t id) {
  Campaign c;
  {
    auto tx = db_.read();
    c = load(tx, id);
  }
  const std::string role = authz_.require(actor, Action::campaign_manage, c.office_org_id);
  if (c.status != "draft") throw conflict("wrong_state", "评审工作已发布。", "The campaign is already published.");
  if (!c.phase("application"))
    throw unprocessable("invalid_fields", "发布前请设置个人申报阶段的起止时间。", "Set the application phase before publishing.",
                        {{"phase_missing", "phases", "缺少个人申报阶段。", "The application phase is missing."}});
  auto tx = db_.write();
  set_status(tx, id, "active");
  audit::append(tx, audit::origin_of(actor, role), {"campaign.activate", "campaign", std::to_string(id), c.name});
  c = load(tx, id);
  tx.commit();
  return c;
}

Campaign Service::extend_phase(const authz::Actor& actor, std::int64_t id, const std::string& phase, std::int64_t new_closes_at,
                               const std::string& reason) {
  Campaign c;
  {
    auto tx = db_.read();
    c = load(tx, id);
  }
  const std::string role = authz_.require(actor, Action::campaign_manage, c.office_org_id);
  const Phase* p = c.phase(phase);
  if (!p) throw not_found("阶段", "The phase");
  std::vector<ErrorDetail> problems;
  if (reason.empty()) problems.push_back({"required", "reason", "请填写延期理由。", "Give the reason for the extension."});
  if (new_closes_at <= p->closes_at)
    problems.push_back({"not_later", "closes_at", "新的截止时间须晚于原截止时间 " + timeutil::format_shanghai(p->closes_at) + "。",
                        "The new closing time must be later than " + timeutil::format_shanghai(p->closes_at) + "."});
  accounts::throw_if_any(problems);
  auto tx = db_.write();
  Extension e{0, id, phase, reason, p->closes_at, new_closes_at, actor.user_id, timeutil::now_ms()};
  insert_extension(tx, e);
  set_phase_close(tx, id, phase, new_closes_at);
  audit::append(tx, audit::origin_of(actor, role),
                {"campaign.extend", "campaign", std::to_string(id),
                 phase + ": " + timeutil::format_shanghai(p->closes_at) + " -> " + timeutil::format_shanghai(new_closes_at) + "; " + reason});
  c = load(tx, id);
  tx.commit();
  return c;
}

std::vector<Extension> Service::extensions(const authz::Actor& actor, std::int64_t id) {
  const Campaign c = get(actor, id);
  auto tx = db_.read();
  return extensions_of(tx, c.id);
}

void Service::require_open(const Campaign& c, std::string_view phase, std::int64_t now) {
  const Phase* p = c.phase(phase);
  const std::string name = phase_zh(phase);
  if (!p || c.status != "active")
    throw conflict("window_closed", name + "阶段未开放，请关注职改部门通知。", "The " + std::string(phase) + " phase is not open; watch for the office's notice.",
                   {{"window_closed", "", name + "阶段未开放。", "The phase is not open.", {{"phase", std::string(phase)}}}});
  if (now < p->opens_at)
    throw conflict("window_closed", name + "阶段将于 " + timeutil::format_shanghai(p->opens_at) + " 开始，请届时办理。",
                   "The " + std::string(phase) + " phase opens at " + timeutil::format_shanghai(p->opens_at) + "; come back then.",
                   {{"window_not_open", "", "尚未开始。", "Not open yet.", {{"phase", std::string(phase)}, {"opens_at", timeutil::format_shanghai(p->opens_at)}}}});
  if (now >= p->closes_at)
    throw conflict("window_closed", name + "阶段已于 " + timeutil::format_shanghai(p->closes_at) + " 截止，不能再办理；如有特殊情况请联系职改部门。",
                   "The " + std::string(phase) + " phase closed at " + timeutil::format_shanghai(p->closes_at) + "; contact the office if you have a special case.",
                   {{"window_closed", "", "已截止。", "Closed.", {{"phase", std::string(phase)}, {"closes_at", timeutil::format_shanghai(p->closes_at)}}}});
}

void Service::seed_calendar_if_empty() {
  auto tx = db_.write();
  lock_calendar_seed(tx);
  if (calendar_row_count(tx) > 0) return;
  for (const auto& o : workcal::shipped_overrides()) put_calendar_row(tx, {format_date(o.date), o.working, "official"}, std::nullopt);
  tx.commit();
}

workcal::Calendar Service::calendar() {
  std::vector<workcal::DayOverride> rows;
  auto tx = db_.read();
  for (const auto& r : calendar_rows(tx))
    if (auto d = parse_date(r.day)) rows.push_back({*d, r.working});
  return workcal::Calendar(std::move(rows));
}

CalendarYear Service::calendar_year(int year) {
  if (year < 1990 || year > 2100) throw bad_request("invalid_year", "年份应在1990至2100之间。", "The year must be from 1990 to 2100.");
  CalendarYear out;
  out.year = year;
  out.provisional = workcal::year_is_provisional(year);
  const std::string from = std::to_string(year) + "-01-01", to = std::to_string(year) + "-12-31";
  {
    auto tx = db_.read();
    for (auto& r : calendar_rows(tx, from, to)) out.overrides.push_back({r.day, r.working, r.note});
  }
  out.working_days = calendar().working_days_between(*parse_date(from), *parse_date(to));
  return out;
}

std::string Service::root_path() {
  auto tx = db_.read();
  return org::root_path(tx);
}

void Service::set_day(const authz::Actor& actor, const std::string& date, bool working, const std::string& note) {
  const std::string role = authz_.require_path(actor, Action::calendar_manage, root_path());
  const auto d = parse_date(date);
  if (!d) throw bad_request("invalid_date", "日期格式应为 YYYY-MM-DD。", "The date must be YYYY-MM-DD.");
  auto tx = db_.write();
  put_calendar_row(tx, {date, working, note}, actor.user_id);
  audit::append(tx, audit::origin_of(actor, role), {"calendar.set", "calendar_day", date, std::string(working ? "working" : "rest") + " " + note});
  tx.commit();
}

void Service::clear_day(const authz::Actor& actor, const std::string& date) {
  const std::string role = authz_.require_path(actor, Action::calendar_manage, root_path());
  if (!parse_date(date)) throw bad_request("invalid_date", "日期格式应为 YYYY-MM-DD。", "The date must be YYYY-MM-DD.");
  auto tx = db_.write();
  delete_calendar_row(tx, date);
  audit::append(tx, audit::origin_of(actor, role), {"calendar.clear", "calendar_day", date, ""});
  tx.commit();
}

}  // namespace zp::campaign
