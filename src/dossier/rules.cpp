#include "dossier/rules.hpp"

#include <algorithm>
#include <cstdio>

#include "core/retirement.hpp"

namespace zp::dossier {

namespace {
using std::chrono::year_month_day;

std::string date_text(year_month_day d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return buf;
}
std::string years_text(int months) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", months / 12.0);
  return buf;
}

void add(std::vector<Violation>& out, std::string code, std::string rule, std::string rule_en, std::string action,
         std::string action_en, std::map<std::string, std::string> facts = {}) {
  out.push_back({std::move(code), std::move(rule), std::move(rule_en), std::move(action), std::move(action_en), std::move(facts)});
}

// The declarations in the basic section that lift a bar, and so need their proof in the checklist item
// `declarations`: facts no shared data supplies yet are declared with proof, and the unit confirms them.
struct Declared {
  std::string code, name;
};
std::vector<Declared> declarations_needing_proof(const Facts& f) {
  std::vector<Declared> out;
  if (f.retirement_extension) out.push_back({"retirement_extension", "延长退休"});
  if (f.civil_service_transition) out.push_back({"civil_service_transition", "改革过渡期"});
  if (f.non_established && f.unit_type == "government") out.push_back({"non_established", "机关非在编"});
  if (f.unit_type == "private_or_social" && !f.freelancer) out.push_back({"social_insurance_months", "社保缴纳月数"});
  return out;
}

// The requirement row for the applicant's route and education, if the table has one at or below their education.
const catalog::Requirement* requirement_for(const Facts& f, const std::string& route, int education_rank) {
  const catalog::Requirement* best = nullptr;
  for (const auto& r : f.requirements) {
    if (r.level != f.level || r.route != route) continue;
    const int rank = catalog::education_rank(r.education);
    // The row for the highest education the applicant holds or, failing that, the nearest lower one.
    if (rank <= education_rank && (!best || rank > catalog::education_rank(best->education))) best = &r;
  }
  return best;
}

year_month_day next_day(year_month_day d) { return year_month_day{std::chrono::sys_days{d} + std::chrono::days{1}}; }

// Whole months of professional work up to the cutoff, both ends included ("计算到12月31日为止");
// overlapping periods (two posts at once) count once.
int professional_months(const Facts& f) {
  std::vector<std::pair<std::chrono::sys_days, std::chrono::sys_days>> spans;  // [from, to + 1 day)
  for (const auto& w : f.work) {
    if (!w.professional || w.from > f.tenure_cutoff) continue;
    const year_month_day end = w.to && *w.to < f.tenure_cutoff ? *w.to : f.tenure_cutoff;
    if (end < w.from) continue;
    spans.emplace_back(std::chrono::sys_days{w.from}, std::chrono::sys_days{next_day(end)});
  }
  std::sort(spans.begin(), spans.end());
  int months = 0;
  for (std::size_t i = 0; i < spans.size();) {
    auto [from, to] = spans[i];
    for (++i; i < spans.size() && spans[i].first <= to; ++i) to = std::max(to, spans[i].second);
    months += months_between(year_month_day{from}, year_month_day{to});
  }
  return months;
}
}  // namespace

int months_between(year_month_day from, year_month_day to) {
  int months = (static_cast<int>(to.year()) - static_cast<int>(from.year())) * 12 +
               (static_cast<int>(static_cast<unsigned>(to.month())) - static_cast<int>(static_cast<unsigned>(from.month())));
  // A day-of-month the target month does not have (29 Feb, the 31st) is reached on that month's last day.
  const auto last = std::chrono::year_month_day_last{to.year(), std::chrono::month_day_last{to.month()}}.day();
  const auto due = std::min(from.day(), last);
  if (to.day() < due) --months;
  return months;
}

namespace {
bool needed_given(const Facts& f, const catalog::ChecklistItem& item, bool something_declared) {
  if (item.required) return true;
  if (item.section == "route") return f.route != "normal";
  return item.code == kDeclarationsItem && something_declared;
}
}  // namespace

bool item_needed(const Facts& f, const catalog::ChecklistItem& item) {
  return needed_given(f, item, !declarations_needing_proof(f).empty());
}

