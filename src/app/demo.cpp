#include "app/demo.hpp"

#include <soci/soci.h>

#include <array>

#include "accounts/store.hpp"
#include "campaign/store.hpp"
#include "catalog/store.hpp"
#include "core/time.hpp"
#include "core/workcal.hpp"
#include "app/app.hpp"
#include "audit/store.hpp"
#include "core/credit_code.hpp"
#include "org/store.hpp"

namespace zp::app {

namespace {
std::string credit_code(const std::string& first17) { return first17 + zp::credit_code_check_char(first17); }

std::string resident_id(const std::string& first17) {
  static constexpr int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * w[i];
  return first17 + "10X98765432"[sum % 11];
}
// The 政工 series (seed 003) with its level names, a requirement table and checklists, the 卫生 series' names,
// and a campaign whose application window is open around the day the demo is loaded.
void load_demo_catalog(db::Tx& tx, std::int64_t series_office, std::int64_t committee, std::int64_t province) {
  catalog::Series pw;
  pw.code = "political_work";
  pw.name = "政工";
  pw.owner_org_id = series_office;
  pw.level_names = {"政工员", "助理政工师", "政工师", "高级政工师", "思想政治工作研究员"};
  catalog::insert_series(tx, pw);
  catalog::Series health;
  health.code = "health";
  health.name = "卫生";
  health.owner_org_id = province;
  health.level_names = {"医士", "医师", "主治医师", "副主任医师", "主任医师"};
  catalog::insert_series(tx, health);
  catalog::insert_specialty(tx, {0, pw.id, "enterprise", "企业思想政治工作"});
  catalog::insert_specialty(tx, {0, pw.id, "public_institution", "事业单位思想政治工作"});
  catalog::insert_specialty(tx, {0, health.id, "internal_medicine", "内科"});

  using R = catalog::Requirement;
  catalog::replace_requirements(tx, pw.id, "intermediate",
                                {R{0, 0, "", "normal", "doctorate", 0, 0, "取得博士学位"},
                                 R{0, 0, "", "normal", "master", 2, 2, "硕士，任助理政工师2年"},
                                 R{0, 0, "", "normal", "bachelor", 4, 5, "本科，任助理政工师4年"},
                                 R{0, 0, "", "normal", "college", 4, 7, "大专，任助理政工师4年"}});
  catalog::replace_requirements(tx, pw.id, "deputy_senior",
                                {R{0, 0, "", "normal", "doctorate", 2, 2, "博士，任政工师2年"},
                                 R{0, 0, "", "normal", "master", 5, 5, "硕士，任政工师5年"},
                                 R{0, 0, "", "normal", "bachelor", 5, 10, "本科，任政工师5年"},
                                 R{0, 0, "", "exceptional", "college", 3, 15, "破格：大专，任政工师3年，业绩突出"}});
  auto item = [&](const char* level, const char* code, const char* name, const char* section, bool required,
                  int max_count, bool ordered, int sort, std::vector<std::string> types = {"jpeg", "pdf"}) {
    catalog::ChecklistItem c;
    c.series_id = pw.id;
    c.level = level;
    c.code = code;
    c.name = name;
    c.section = section;
    c.required = required;
    c.max_count = max_count;
    c.ordered = ordered;
    c.sort = sort;
    c.allowed_types = std::move(types);
    catalog::insert_checklist_item(tx, c);
  };
  for (const char* level : {"intermediate", "deputy_senior"}) {
    item(level, "photo", "2寸彩色照片", "basic", true, 1, false, 10, {"jpeg"});
    item(level, "id_card", "身份证（正反面）", "basic", true, 2, false, 20);
    item(level, "current_title", "现职称证书及聘任文件", "basic", true, 3, false, 30);
    item(level, "education", "学历学位证书及学信网验证报告", "education", true, 4, false, 40);
    item(level, "work_proof", "从事思想政治工作经历证明", "work", true, 2, false, 50);
    item(level, "continuing_education", "继续教育证书", "continuing_education", true, 10, false, 60);
    item(level, "papers", "任现职以来代表性论文（按质量排序，不超过5篇）", "achievements", true, 5, true, 70);
    item(level, "awards", "获奖证书", "achievements", false, 10, false, 80);
    item(level, "route_approval", "破格或无职称申报审批表", "route", false, 1, false, 90);
    item(level, "declarations", "申报人承诺及事实声明附件（退休延长、社保缴纳等）", "other", false, 5, false, 100);
  }

  // Phases relative to today (Asia/Shanghai), so the demo always has an open application window.
  const auto today = workcal::shanghai_date(timeutil::now_ms());
  const auto day = [&](int offset) { return std::chrono::year_month_day{std::chrono::sys_days{today} + std::chrono::days{offset}}; };
  const auto start = [&](int offset) { return workcal::end_of_day_ms(day(offset - 1)); };  // 00:00 of that day
  campaign::Campaign c;
  c.year = static_cast<int>(today.year());
  c.name = std::to_string(c.year) + "年度示范省政工专业职务评审";
  c.office_org_id = series_office;
  c.tenure_cutoff = std::to_string(c.year) + "-12-31";
  c.achievement_cutoff = std::to_string(c.year) + "-09-30";
  c.integrity_years = 5;
  c.status = "active";
  c.series_ids = {pw.id};
  c.committees = {{committee, pw.id, "deputy_senior,senior"}};
  c.phases = {{"deployment", start(-60), start(-30)},
              {"application", start(-30), workcal::end_of_day_ms(day(30))},
              {"unit_review", start(-20), workcal::end_of_day_ms(day(45))},
              {"office_review", start(-10), workcal::end_of_day_ms(day(60))},
              {"committee_review", start(61), workcal::end_of_day_ms(day(90))},
              {"approval", start(91), workcal::end_of_day_ms(day(120))}};
  campaign::insert(tx, c);
}
}  // namespace

std::vector<DemoAccount> load_demo(App& app) {
  auto tx = app.db->write();
  if (org::root_id(tx)) return {};  // only into an empty database

  auto add = [&](std::optional<std::int64_t> parent, const char* kind, const char* name, const char* region,
                 std::optional<std::string> code = std::nullopt, std::optional<std::string> type = std::nullopt) {
    org::Org o;
    o.parent_id = parent;
    o.kind = kind;
    o.name = name;
    o.region = region;
    o.credit_code = std::move(code);
    o.unit_type = std::move(type);
    return app.orgs->insert_unchecked(tx, o);
  };
  const auto province = add(std::nullopt, "province_office", "示范省职称改革工作领导小组办公室", "示范省");
  const auto city = add(province.id, "city_office", "示范市职称改革工作领导小组办公室", "示范省示范市");
  const auto county = add(city.id, "county_office", "示范县职称改革工作领导小组办公室", "示范省示范市示范县");
  const auto series = add(province.id, "series_office", "示范省政工专业职务评审委员会办公室（政工系列）", "示范省");
  const auto dept = add(city.id, "department", "示范市卫生健康委员会", "示范省示范市", credit_code("11450100MB0000001"));
  auto hospital = add(dept.id, "unit", "示范市第一人民医院", "示范省示范市", credit_code("12450100MB0000002"), "public_institution");
  hospital.supervising_dept_id = dept.id;
  org::update(tx, hospital);
  add(city.id, "unit", "示范建设工程有限公司", "示范省示范市", credit_code("91450100MA0000003"), "private_or_social");
  const auto power = add(county.id, "unit", "示范县供电有限公司", "示范省示范市示范县", credit_code("91450122MA0000004"), "state_enterprise");
  const auto committee = add(series.id, "committee", "示范省政工专业高级职务评审委员会", "示范省");

  struct Spec {
    const char* login;
    const char* name;
    const char* role;
    std::int64_t org;
    std::optional<std::int64_t> unit;
    std::optional<std::string> rid;
  };
  const std::vector<Spec> specs = {
      {"applicant1", "张明", "applicant", hospital.id, hospital.id, resident_id("45010219850312001")},
      {"unitadmin1", "李华", "unit_admin", hospital.id, hospital.id, std::nullopt},
      {"unitreviewer1", "王芳", "unit_reviewer", hospital.id, hospital.id, std::nullopt},
      {"unitreviewer2", "孙丽", "unit_reviewer", power.id, power.id, std::nullopt},
      {"dept1", "赵强", "dept_reviewer", dept.id, std::nullopt, std::nullopt},
      {"office1", "陈静", "office", province.id, std::nullopt, std::nullopt},
      {"committee1", "刘洋", "committee_admin", committee.id, std::nullopt, std::nullopt},
      {"expert1", "杨帆", "expert", committee.id, std::nullopt, std::nullopt},
      {"monitor1", "黄磊", "monitor", province.id, std::nullopt, std::nullopt},
      {"sysadmin", "系统管理员", "sys_admin", province.id, std::nullopt, std::nullopt},
      {"secadmin", "安全管理员", "sec_admin", province.id, std::nullopt, std::nullopt},
      {"auditadmin", "审计管理员", "audit_admin", province.id, std::nullopt, std::nullopt},
  };
  std::vector<DemoAccount> out;
  int n = 0;
  for (const auto& s : specs) {
    accounts::NewUser u{s.login, s.name, "1380000" + std::to_string(1000 + ++n), kDemoPassword, s.rid, s.unit};
    const auto id = app.accounts->create_user_unchecked(tx, u, false);
    accounts::insert_role(tx, id, s.role, s.org);
    std::string org_name;
    for (const org::Org* o : std::array<const org::Org*, 8>{&province, &city, &county, &series, &dept, &hospital, &power, &committee})
      if (o->id == s.org) org_name = o->name;
    out.push_back({s.login, s.role, org_name});
  }
  load_demo_catalog(tx, series.id, committee.id, province.id);

  audit::Origin system;
  system.login = "system";
  audit::append(tx, system, {"demo.load", "", "", "demo organisations and one user per role"});
  tx.commit();
  return out;
}

}  // namespace zp::app
