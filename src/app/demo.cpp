#include "app/demo.hpp"

#include <soci/soci.h>

#include <array>

#include "accounts/store.hpp"
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
}  // namespace

std::vector<DemoAccount> load_demo(App& app) {
  auto tx = app.db->write();
  long long orgs = 0;
  tx.sql() << "SELECT COUNT(*) FROM orgs", soci::into(orgs);
  if (orgs > 0) return {};

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
  add(county.id, "unit", "示范县供电有限公司", "示范省示范市示范县", credit_code("91450122MA0000004"), "state_enterprise");
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
    for (const org::Org* o : std::array<const org::Org*, 7>{&province, &city, &county, &series, &dept, &hospital, &committee})
      if (o->id == s.org) org_name = o->name;
    out.push_back({s.login, s.role, org_name});
  }
  audit::Origin system;
  system.login = "system";
  audit::append(tx, system, {"demo.load", "", "", "demo organisations and one user per role"});
  tx.commit();
  return out;
}

}  // namespace zp::app