std::vector<Violation> evaluate(const Facts& f) {
  std::vector<Violation> out;

  if (!f.window_open)
    add(out, "window_closed", "个人申报须在申报阶段内完成。", "Applications are made only while the application phase is open.",
        f.window_message, f.window_message_en);

  if (!f.has_unit && !f.freelancer)
    add(out, "unit_not_approved", "申报人须通过已审核的用人单位申报（自由职业者除外）。",
        "Applicants apply through an approved unit (freelancers excepted).", "请在账户中选择所在单位，或声明为自由职业者。",
        "Choose your unit in your account, or declare yourself a freelancer.");
  else if (f.has_unit && !f.unit_active)
    add(out, "unit_not_approved", "所在单位尚未通过职改部门审核，单位须先完成注册审核。",
        "Your unit's registration is not approved yet; the unit must be approved first.", "请联系单位人事部门办理单位注册审核。",
        "Ask your unit's HR office to complete its registration.");

  // Staff of a unit leaving civil-service management may apply in the transition period (seed 004), whatever
  // type the unit is still registered with.
  if (!f.civil_service_transition && (f.civil_servant || (f.unit_type == "government" && !f.non_established)))
    add(out, "not_civil_servant_eligible", "公务员和参照公务员法管理单位工作人员不得申报（改革过渡期另有规定的除外）。",
        "Civil servants and staff of units managed as civil service may not apply (except in a reform transition period).",
        "如属机关事业单位非在编人员或处于改革过渡期，请在基本信息中如实声明并上传证明。",
        "If you are non-established staff or in a reform transition period, declare it in the basic section with proof.");

  if (!f.birth.ok()) {
    add(out, "retirement_age", "无法从身份证号码确定出生日期，因而无法核对退休年龄。",
        "The birth date cannot be read from a resident ID, so the retirement age cannot be checked.",
        "请联系管理员在账户中补录正确的身份证号码。", "Ask an administrator to record your resident ID number.", {{"birth", "unknown"}});
  } else {
    const auto group_name = f.retirement_group.value_or(f.sex == 'F' ? "female_55" : "male");
    const auto group = group_name == "female_50" ? retirement::Group::female_50
                       : group_name == "female_55" ? retirement::Group::female_55 : retirement::Group::male;
    const auto date = retirement::retirement_date(group, f.birth);
    if (date <= f.tenure_cutoff && !f.retirement_extension)
      add(out, "retirement_age", "截至申报截止日已达法定退休年龄（按渐进式延迟退休规定计算）的人员不得申报，已办理延长退休手续的除外。",
          "People at statutory retirement age (gradual reform) by the cutoff may not apply unless an extension is recorded.",
          "如已办理延长退休手续，请在基本信息中声明并上传批准文件。",
          "If your retirement was extended, declare it in the basic section and upload the approval.",
          {{"retirement_date", date_text(date)}, {"cutoff", date_text(f.tenure_cutoff)}, {"group", group_name}});
  }

  if (f.under_sanction || f.under_investigation)
    add(out, "sanction", "受处分期间或正在接受纪律审查、立案调查的人员不得申报。",
        "People under disciplinary sanction or investigation may not apply.", "处分期满或调查结束后方可申报。",
        "Apply after the sanction period or the investigation ends.");

  if (!f.integrity_records.empty())
    add(out, "integrity_record", "列入诚信档案（黑名单）期间不得申报。", "People in the integrity record may not apply during its period.",
        "记录期满后方可申报；如有异议请联系职改部门。", "Apply after the record's period; contact the office to dispute it.",
        {{"records", std::to_string(f.integrity_records.size())}, {"until", f.integrity_until}});

  if (f.other_application_same_level_year)
    add(out, "duplicate_level_year", "同一年度同一级别只能申报一个职称。", "One application per level per year.",
        "请撤回另一份同级别的申报后再提交。", "Withdraw your other application of this level first.");

  if (f.unit_type == "private_or_social" && !f.freelancer && f.social_insurance_months < 6)
    add(out, "social_insurance", "非公有制经济和社会组织人员须在申报单位连续缴纳社会保险满6个月。",
        "Private-sector applicants need 6 continuous months of social insurance at the applying unit.",
        "请核对社保缴纳月数并上传社保缴费证明。", "Check the months and upload the social-insurance record.",
        {{"months", std::to_string(f.social_insurance_months)}, {"required", "6"}});
  if (f.freelancer && f.insured_elsewhere_last_6_months)
    add(out, "freelancer_social_insurance", "自由职业者申报前6个月内不得在任何单位缴纳社会保险。",
        "Freelancers may not have had social insurance at any unit in the last 6 months.",
        "如已在单位任职，请通过所在单位申报。", "If you are employed, apply through your unit.");

  // Requirement table: education, years of professional work, years at the lower title.
  int best_education = -1;
  for (const auto& e : f.education) best_education = std::max(best_education, catalog::education_rank(e.level));
  // Exceptional applications use their own rows where the table has them, else the normal rows.
  const bool has_exceptional = std::any_of(f.requirements.begin(), f.requirements.end(),
                                           [&](const catalog::Requirement& r) { return r.level == f.level && r.route == "exceptional"; });
  const std::string table_route = f.route == "exceptional" && has_exceptional ? "exceptional" : "normal";
  const catalog::Requirement* req = requirement_for(f, table_route, best_education);
  const bool level_has_table = std::any_of(f.requirements.begin(), f.requirements.end(),
                                           [&](const catalog::Requirement& r) { return r.level == f.level && r.route == table_route; });
  if (level_has_table && !req) {
    std::string lowest;
    int lowest_rank = 99;
    for (const auto& r : f.requirements)
      if (r.level == f.level && r.route == table_route && catalog::education_rank(r.education) < lowest_rank)
        lowest_rank = catalog::education_rank(r.education), lowest = r.education;
    add(out, "education", "学历未达到该级别申报要求。", "Your education is below what this level requires.",
        "请补充学历信息；如学历确有不足但业绩突出，可按破格程序申报。", "Add your education; with outstanding work you may apply by the exceptional route.",
        {{"highest", best_education >= 0 ? std::string(catalog::kEducation[best_education]) : "none"}, {"minimum", lowest}});
  }
  if (req) {
    const int work_months = professional_months(f);
    if (req->min_years_work && work_months < *req->min_years_work * 12)
      add(out, "tenure", "从事专业技术工作年限不足。", "Too few years of professional work.",
          "请核对工作经历（截至任职年限截止日计算）。", "Check your work history (counted to the tenure cutoff).",
          {{"years", years_text(work_months)}, {"required", std::to_string(*req->min_years_work)}, {"cutoff", date_text(f.tenure_cutoff)}});
    if (req->min_years_lower_title && f.route != "no_prior_title") {
      const int title_months = f.current_title_since ? months_between(*f.current_title_since, next_day(f.tenure_cutoff)) : 0;
      if (title_months < *req->min_years_lower_title * 12)
        add(out, "lower_title_years", "取得下一级职称后的任职年限不足。", "Too few years at the lower title.",
            "请核对现职称取得时间；年限确有不足且业绩突出的，可按破格程序申报。",
            "Check the date of your current title; with outstanding work you may apply by the exceptional route.",
            {{"years", years_text(title_months)}, {"required", std::to_string(*req->min_years_lower_title)},
             {"since", f.current_title_since ? date_text(*f.current_title_since) : ""}});
    }
  }

  if ((f.route == "exceptional" || f.route == "no_prior_title") && !f.route_approved)
    add(out, "route_unapproved", "破格申报和无职称申报须先经职改部门审批同意。",
        "Exceptional and no-prior-title applications need the office's approval first.",
        "请上传审批表并等待职改部门审批。", "Upload the approval form and wait for the office's decision.", {{"route", f.route}});

  // Continuing education: each full year at the current title, at most the last five before the campaign year.
  if (f.ce_hours_per_year > 0) {
    const int last = f.campaign_year - 1;
    const int first = std::max(last - 4, f.current_title_since ? static_cast<int>(f.current_title_since->year()) + 1 : last - 4);
    std::string short_years;
    for (int y = first; y <= last; ++y) {
      const auto it = std::find_if(f.continuing_education.begin(), f.continuing_education.end(), [y](const CeYear& c) { return c.year == y; });
      const int pub = it == f.continuing_education.end() ? 0 : it->public_hours;
      const int pro = it == f.continuing_education.end() ? 0 : it->professional_hours;
      if (pub + pro < f.ce_hours_per_year || pub < f.ce_public_hours_per_year)
        short_years += (short_years.empty() ? "" : ",") + std::to_string(y);
    }
    if (!short_years.empty())
      add(out, "continuing_education", "继续教育学时未达到每年要求（含公需科目）。",
          "Continuing-education hours fall short of the yearly requirement (including public subjects).",
          "请补录各年度学时并上传继续教育证书。", "Enter each year's hours and upload the certificates.",
          {{"years", short_years}, {"hours_per_year", std::to_string(f.ce_hours_per_year)},
           {"public_hours_per_year", std::to_string(f.ce_public_hours_per_year)}});
  }

  // Achievements count up to the campaign's achievement cutoff; later ones count for the next application (seed 003
  // 四(二)).
  if (f.achievement_cutoff) {
    std::string late;
    for (const auto& a : f.achievements)
      if (a.on > *f.achievement_cutoff) late += (late.empty() ? "" : ",") + a.list + ":" + std::to_string(a.index);
    if (!late.empty())
      add(out, "achievement_after_cutoff", "业绩成果计算到业绩截止日期为止，之后取得的业绩不能用于本次申报。",
          "Achievements count up to the achievement cutoff; later ones cannot be used in this application.",
          "请从本次申报中删除截止日期之后的业绩（可用于下次申报），或核对其日期。",
          "Remove the achievements dated after the cutoff from this application (they count next time), or check their dates.",
          {{"cutoff", date_text(*f.achievement_cutoff)}, {"items", late}});
  }

  // The checklist and the attachments.
  const auto declared = declarations_needing_proof(f);
  for (const auto& item : f.checklist) {
    if (item.section == "route" && f.route == "normal") continue;  // approval forms only for special routes
    const auto count = std::count_if(f.attachments.begin(), f.attachments.end(), [&](const AttachmentFact& a) { return a.item_code == item.code; });
    if (count == 0 && needed_given(f, item, !declared.empty())) {
      if (item.required || item.code != kDeclarationsItem) {
        add(out, "checklist_missing", "缺少必传材料：" + item.name, "A required item is missing: " + item.code,
            "请上传“" + item.name + "”。", "Upload " + item.code + ".", {{"item", item.code}});
      } else {  // needed only as the proof of what the applicant declared: say what
        std::string names, codes;
        for (const auto& d : declared) {
          names += (names.empty() ? "" : "、") + d.name;
          codes += (codes.empty() ? "" : ",") + d.code;
        }
        add(out, "checklist_missing", "缺少必传材料：" + item.name + "（已声明的事实须附证明：" + names + "）",
            "A required item is missing: " + item.code + " (proof of what you declared: " + codes + ")",
            "请在“" + item.name + "”中上传所声明事实（" + names + "）的证明材料，由单位审核确认。",
            "Upload the proof of what you declared (" + codes + ") under " + item.code + "; your unit confirms it.",
            {{"item", item.code}, {"declared", codes}});
      }
    }
    if (count > item.max_count)
      add(out, "checklist_count", "“" + item.name + "”最多" + std::to_string(item.max_count) + "份。",
          item.code + " allows at most " + std::to_string(item.max_count) + " files.", "请删除多余的文件。", "Delete the extra files.",
          {{"item", item.code}, {"count", std::to_string(count)}, {"max", std::to_string(item.max_count)}});
  }
  for (const auto& a : f.attachments) {
    const auto item = std::find_if(f.checklist.begin(), f.checklist.end(), [&](const catalog::ChecklistItem& c) { return c.code == a.item_code; });
    if (item == f.checklist.end()) continue;
    if (std::find(item->allowed_types.begin(), item->allowed_types.end(), a.type) == item->allowed_types.end())
      add(out, "attachment_type", "“" + item->name + "”不接受该文件类型。", item->code + " does not accept this file type.",
          "请按要求上传 " + std::string(item->allowed_types.size() == 1 ? item->allowed_types[0] : "jpeg/pdf") + " 文件。",
          "Upload the allowed type instead.", {{"item", item->code}, {"attachment_id", std::to_string(a.id)}, {"type", a.type}});
    if (a.size > item->max_bytes)
      add(out, "attachment_size", "“" + item->name + "”的文件超过大小上限。", "A file of " + item->code + " is over the size limit.",
          "请压缩后重新上传。", "Compress it and upload again.",
          {{"item", item->code}, {"attachment_id", std::to_string(a.id)}, {"size", std::to_string(a.size)}, {"max", std::to_string(item->max_bytes)}});
  }
  return out;
}

}  // namespace zp::dossier
