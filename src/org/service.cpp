#include "org/service.hpp"

#include "accounts/service.hpp"
#include "accounts/store.hpp"
#include "accounts/validation.hpp"
#include "audit/origin.hpp"
#include "audit/store.hpp"
#include "authz/authz.hpp"
#include "core/credit_code.hpp"
#include "core/error.hpp"
#include "core/time.hpp"
#include "messages/store.hpp"
#include "org/store.hpp"

namespace zp::org {

namespace {
using authz::Action;

AppError wrong_state(const std::string& zh, const std::string& en) { return conflict("wrong_state", zh, en); }

// Which kinds may hang under which: offices nest, departments and units sit under offices or departments,
// committees under any node that organises them.
bool may_have_child(const std::string& parent, const std::string& child) {
  if (child == "province_office") return false;  // only the root
  if (child == "city_office") return parent == "province_office";
  if (child == "county_office") return parent == "city_office";
  if (child == "series_office") return is_office_kind(parent);
  if (child == "department") return is_office_kind(parent) || parent == "department";
  if (child == "unit") return is_office_kind(parent) || parent == "department";
  if (child == "committee") return parent != "committee";
  return false;
}
}  // namespace

Service::Service(db::Database& db, const authz::Authorizer& authz, accounts::Service& accounts)
    : db_(db), authz_(authz), accounts_(accounts) {}

Org Service::load(db::Tx& tx, std::int64_t id) {
  auto o = find(tx, id);
  if (!o) throw not_found("机构", "The organisation");
  return *o;
}

std::vector<Org> Service::list_visible(const authz::Actor& actor) {
  const auto scopes = authz::Authorizer::scopes(actor, Action::org_view);
  if (scopes.empty()) throw forbidden();
  auto tx = db_.read();
  return list_under(tx, scopes);
}

Org Service::get(const authz::Actor& actor, std::int64_t id) {
  authz_.require(actor, Action::org_view, id);
  auto tx = db_.read();
  return load(tx, id);
}

void Service::check_fields(db::Tx& tx, Org& org, const OrgInput& in, std::vector<ErrorDetail>& problems) {
  if (in.name) org.name = *in.name;
  if (in.region) org.region = *in.region;
  if (in.legal_person) org.legal_person = *in.legal_person;
  if (in.unit_type) org.unit_type = *in.unit_type;
  if (in.supervising_dept_id) org.supervising_dept_id = *in.supervising_dept_id;
  accounts::check_real_name(org.name, problems, "name");
  if (org.kind == "unit") {
    if (!org.unit_type || !is_unit_type(*org.unit_type))
      problems.push_back({"unit_type", "unit_type", "请选择单位性质。", "Choose the unit type."});
  } else if (in.unit_type) {
    problems.push_back({"not_a_unit", "unit_type", "只有用人单位有单位性质。", "Only employer units have a unit type."});
  }
  if (org.supervising_dept_id) {
    auto dept = find(tx, *org.supervising_dept_id);
    if (!dept || dept->kind != "department")
      problems.push_back({"supervising_dept", "supervising_dept_id", "主管部门不存在。", "The supervising department does not exist."});
  }
}

Org Service::create(const authz::Actor& actor, const OrgInput& in) {
  std::vector<ErrorDetail> problems;
  if (!in.parent_id) throw unprocessable("invalid_fields", "请选择上级机构。", "Choose the parent organisation.",
                                         {{"required", "parent_id", "请选择上级机构。", "Choose the parent organisation."}});
  const std::string role = authz_.require(actor, Action::org_create, *in.parent_id);
  auto tx = db_.write();
  const Org parent = load(tx, *in.parent_id);
  Org org;
  org.parent_id = parent.id;
  org.kind = in.kind.value_or("");
  if (!is_kind(org.kind))
    problems.push_back({"kind", "kind", "请选择机构类型。", "Choose the kind of organisation."});
  else if (!may_have_child(parent.kind, org.kind))
    problems.push_back({"kind_placement", "kind", "该类型的机构不能设在所选上级之下。",
                        "This kind of organisation cannot be placed under the chosen parent."});
  if (org.kind == "unit") {
    CreditCodeError e;
    if (!in.credit_code || !validate_credit_code(*in.credit_code, &e))
      problems.push_back({in.credit_code ? e.code : "required", "credit_code",
                          in.credit_code ? e.message : "请填写统一社会信用代码。",
                          in.credit_code ? e.message_en : "Enter the unified social credit code."});
    else if (find_by_credit_code(tx, *in.credit_code))
      problems.push_back({"credit_code_taken", "credit_code", "该统一社会信用代码已注册。", "This credit code is already registered."});
    else
      org.credit_code = in.credit_code;
    if (parent.kind == "department") org.supervising_dept_id = parent.id;
  }
  check_fields(tx, org, in, problems);
  accounts::throw_if_any(problems);
  insert(tx, org);
  audit::append(tx, audit::origin_of(actor, role), {"org.create", "org", std::to_string(org.id), org.kind + " " + org.name});
  tx.commit();
  return org;
}

Org Service::update(const authz::Actor& actor, std::int64_t id, const OrgInput& in) {
  const std::string role = authz_.require(actor, Action::org_update, id);
  auto tx = db_.write();
  Org org = load(tx, id);
  std::vector<ErrorDetail> problems;
  if (in.parent_id || in.kind || in.credit_code)
    problems.push_back({"immutable", "", "上级机构、机构类型和信用代码不能修改。",
                        "The parent, kind and credit code cannot be changed."});
  check_fields(tx, org, in, problems);
  accounts::throw_if_any(problems);
  org::update(tx, org);
  audit::append(tx, audit::origin_of(actor, role), {"org.update", "org", std::to_string(id), org.name});
  auto saved = load(tx, id);
  tx.commit();
  return saved;
}

std::vector<Org> Service::public_parents(const std::string& q) {
  auto tx = db_.read();
  return list_public(tx, {"province_office", "city_office", "county_office", "series_office", "department"}, q, 200);
}

std::vector<Org> Service::public_units(const std::string& q) {
  auto tx = db_.read();
  return list_public(tx, {"unit"}, q, 50);
}

Org Service::register_unit(const UnitRegistration& r, const std::string& ip) {
  std::vector<ErrorDetail> problems;
  accounts::check_real_name(r.name, problems, "name");
  CreditCodeError ce;
  if (!validate_credit_code(r.credit_code, &ce)) problems.push_back({ce.code, "credit_code", ce.message, ce.message_en});
  if (!is_unit_type(r.unit_type)) problems.push_back({"unit_type", "unit_type", "请选择单位性质。", "Choose the unit type."});
  if (!r.legal_person)
    problems.push_back({"not_legal_person", "legal_person", "不具备法人资格的分支机构不能以单位名义注册，请由其法人单位注册。",
                        "A branch without legal-person status cannot register as a unit; its legal-person unit registers instead."});
  accounts::check_real_name(r.contact_name, problems, "contact_name");
  accounts::check_phone(r.contact_phone, problems, "contact_phone");
  accounts::check_login_name(r.login, problems);
  accounts::check_password(r.login, r.password, problems);
  auto tx = db_.write();
  auto parent = find(tx, r.parent_id);
  if (!parent || parent->status != "active" || !(is_office_kind(parent->kind) || parent->kind == "department"))
    problems.push_back({"parent", "parent_id", "请选择所属职改部门或主管部门。", "Choose the office or supervising department the unit belongs to."});
  if (ce.code.empty() && find_by_credit_code(tx, r.credit_code))
    problems.push_back({"credit_code_taken", "credit_code", "该统一社会信用代码已注册；如需找回账号请联系所属职改部门。",
                        "This credit code is already registered; ask your office to recover the account."});
  if (accounts::find_user_by_login(tx, r.login))
    problems.push_back({"login_taken", "login", "该登录名已被使用，请换一个。", "This login name is taken; choose another."});
  accounts::throw_if_any(problems);
  Org unit;
  unit.parent_id = parent->id;
  unit.kind = "unit";
  unit.name = r.name;
  unit.credit_code = r.credit_code;
  unit.unit_type = r.unit_type;
  unit.legal_person = true;
  if (parent->kind == "department") unit.supervising_dept_id = parent->id;
  unit.region = r.region;
  unit.status = "pending";
  unit.contact_name = r.contact_name;
  unit.contact_phone = r.contact_phone;
  insert(tx, unit);
  accounts::NewUser admin{r.login, r.contact_name, r.contact_phone, r.password, std::nullopt, unit.id};
  const auto user_id = accounts_.create_user_unchecked(tx, admin, false);
  accounts::insert_role(tx, user_id, "unit_admin", unit.id);
  audit::Origin origin;
  origin.login = r.login;
  origin.ip = ip;
  audit::append(tx, origin, {"unit.register", "org", std::to_string(unit.id), r.name + " " + r.credit_code});
  tx.commit();
  return unit;
}

std::vector<Org> Service::registrations(const authz::Actor& actor, const std::string& status) {
  const auto scopes = authz::Authorizer::scopes(actor, Action::unit_approve);
  if (scopes.empty()) throw forbidden();
  auto tx = db_.read();
  return list_under(tx, scopes, "unit", status);
}

Org Service::approve_unit(const authz::Actor& actor, std::int64_t id) {
  const std::string role = authz_.require(actor, Action::unit_approve, id);
  auto tx = db_.write();
  Org unit = load(tx, id);
  if (unit.kind != "unit" || unit.status != "pending")
    throw wrong_state("只能审核待审核的单位注册。", "Only a pending unit registration can be approved.");
  unit.status = "active";
  unit.reject_reason.reset();
  org::update(tx, unit);
  audit::append(tx, audit::origin_of(actor, role), {"unit.approve", "org", std::to_string(id), unit.name});
  messages::post_to_role(tx, "unit_admin", id, "unit_approved", "单位注册已通过审核，请指定本单位审核人。",
                         "The unit's registration is approved; designate the unit's reviewer next.", "", std::nullopt);
  tx.commit();
  return unit;
}

Org Service::reject_unit(const authz::Actor& actor, std::int64_t id, const std::string& reason) {
  const std::string role = authz_.require(actor, Action::unit_approve, id);
  if (reason.empty())
    throw unprocessable("invalid_fields", "请填写驳回理由。", "Give the reason for rejecting.",
                        {{"required", "reason", "请填写驳回理由，单位将看到它。", "Give the reason; the unit will see it."}});
  auto tx = db_.write();
  Org unit = load(tx, id);
  if (unit.kind != "unit" || unit.status != "pending")
    throw wrong_state("只能驳回待审核的单位注册。", "Only a pending unit registration can be rejected.");
  unit.status = "rejected";
  unit.reject_reason = reason;
  org::update(tx, unit);
  audit::append(tx, audit::origin_of(actor, role), {"unit.reject", "org", std::to_string(id), reason});
  messages::post_to_role(tx, "unit_admin", id, "unit_rejected", "单位注册未通过审核：" + reason,
                         "The unit's registration was rejected: " + reason, reason, std::nullopt);
  tx.commit();
  return unit;
}

std::vector<StaffMember> Service::staff(const authz::Actor& actor, std::int64_t unit_id) {
  authz_.require(actor, Action::unit_staff_view, unit_id);
  auto tx = db_.read();
  return staff_of(tx, unit_id);
}

ReviewerStatus Service::reviewer_status(const authz::Actor& actor, std::int64_t unit_id) {
  authz_.require(actor, Action::unit_staff_view, unit_id);
  auto tx = db_.read();
  return {current_reviewer(tx, unit_id), pending_designation(tx, unit_id)};
}

std::int64_t Service::designate_reviewer(const authz::Actor& actor, std::int64_t unit_id, std::int64_t user_id) {
  const std::string role = authz_.require(actor, Action::reviewer_designate, unit_id);
  auto tx = db_.write();
  const Org unit = load(tx, unit_id);
  if (unit.kind != "unit") throw not_found("单位", "The unit");
  if (unit.status != "active")
    throw conflict("unit_not_approved", "单位注册尚未通过审核，审核通过后才能指定审核人。",
                   "The unit's registration is not approved yet; designate the reviewer after approval.");
  auto user = accounts::find_user(tx, user_id);
  if (!user || user->unit_id != unit_id)
    throw unprocessable("invalid_fields", "审核人须为本单位人员。", "The reviewer must be a member of the unit's staff.",
                        {{"reviewer_not_staff", "user_id", "请从本单位人员中选择审核人。", "Choose the reviewer from the unit's staff."}});
  // Seed 002: 不得指定申报人作为审核人.
  if (applies_in_open_campaign(tx, user_id))
    throw unprocessable("invalid_fields", "该人员本年度正在申报职称，不能担任审核人。", "This person is applying this year and cannot be the reviewer.",
                        {{"reviewer_is_applicant", "user_id", "申报人不能担任本单位审核人，请另选人员。",
                          "An applicant cannot be the unit's reviewer; choose someone else."}});
  if (auto current = current_reviewer(tx, unit_id); current && current->user_id == user_id)
    throw conflict("already_reviewer", "该人员已是本单位审核人。", "This person is already the unit's reviewer.");
  if (pending_designation(tx, unit_id))
    throw conflict("designation_pending", "已有待核准的审核人指定，请等待职改部门处理。",
                   "A designation is already waiting for the office's approval.");
  Designation d;
  d.unit_id = unit_id;
  d.user_id = user_id;
  d.requested_by = actor.user_id;
  const auto id = insert_designation(tx, d);
  audit::append(tx, audit::origin_of(actor, role),
                {"reviewer.designate", "reviewer_designation", std::to_string(id), "unit " + std::to_string(unit_id) + " user " + std::to_string(user_id)});
  tx.commit();
  return id;
}

std::vector<Designation> Service::designations(const authz::Actor& actor, const std::string& status) {
  const auto scopes = authz::Authorizer::scopes(actor, Action::reviewer_approve);
  if (scopes.empty()) throw forbidden();
  auto tx = db_.read();
  return list_designations(tx, scopes, status);
}

Designation Service::load_designation(db::Tx& tx, std::int64_t id) {
  auto d = find_designation(tx, id);
  if (!d) throw not_found("审核人指定申请", "The designation");
  return *d;
}

Designation Service::approve_designation(const authz::Actor& actor, std::int64_t id) {
  Designation d;
  {
    auto tx = db_.read();
    d = load_designation(tx, id);
  }
  const std::string role = authz_.require_path(actor, Action::reviewer_approve, d.unit_path);
  auto tx = db_.write();
  d = load_designation(tx, id);
  if (d.status != "pending") throw wrong_state("该指定已处理。", "This designation has already been decided.");
  const auto previous = accounts::remove_unit_reviewer(tx, d.unit_id);
  accounts::insert_role(tx, d.user_id, "unit_reviewer", d.unit_id);
  decide_designation(tx, id, "approved", actor.user_id, std::nullopt);
  std::string summary = "unit " + std::to_string(d.unit_id) + " reviewer user " + std::to_string(d.user_id);
  if (previous) summary += " replaces user " + std::to_string(*previous);
  audit::append(tx, audit::origin_of(actor, role), {"reviewer.approve", "reviewer_designation", std::to_string(id), summary});
  messages::post_to_role(tx, "unit_admin", d.unit_id, "reviewer_approved", "审核人指定已核准。", "The reviewer designation is approved.", "", std::nullopt);
  messages::post(tx, d.user_id, "reviewer_approved", "您已被核准为本单位职称申报审核人。", "You are approved as the unit's reviewer.", "", std::nullopt);
  d = load_designation(tx, id);
  tx.commit();
  accounts_.forget_user(d.user_id);
  if (previous) accounts_.forget_user(*previous);
  return d;
}

Designation Service::reject_designation(const authz::Actor& actor, std::int64_t id, const std::string& reason) {
  Designation d;
  {
    auto tx = db_.read();
    d = load_designation(tx, id);
  }
  const std::string role = authz_.require_path(actor, Action::reviewer_approve, d.unit_path);
  if (reason.empty())
    throw unprocessable("invalid_fields", "请填写不予核准的理由。", "Give the reason for not approving.",
                        {{"required", "reason", "请填写理由。", "Give the reason."}});
  auto tx = db_.write();
  d = load_designation(tx, id);
  if (d.status != "pending") throw wrong_state("该指定已处理。", "This designation has already been decided.");
  decide_designation(tx, id, "rejected", actor.user_id, reason);
  audit::append(tx, audit::origin_of(actor, role), {"reviewer.reject", "reviewer_designation", std::to_string(id), reason});
  messages::post_to_role(tx, "unit_admin", d.unit_id, "reviewer_rejected", "审核人指定未获核准：" + reason,
                         "The reviewer designation was refused: " + reason, reason, std::nullopt);
  d = load_designation(tx, id);
  tx.commit();
  return d;
}

Org Service::insert_unchecked(db::Tx& tx, Org org) {
  insert(tx, org);
  return org;
}

}  // namespace zp::org
