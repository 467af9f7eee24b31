#include "delegation/service.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "accounts/validation.hpp"
#include "audit/origin.hpp"
#include "audit/store.hpp"
#include "authz/authz.hpp"
#include "campaign/service.hpp"
#include "campaign/store.hpp"
#include "catalog/model.hpp"
#include "catalog/store.hpp"
#include "core/error.hpp"
#include "core/time.hpp"
#include "core/workcal.hpp"
#include "delegation/letter.hpp"
#include "dossier/store.hpp"
#include "messages/store.hpp"
#include "org/store.hpp"

namespace zp::delegation {

namespace {
using authz::Action;

// Dossiers that have passed the office's initial review may be delegated, before or after the list is published.
bool delegable(std::string_view state) { return state == "accepted" || state == "office_publicity" || state == "sent_to_committee"; }

std::string level_name(db::Tx& tx, std::int64_t series_id, const std::string& level) {
  if (auto s = catalog::find_series(tx, series_id))
    for (std::size_t i = 0; i < catalog::kLevels.size(); ++i)
      if (catalog::kLevels[i] == level && s->level_names[i]) return *s->level_names[i];
  return level;
}

std::string current_title(const std::string& basic_json) {
  boost::system::error_code ec;
  const auto v = boost::json::parse(basic_json, ec);
  if (ec || !v.is_object()) return "";
  const auto* t = v.as_object().if_contains("current_title");
  if (!t || !t->is_object()) return "";
  const auto* name = t->as_object().if_contains("name");
  return name && name->is_string() ? std::string(name->as_string()) : "";
}

std::string self_reference(const std::string& office_kind) {
  if (office_kind == "county_office") return "我县";
  if (office_kind == "city_office") return "我市";
  if (office_kind == "unit") return "我单位";
  return "我办";
}
}  // namespace

DelegationView Service::view(db::Tx& tx, const Delegation& d) {
  DelegationView v;
  v.delegation = d;
  if (auto o = org::find(tx, d.from_office_id)) v.from_office_name = o->name;
  if (auto o = org::find(tx, d.to_committee_id)) v.to_committee_name = o->name;
  if (auto s = catalog::find_series(tx, d.series_id)) v.series_name = s->name;
  v.level_name = level_name(tx, d.series_id, d.level);
  v.dossiers = dossiers_of(tx, d.id);
  for (auto& x : v.dossiers) x.current_title = current_title(x.basic_json);
  return v;
}

DelegationView Service::create(const authz::Actor& actor, std::int64_t campaign_id, const NewDelegation& in) {
  std::vector<ErrorDetail> problems;
  if (std::find(catalog::kLevels.begin(), catalog::kLevels.end(), in.level) == catalog::kLevels.end())
    problems.push_back({"level", "level", "级别不存在。", "No such level."});
  if (in.reason != "no_committee" && in.reason != "no_specialty")
    problems.push_back({"reason", "reason", "委托原因应为 no_committee（尚未组建评委会）或 no_specialty（暂未设置评审专业）。",
                        "reason must be no_committee or no_specialty."});
  if (in.reason == "no_specialty" && in.specialty.empty())
    problems.push_back({"required", "specialty", "请填写暂未设置的评审专业。", "Name the specialty the local committee lacks."});
  accounts::check_phone(in.contact_phone, problems, "contact_phone");
  accounts::throw_if_any(problems);

  auto tx = db_.write();
  const auto c = campaign::find(tx, campaign_id);
  if (!c) throw not_found("评审工作", "The campaign");
  const auto office = org::find(tx, c->office_org_id);
  const auto role = authz_.require_path(actor, Action::office_review, office->path);
  const auto committee = org::find(tx, in.to_committee_id);
  if (!committee) throw not_found("评委会", "The committee");
  if (committee->kind != "committee")
    problems.push_back({"not_committee", "to_committee_id", "受委托方应为评委会。", "The receiving side must be a committee."});
  else if (committee->path.rfind(office->path, 0) == 0)
    problems.push_back({"same_jurisdiction", "to_committee_id", "该评委会属于本辖区，无需委托评审。",
                        "That committee is in your own jurisdiction; no delegation is needed."});
  std::optional<std::int64_t> series;
  std::vector<dossier::Dossier> dossiers;
  for (auto id : in.dossier_ids) {
    const auto field = "dossier_ids[" + std::to_string(id) + "]";
    const auto d = dossier::find_dossier(tx, id);
    if (!d || d->campaign_id != campaign_id) {
      problems.push_back({"not_found", field, "本次评审工作中没有编号为" + std::to_string(id) + "的申报材料。", "Dossier " + std::to_string(id) + " is not in this campaign."});
      continue;
    }
    if (!delegable(d->state))
      problems.push_back({"wrong_state", field, "申报材料" + std::to_string(id) + "尚未通过受理审核，不能委托评审。", "Dossier " + std::to_string(id) + " has not passed the office's review."});
    else if (d->level != in.level)
      problems.push_back({"level_mismatch", field, "申报材料" + std::to_string(id) + "的申报级别与委托级别不同。", "Dossier " + std::to_string(id) + " applies for another level."});
    else if (series && *series != d->series_id)
      problems.push_back({"series_mismatch", field, "一份委托函只委托同一系列的申报材料。", "One letter delegates dossiers of one series."});
    else if (is_delegated(tx, id))
      problems.push_back({"already_delegated", field, "申报材料" + std::to_string(id) + "已委托评审。", "Dossier " + std::to_string(id) + " is already delegated."});
    series = d->series_id;
    dossiers.push_back(*d);
  }
  accounts::throw_if_any(problems);

  Delegation g;
  g.campaign_id = campaign_id;
  g.from_office_id = office->id;
  g.to_committee_id = committee->id;
  g.series_id = *series;
  g.number = in.number;
  g.reason = in.reason;
  g.level = in.level;
  g.specialty = in.specialty;
  g.contact_name = in.contact_name;
  g.contact_phone = in.contact_phone;
  g.issued_on = campaign::format_date(workcal::shanghai_date(timeutil::now_ms()));
  g.id = insert_delegation(tx, g, actor.user_id);
  for (const auto& d : dossiers) {
    add_dossier(tx, g.id, d.id);
    set_committee(tx, d.id, committee->id);
    dossier::insert_history(tx, d.id, {0, d.state, d.state, role, "delegated to " + committee->name, actor.user_id, office->id, 0}, actor.ip);
    messages::post(tx, d.user_id, "delegated", "申报材料（编号" + std::to_string(d.id) + "）已委托" + committee->name + "评审。",
                   "Dossier " + std::to_string(d.id) + " is delegated to " + committee->name + ".", "", d.id);
  }
  messages::post_to_role(tx, "committee_admin", committee->id, "delegation_received",
                         office->name + "委托本评委会评审" + std::to_string(dossiers.size()) + "人，请查收委托函。",
                         office->name + " delegated " + std::to_string(dossiers.size()) + " dossier(s) to your committee.", "", std::nullopt);
  audit::append(tx, audit::origin_of(actor, role), {"delegation.create", "delegation", std::to_string(g.id),
                                                     std::to_string(dossiers.size()) + " dossiers to " + committee->name});
  auto out = view(tx, *find_delegation(tx, g.id));
  tx.commit();
  return out;
}

std::vector<DelegationView> Service::list(const authz::Actor& actor, std::int64_t campaign_id) {
  auto tx = db_.read();
  const auto c = campaign::find(tx, campaign_id);
  if (!c) throw not_found("评审工作", "The campaign");
  authz_.require(actor, Action::office_review, c->office_org_id);
  std::vector<DelegationView> out;
  for (const auto& d : delegations_of(tx, campaign_id)) out.push_back(view(tx, d));
  return out;
}

std::vector<DelegationView> Service::mine(const authz::Actor& actor, bool received) {
  const auto prefixes = authz::Authorizer::scopes(actor, received ? Action::delegation_receive : Action::office_review);
  if (prefixes.empty()) throw forbidden();
  auto tx = db_.read();
  std::vector<DelegationView> out;
  for (const auto& d : delegations_under(tx, received, prefixes)) out.push_back(view(tx, d));
  return out;
}

DelegationView Service::get(const authz::Actor& actor, std::int64_t id) {
  auto tx = db_.read();
  const auto d = find_delegation(tx, id);
  if (!d) throw not_found("委托评审", "The delegation");
  const auto from = org::find(tx, d->from_office_id);
  const auto to = org::find(tx, d->to_committee_id);
  if (!authz_.can(actor, Action::office_review, from->path)) authz_.require_path(actor, Action::delegation_receive, to->path);
  return view(tx, *d);
}

std::string Service::letter_pdf(const authz::Actor& actor, std::int64_t id) {
  Letter letter;
  {
    const auto v = get(actor, id);
    auto tx = db_.read();
    const auto& d = v.delegation;
    const auto from = org::find(tx, d.from_office_id);
    const auto series = catalog::find_series(tx, d.series_id);
    letter.number = d.number;
    letter.from_office = v.from_office_name;
    letter.sender_self_reference = self_reference(from->kind);
    letter.to_committee = v.to_committee_name;
    letter.series = series ? series->name : "";
    letter.specialty = d.specialty;
    letter.level = level_name(tx, d.series_id, d.level);
    letter.year = campaign::find(tx, d.campaign_id)->year;
    letter.reason = d.reason == "no_specialty" ? DelegationReason::no_specialty : DelegationReason::no_committee;
    letter.contact_name = d.contact_name;
    letter.contact_phone = d.contact_phone;
    letter.issued_on = d.issued_on;
    for (const auto& x : v.dossiers) letter.applicants.push_back({x.name, x.unit_name, x.current_title, letter.level});
  }
  // Rendered outside any transaction: fonts load on first use and must not hold the database.
  return render_letter_pdf(letter);
}

}  // namespace zp::delegation
