#include "dossier/service.hpp"

#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>
#include <system_error>

#include "accounts/store.hpp"
#include "accounts/validation.hpp"
#include "audit/origin.hpp"
#include "audit/store.hpp"
#include "authz/authz.hpp"
#include "campaign/service.hpp"
#include "campaign/store.hpp"
#include "catalog/store.hpp"
#include "core/resident_id.hpp"
#include "core/time.hpp"
#include "core/workcal.hpp"
#include "dossier/sections.hpp"
#include "dossier/store.hpp"
#include "messages/store.hpp"
#include "org/store.hpp"
#include "review/office_store.hpp"
#include "review/store.hpp"
#include "review/transitions.hpp"
#include "storage/blob_store.hpp"
#include "storage/filetype.hpp"

namespace zp::dossier {

namespace {
using authz::Action;

AppError stale(const std::string& what_zh, const std::string& what_en, std::map<std::string, std::string> facts) {
  return conflict("stale_write", what_zh + "已在其他页面或设备上修改，请查看最新内容后再保存。",
                  what_en + " was changed elsewhere (another tab or device); review the latest content and save again.",
                  {{"stale_write", "", "当前内容已更新。", "The content has changed.", std::move(facts)}});
}

AppError wrong_state(const std::string& zh, const std::string& en) { return conflict("wrong_state", zh, en); }

std::string scope_path(db::Tx& tx, const Dossier& d, const campaign::Campaign& c) {
  if (d.unit_id)
    if (auto u = org::find(tx, *d.unit_id)) return u->path;
  if (auto o = org::find(tx, c.office_org_id)) return o->path;
  return "/";
}

campaign::Campaign load_campaign(db::Tx& tx, std::int64_t id) {
  auto c = campaign::find(tx, id);
  if (!c) throw not_found("评审工作", "The campaign");
  return *c;
}

std::string default_section(const std::string& section) {
  if (section == "education" || section == "work") return R"({"entries":[]})";
  if (section == "continuing_education") return R"({"years":[]})";
  if (section == "achievements") return R"({"papers":[],"books":[],"projects":[],"awards":[],"other":[]})";
  return "{}";
}

std::string safe_file_name(std::string name) {
  // Keep the name for display only; strip path parts and control characters.
  if (const auto slash = name.find_last_of("/\\"); slash != std::string::npos) name = name.substr(slash + 1);
  std::erase_if(name, [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == '"'; });
  if (name.size() > 200) {
    std::size_t cut = name.size() - 200;
    while (cut < name.size() && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) ++cut;  // not inside a UTF-8 character
    name = name.substr(cut);
  }
  return name.empty() ? "file" : name;
}
}  // namespace

struct Service::Loaded {
  Dossier dossier;
  campaign::Campaign campaign;
  std::string role;
};

Service::Service(db::Database& db, const authz::Authorizer& authz, storage::BlobStore& blobs) : db_(db), authz_(authz), blobs_(blobs) {}

Service::Loaded Service::load_for(const authz::Actor& actor, std::int64_t id, int action) {
  auto tx = db_.read();
  return load_for(tx, actor, id, action);
}

Service::Loaded Service::load_for(db::Tx& tx, const authz::Actor& actor, std::int64_t id, int action) {
  auto d = find_dossier(tx, id);
  if (!d) throw not_found("申报材料", "The dossier");
  auto c = load_campaign(tx, d->campaign_id);
  const auto role = authz::Authorizer::require_dossier(actor, static_cast<Action>(action), d->user_id, scope_path(tx, *d, c));
  return {*d, c, role};
}

void Service::require_editable(const Dossier& d, db::Tx& tx, std::int64_t now, std::string_view kind, const std::string& target,
                               const campaign::Campaign* known) {
  const auto campaign_of = [&] { return known ? *known : load_campaign(tx, d.campaign_id); };
  if (d.state == "returned_to_applicant" || d.state == "returned_once") {
    // A unit return is fixed within the unit stage's window, the office's one-time notice within the office's.
    campaign::Service::require_open(campaign_of(), d.state == "returned_once" ? "office_review" : "unit_review", now);
    for (const auto& m : review::marks_of(tx, d.id, review::review_round(tx, d.id)))
      if (m.status == "problem" && m.target_kind == kind && m.target == target) return;
    throw conflict("not_returned", "只能修改退回意见中指出的栏目或材料，其余内容已审核。",
                   "Only the sections and items named in the return may change; the rest has been reviewed.");
  }
  if (d.state == "office_publicity" && kind == "item") {
    // Seed 002 §三1: during the initial-review publicity, those who did not pass may upload supplements once.
    const auto r = review::review_record(tx, d.id);
    if (r.initial_result.value_or("") == "not_passed" && !r.supplement_at && d.publicity_ends_at && now < *d.publicity_ends_at) return;
  }
  if (d.state != "draft")
    throw wrong_state("申报材料已提交，不能修改；如需修改请在单位审核前撤回。",
                      "The dossier is submitted and cannot change; withdraw it before unit review to edit.");
  campaign::Service::require_open(campaign_of(), "application", now);
}

Dossier Service::create(const authz::Actor& actor, const NewDossier& in) {
  if (std::none_of(actor.roles.begin(), actor.roles.end(), [](const authz::RoleGrant& g) { return g.role == "applicant"; }))
    throw forbidden("只有申报人可以创建申报材料。", "Only applicants create dossiers.");
  const auto now = timeutil::now_ms();
  return db::run_write<Dossier>(db_, [&](db::Tx& tx) {
    const auto c = load_campaign(tx, in.campaign_id);
    campaign::Service::require_open(c, "application", now);
    std::vector<ErrorDetail> problems;
    if (std::find(c.series_ids.begin(), c.series_ids.end(), in.series_id) == c.series_ids.end())
      problems.push_back({"series_not_in_campaign", "series_id", "本年度评审不含该系列。", "The campaign does not include this series."});
    const auto series = catalog::find_series(tx, in.series_id);
    const int li = catalog::level_index(in.level);
    if (!series || li < 0 || !series->level_names[li])
      problems.push_back({"level_not_in_series", "level", "请选择该系列的级别。", "Choose one of the series' levels."});
    if (in.specialty_id) {
      const auto specs = catalog::specialties_of(tx, in.series_id);
      if (std::none_of(specs.begin(), specs.end(), [&](const catalog::Specialty& s) { return s.id == *in.specialty_id; }))
        problems.push_back({"specialty", "specialty_id", "该专业不属于所选系列。", "The specialty is not in the series."});
    }
    if (in.committee_org_id &&
        std::none_of(c.committees.begin(), c.committees.end(), [&](const campaign::CommitteeLink& l) {
          return l.committee_org_id == *in.committee_org_id && l.series_id == in.series_id &&
                 (l.levels.empty() || ("," + l.levels + ",").find("," + in.level + ",") != std::string::npos);
        }))
      problems.push_back({"committee", "committee_org_id", "所选评委会不评审该系列或级别。", "The committee does not review this series or level."});
    if (!is_route(in.route)) problems.push_back({"route", "route", "申报途径无效。", "The route is not valid."});
    accounts::throw_if_any(problems);
    for (const auto& other : dossiers_of_user(tx, actor.user_id))
      if (other.campaign_id == in.campaign_id && other.level == in.level && other.state != "withdrawn" && other.state != "void")
        throw conflict("dossier_exists", "本年度该级别已有申报材料，请继续编辑原材料。", "You already have a dossier for this level this year; continue that one.",
                       {{"dossier_exists", "", "已有申报材料。", "A dossier exists.", {{"dossier_id", std::to_string(other.id)}}}});
    Dossier d;
    d.user_id = actor.user_id;
    d.campaign_id = c.id;
    d.year = c.year;
    d.series_id = in.series_id;
    d.specialty_id = in.specialty_id;
    d.committee_org_id = in.committee_org_id;
    d.level = in.level;
    d.route = in.route;
    d.route_approval = in.route == "exceptional" || in.route == "no_prior_title" ? "pending" : "none";
    d.unit_id = actor.unit_id;
    d.id = insert_dossier(tx, d);
    // The applicant's records are reusable: start from the newest earlier dossier's sections.
    std::vector<Section> previous;
    for (const auto& other : dossiers_of_user(tx, actor.user_id))
      if (other.id != d.id) {
        previous = sections_of(tx, other.id);
        break;
      }
    for (auto s : kSections) {
      const std::string name(s);
      const auto it = std::find_if(previous.begin(), previous.end(), [&](const Section& p) { return p.section == name; });
      insert_section(tx, d.id, name, it != previous.end() && name != "route" ? it->data : default_section(name));
      if (it != previous.end() && name == "education") replace_signals(tx, d.id, d.user_id, "chsi_code", chsi_codes(it->data));
      if (it != previous.end() && name == "achievements") replace_signals(tx, d.id, d.user_id, "paper_title", paper_titles(it->data));
    }
    insert_history(tx, d.id, {0, "", "draft", "applicant", "created", actor.user_id, d.unit_id, 0}, actor.ip);
    audit::append(tx, audit::origin_of(actor, "applicant"), {"dossier.create", "dossier", std::to_string(d.id), in.level + " campaign " + std::to_string(c.id)});
    auto saved = find_dossier(tx, d.id);
    tx.commit();
    return *saved;
  });
}

std::vector<Dossier> Service::mine(const authz::Actor& actor) {
  auto tx = db_.read();
  return dossiers_of_user(tx, actor.user_id);
}

View Service::get(const authz::Actor& actor, std::int64_t id) {
  auto tx = db_.read();
  const auto l = load_for(tx, actor, id, static_cast<int>(Action::dossier_read));
  View v{l.dossier, sections_of(tx, id), attachments_of(tx, id), history_of(tx, id)};
  if (auto u = accounts::find_user(tx, l.dossier.user_id)) v.applicant_name = u->real_name;
  if (l.dossier.unit_id)
    if (auto o = org::find(tx, *l.dossier.unit_id)) v.unit_name = o->name;
  if (auto s = catalog::find_series(tx, l.dossier.series_id)) {
    v.series_name = s->name;
    const int li = catalog::level_index(l.dossier.level);
    v.level_name = li >= 0 && s->level_names[li] ? *s->level_names[li] : l.dossier.level;
  }
  return v;
}

Dossier Service::update_choices(const authz::Actor& actor, std::int64_t id, int version, const Choices& in) {
  load_for(actor, id, static_cast<int>(Action::dossier_edit));
  const auto now = timeutil::now_ms();
  return db::run_write<Dossier>(db_, [&](db::Tx& tx) {
    auto d = *find_dossier(tx, id);
    require_editable(d, tx, now, "choices", "");
    if (d.version != version)
      throw stale("申报选项", "The dossier's choices", {{"version", std::to_string(d.version)}});
    std::vector<ErrorDetail> problems;
    if (in.level) {
      const auto series = catalog::find_series(tx, d.series_id);
      const int li = catalog::level_index(*in.level);
      if (li < 0 || !series->level_names[li]) problems.push_back({"level_not_in_series", "level", "请选择该系列的级别。", "Choose one of the series' levels."});
      d.level = *in.level;
    }
    if (in.specialty_id) {
      const auto specs = catalog::specialties_of(tx, d.series_id);
      if (std::none_of(specs.begin(), specs.end(), [&](const catalog::Specialty& s) { return s.id == *in.specialty_id; }))
        problems.push_back({"specialty", "specialty_id", "该专业不属于所选系列。", "The specialty is not in the series."});
      d.specialty_id = in.specialty_id;
    }
    if (in.committee_org_id) {
      const auto c = load_campaign(tx, d.campaign_id);
      const std::string level = d.level;
      if (std::none_of(c.committees.begin(), c.committees.end(), [&](const campaign::CommitteeLink& l) {
            return l.committee_org_id == *in.committee_org_id && l.series_id == d.series_id &&
                   (l.levels.empty() || ("," + l.levels + ",").find("," + level + ",") != std::string::npos);
          }))
        problems.push_back({"committee", "committee_org_id", "所选评委会不评审该系列或级别。", "The committee does not review this series or level."});
      d.committee_org_id = in.committee_org_id;
    }
    if (in.level)
      for (const auto& other : dossiers_of_user(tx, d.user_id))
        if (other.id != d.id && other.campaign_id == d.campaign_id && other.level == *in.level && other.state != "withdrawn" && other.state != "void")
          throw conflict("dossier_exists", "本年度该级别已有申报材料。", "You already have a dossier for this level this year.",
                         {{"dossier_exists", "", "已有申报材料。", "A dossier exists.", {{"dossier_id", std::to_string(other.id)}}}});
    if (in.route) {
      if (!is_route(*in.route)) problems.push_back({"route", "route", "申报途径无效。", "The route is not valid."});
      if (*in.route != d.route) {
        d.route = *in.route;
        d.route_approval = d.route == "exceptional" || d.route == "no_prior_title" ? "pending" : "none";
        d.route_decided_by.reset();
        d.route_decided_at.reset();
        d.route_decision_reason.reset();
      }
    }
    accounts::throw_if_any(problems);
    if (!update_dossier(tx, d, version)) throw stale("申报选项", "The dossier's choices", {});
    audit::append(tx, audit::origin_of(actor, "applicant"), {"dossier.choices", "dossier", std::to_string(id), d.level + " " + d.route});
    auto saved = *find_dossier(tx, id);
    tx.commit();
    return saved;
  });
}

Section Service::save_section(const authz::Actor& actor, std::int64_t id, const std::string& section, int version, const std::string& data) {
  if (!is_section(section)) throw not_found("栏目", "The section");
  // The campaign read here serves the window check in the write transaction as well: the writer is shared by
  // every use case, so it does only what must be atomic.
  const auto loaded = load_for(actor, id, static_cast<int>(Action::dossier_edit));
  std::vector<ErrorDetail> problems;
  const std::string canonical = validate_section(section, data, problems);
  if (!problems.empty())
    throw unprocessable("invalid_fields", "栏目内容有误，请按提示逐项修改。", "Some entries are not valid; correct each as shown.", problems);
  const auto now = timeutil::now_ms();
  return db::run_write<Section>(db_, [&](db::Tx& tx) {
    const auto d = *find_dossier(tx, id);
    require_editable(d, tx, now, "section", section, &loaded.campaign);
    const auto written = write_section(tx, id, section, version, canonical);
    if (!written) {
      Section current;
      for (auto& s : sections_of(tx, id))
        if (s.section == section) current = s;
      throw stale("该栏目", "This section", {{"version", std::to_string(current.version)}, {"data", current.data}});
    }
    if (section == "education") replace_signals(tx, id, d.user_id, "chsi_code", chsi_codes(canonical));
    if (section == "achievements") replace_signals(tx, id, d.user_id, "paper_title", paper_titles(canonical));
    audit::append(tx, audit::origin_of(actor, "applicant"), {"dossier.section_save", "dossier", std::to_string(id), section + " v" + std::to_string(*written)});
    tx.commit();
    return Section{section, canonical, *written, now};
  });
}

namespace {
constexpr std::int64_t kKnownLimitMs = 60'000;
constexpr std::size_t kKnownLimitsKept = 100'000;  // bounds memory; a cleared entry is looked up again
}  // namespace

std::optional<std::size_t> Service::upload_limit(std::int64_t dossier_id, const std::string& item_code) {
  std::optional<std::size_t> limit;
  {
    auto tx = db_.read();
    const auto d = find_dossier(tx, dossier_id);
    if (!d) return std::nullopt;
    for (const auto& item : catalog::checklist_of(tx, d->series_id, d->level))
      if (item.code == item_code) limit = static_cast<std::size_t>(item.max_bytes);
  }
  if (limit) {
    std::lock_guard lock(known_limits_mu_);
    if (known_limits_.size() >= kKnownLimitsKept) known_limits_.clear();
    known_limits_[{dossier_id, item_code}] = {*limit, timeutil::now_ms()};
  }
  return limit;
}

std::optional<std::size_t> Service::known_upload_limit(std::int64_t dossier_id, const std::string& item_code) const {
  std::lock_guard lock(known_limits_mu_);
  const auto it = known_limits_.find({dossier_id, item_code});
  if (it == known_limits_.end() || timeutil::now_ms() - it->second.looked_up_ms > kKnownLimitMs) return std::nullopt;
  return it->second.bytes;
}

Attachment Service::upload(const authz::Actor& actor, std::int64_t id, const std::string& item_code, const std::string& file_name,
                           const storage::Incoming& file) {
  const auto now = timeutil::now_ms();
  std::optional<catalog::ChecklistItem> item;
  std::optional<campaign::Campaign> campaign;
  std::optional<storage::StoredBlob> stored;  // the same content already kept: nothing to write
  {
    auto tx = db_.read();
    const auto l = load_for(tx, actor, id, static_cast<int>(Action::dossier_edit));
    const auto& d = l.dossier;
    require_editable(d, tx, now, "item", item_code, &l.campaign);
    campaign = l.campaign;
    for (const auto& i : catalog::checklist_of(tx, d.series_id, d.level))
      if (i.code == item_code) item = i;
    if (!item) throw not_found("材料清单项", "The checklist item");
    // The limit was read when the upload began; the office may have lowered it while the body was arriving.
    if (file.size > item->max_bytes)
      throw too_large(static_cast<std::size_t>(item->max_bytes), "“" + item->name + "”的文件", "The file for " + item->code);
    // Refuse a full item before anything is stored (checked again in the write transaction).
    if (item_fill(tx, id, item_code).count >= item->max_count)
      throw conflict("checklist_count", "“" + item->name + "”最多上传" + std::to_string(item->max_count) + "份，请先删除不需要的文件。",
                     item->code + " takes at most " + std::to_string(item->max_count) + " files; delete one first.");
    stored = find_blob(tx, file.sha256);
  }
  // The type comes from the content: decode before anything is stored.
  const auto check = file.temp_path.empty() ? storage::check_bytes(file.bytes) : storage::check_file(file.temp_path);
  if (!check.ok())
    throw unprocessable("attachment_type", check.message, check.message_en, {{check.code, "file", check.message, check.message_en}});
  if (std::find(item->allowed_types.begin(), item->allowed_types.end(), check.type) == item->allowed_types.end()) {
    const std::string allowed = item->allowed_types.size() == 1 ? item->allowed_types[0] : "jpeg/pdf";
    throw unprocessable("attachment_type", "“" + item->name + "”只接受 " + allowed + " 文件，上传的是 " + check.type + "。",
                        item->code + " accepts " + allowed + " only; this file is " + check.type + ".",
                        {{"type_not_allowed", "file", "文件类型不符。", "Wrong file type.", {{"detected", check.type}, {"allowed", allowed}}}});
  }
  const auto blob = stored ? *stored : blobs_.put(file);
  return db::run_write<Attachment>(db_, [&](db::Tx& tx) {
    const auto d = *find_dossier(tx, id);
    require_editable(d, tx, now, "item", item_code, &*campaign);
    const auto fill = item_fill(tx, id, item_code);
    if (fill.count >= item->max_count)
      throw conflict("checklist_count", "“" + item->name + "”最多上传" + std::to_string(item->max_count) + "份，请先删除不需要的文件。",
                     item->code + " takes at most " + std::to_string(item->max_count) + " files; delete one first.");
    insert_blob(tx, blob, storage::content_type_of(check.type));
    Attachment a;
    a.dossier_id = id;
    a.item_code = item_code;
    a.sha256 = blob.sha256;
    a.file_name = safe_file_name(file_name);
    a.content_type = storage::content_type_of(check.type);
    a.size = blob.size;
    a.position = fill.last_position + 1;
    a.id = insert_attachment(tx, a);
    audit::append(tx, audit::origin_of(actor, "applicant"),
                  {"dossier.upload", "attachment", std::to_string(a.id), item_code + " " + blob.sha256.substr(0, 16) + " " + std::to_string(blob.size)});
    tx.commit();
    a.uploaded_at = now;
    return a;
  });
}

FileRef Service::attachment_file(const authz::Actor& actor, std::int64_t attachment_id) {
  std::optional<Attachment> a;
  std::optional<storage::StoredBlob> blob;  // read with the attachment, returned only after the access check
  {
    auto tx = db_.read();
    a = find_attachment(tx, attachment_id);
    if (a) blob = find_blob(tx, a->sha256);
  }
  if (!a) throw not_found("附件", "The attachment");
  load_for(actor, a->dossier_id, static_cast<int>(Action::dossier_read));
  const auto unreadable = [] {
    return AppError(503, "storage_unavailable", "文件暂时无法读取，请稍后重试。", "The file cannot be read right now; try again later.");
  };
  if (!blob) throw unreadable();
  try {
    return {blobs_.read(*blob), a->content_type, a->file_name, a->size};
  } catch (const std::system_error& e) {
    spdlog::error("attachment {}: {}", attachment_id, e.what());
    throw unreadable();
  }
}

void Service::delete_attachment(const authz::Actor& actor, std::int64_t attachment_id) {
  std::optional<Attachment> a;
  {
    auto tx = db_.read();
    a = find_attachment(tx, attachment_id);
  }
  if (!a) throw not_found("附件", "The attachment");
  load_for(actor, a->dossier_id, static_cast<int>(Action::dossier_edit));
  auto tx = db_.write();
  const auto d = *find_dossier(tx, a->dossier_id);
  require_editable(d, tx, timeutil::now_ms(), "item", a->item_code);
  dossier::delete_attachment(tx, attachment_id);
  audit::append(tx, audit::origin_of(actor, "applicant"), {"dossier.attachment_delete", "attachment", std::to_string(attachment_id), a->item_code});
  tx.commit();
}

std::vector<Attachment> Service::reorder(const authz::Actor& actor, std::int64_t id, const std::string& item_code,
                                         const std::vector<std::int64_t>& order) {
  load_for(actor, id, static_cast<int>(Action::dossier_edit));
  auto tx = db_.write();
  const auto d = *find_dossier(tx, id);
  require_editable(d, tx, timeutil::now_ms(), "item", item_code);
  std::set<std::int64_t> current;
  for (const auto& a : attachments_of(tx, id))
    if (a.item_code == item_code) current.insert(a.id);
  if (std::set<std::int64_t>(order.begin(), order.end()) != current || order.size() != current.size())
    throw unprocessable("invalid_fields", "排序须包含该材料项的全部附件，且每个只出现一次。",
                        "The order must list every attachment of the item exactly once.",
                        {{"order_mismatch", "ids", "附件列表与当前不一致，请刷新后重试。", "The list differs from the current attachments; reload and retry."}});
  for (std::size_t i = 0; i < order.size(); ++i) set_attachment_position(tx, order[i], static_cast<int>(i + 1));
  audit::append(tx, audit::origin_of(actor, "applicant"), {"dossier.reorder", "dossier", std::to_string(id), item_code});
  std::vector<Attachment> out;
  for (auto& a : attachments_of(tx, id))
    if (a.item_code == item_code) out.push_back(a);
  tx.commit();
  return out;
}

CheckResult Service::evaluate_locked(db::Tx& tx, const Dossier& d, const campaign::Campaign& c, std::int64_t now) {
  Facts f;
  f.tenure_cutoff = campaign::parse_date(c.tenure_cutoff).value_or(std::chrono::year_month_day{std::chrono::year{c.year}, std::chrono::December, std::chrono::day{31}});
  f.achievement_cutoff = campaign::parse_date(c.achievement_cutoff);
  f.campaign_year = c.year;
  f.ce_hours_per_year = c.ce_hours_per_year;
  f.ce_public_hours_per_year = c.ce_public_hours_per_year;
  try {
    campaign::Service::require_open(c, "application", now);
  } catch (const AppError& e) {
    f.window_open = false;
    f.window_message = e.message();
    f.window_message_en = e.message_en();
  }
  const auto user = accounts::find_user(tx, d.user_id);
  if (user && user->resident_id)
    if (auto rid = parse_resident_id(*user->resident_id)) {
      f.birth = std::chrono::year_month_day{std::chrono::year{rid->birth_year}, std::chrono::month{static_cast<unsigned>(rid->birth_month)},
                                            std::chrono::day{static_cast<unsigned>(rid->birth_day)}};
      f.sex = rid->sex;
    }
  if (d.unit_id)
    if (auto unit = org::find(tx, *d.unit_id)) {
      f.has_unit = true;
      f.unit_active = unit->status == "active";
      f.unit_type = unit->unit_type.value_or("");
    }
  f.integrity_records = active_integrity_records(tx, d.user_id, d.unit_id, c.tenure_cutoff, &f.integrity_until);
  f.other_application_same_level_year = other_application(tx, d.user_id, d.year, d.level, d.id);
  f.level = d.level;
  f.route = d.route;
  f.route_approved = d.route_approval == "approved";
  fill_facts(sections_of(tx, d.id), f);
  f.requirements = catalog::requirements_of(tx, d.series_id, d.level);
  f.checklist = catalog::checklist_of(tx, d.series_id, d.level);
  const auto attachments = attachments_of(tx, d.id);
  for (const auto& a : attachments) f.attachments.push_back({a.id, a.item_code, a.content_type == "application/pdf" ? "pdf" : "jpeg", a.size});
  CheckResult r;
  r.violations = evaluate(f);
  for (const auto& item : f.checklist) {
    ChecklistStatus s{item.code, item.name, item.section, item.required, 0, item.max_count, item.max_bytes, item.allowed_types, item.ordered};
    s.count = static_cast<int>(std::count_if(attachments.begin(), attachments.end(), [&](const Attachment& a) { return a.item_code == item.code; }));
    s.needed = item_needed(f, item);
    r.checklist.push_back(s);
  }
  return r;
}

CheckResult Service::check(const authz::Actor& actor, std::int64_t id) {
  auto tx = db_.read();
  const auto l = load_for(tx, actor, id, static_cast<int>(Action::dossier_read));
  return evaluate_locked(tx, l.dossier, l.campaign, timeutil::now_ms());
}

Dossier Service::submit(const authz::Actor& actor, std::int64_t id) {
  load_for(actor, id, static_cast<int>(Action::dossier_edit));
  const auto now = timeutil::now_ms();
  return db::run_write<Dossier>(db_, [&](db::Tx& tx) {
    auto d = *find_dossier(tx, id);
    const auto* transition = review::find(d.state, "submit");
    if (!transition) throw wrong_state("申报材料已提交。", "The dossier is already submitted.");
    const auto result = evaluate_locked(tx, d, load_campaign(tx, d.campaign_id), now);
    if (!result.violations.empty()) {
      std::vector<ErrorDetail> details;
      for (const auto& v : result.violations) details.push_back({v.code, "", v.rule + " " + v.action, v.rule_en + " " + v.action_en, v.facts});
      throw unprocessable("rule_violations", "申报材料不符合以下 " + std::to_string(details.size()) + " 项要求，请逐项处理后再提交。",
                          "The dossier does not meet " + std::to_string(details.size()) + " requirement(s); resolve each and submit again.", details);
    }
    const int version = d.version;
    d.state = std::string(transition->to);
    d.submitted_at = now;
    try {
      if (!update_dossier(tx, d, version)) throw stale("申报材料", "The dossier", {});
    } catch (const std::exception& e) {
      // Two submissions of the same level and year raced (perhaps on two servers): the unique index decides.
      if (!db::is_unique_violation(e)) throw;
      throw unprocessable("rule_violations", "同一年度同一级别只能申报一个职称。", "One application per level per year.",
                          {{"duplicate_level_year", "", "同一年度同一级别只能申报一个职称。", "One application per level per year."}});
    }
    insert_history(tx, id, {0, "draft", "submitted", "applicant", "", actor.user_id, d.unit_id, 0}, actor.ip);
    audit::append(tx, audit::origin_of(actor, "applicant"), {"dossier.submit", "dossier", std::to_string(id), d.level});
    if (d.unit_id)
      messages::post_to_role(tx, "unit_reviewer", *d.unit_id, "dossier_submitted", "有新的申报材料（编号" + std::to_string(id) + "）待审核。",
                             "A new dossier (" + std::to_string(id) + ") waits for your review.", "", id);
    auto saved = *find_dossier(tx, id);
    tx.commit();
    return saved;
  });
}

Dossier Service::withdraw(const authz::Actor& actor, std::int64_t id, const std::string& reason) {
  load_for(actor, id, static_cast<int>(Action::dossier_edit));
  const auto now = timeutil::now_ms();
  auto tx = db_.write();
  auto d = *find_dossier(tx, id);
  const auto* transition = review::find(d.state, "withdraw");
  if (!transition)
    throw wrong_state("只能在单位审核前撤回已提交的申报材料。", "Only a submitted dossier can be withdrawn, before unit review.");
  campaign::Service::require_open(load_campaign(tx, d.campaign_id), transition->phase, now);
  const int version = d.version;
  d.state = std::string(transition->to);
  if (!update_dossier(tx, d, version)) throw stale("申报材料", "The dossier", {});
  insert_history(tx, id, {0, "submitted", "withdrawn", "applicant", reason, actor.user_id, d.unit_id, 0}, actor.ip);
  audit::append(tx, audit::origin_of(actor, "applicant"), {"dossier.withdraw", "dossier", std::to_string(id), reason});
  auto saved = *find_dossier(tx, id);
  tx.commit();
  return saved;
}

std::vector<CrossSignal> Service::signals(const authz::Actor& actor, std::int64_t id) {
  load_for(actor, id, static_cast<int>(Action::dossier_signals));
  auto tx = db_.read();
  return cross_signals(tx, id);
}

Dossier Service::decide_route(const authz::Actor& actor, std::int64_t id, bool approved, const std::string& reason) {
  Dossier d;
  campaign::Campaign c;
  {
    auto tx = db_.read();
    auto found = find_dossier(tx, id);
    if (!found) throw not_found("申报材料", "The dossier");
    d = *found;
    c = load_campaign(tx, d.campaign_id);
  }
  const auto role = authz_.require(actor, Action::route_approve, c.office_org_id);
  if (d.route_approval != "pending")
    throw wrong_state("该申报不需要或已完成途径审批。", "This dossier's route needs no decision, or has one already.");
  if (!approved && reason.empty())
    throw unprocessable("invalid_fields", "不同意时请填写理由。", "Give the reason for refusing.",
                        {{"required", "reason", "请填写理由。", "Give the reason."}});
  auto tx = db_.write();
  d = *find_dossier(tx, id);
  const int version = d.version;
  d.route_approval = approved ? "approved" : "rejected";
  d.route_decided_by = actor.user_id;
  d.route_decided_at = timeutil::now_ms();
  d.route_decision_reason = reason;
  if (!update_dossier(tx, d, version)) throw stale("申报材料", "The dossier", {});
  audit::append(tx, audit::origin_of(actor, role), {"dossier.route_decision", "dossier", std::to_string(id), d.route + " " + d.route_approval + " " + reason});
  messages::post(tx, d.user_id, "route_decision",
                 approved ? "破格/无职称申报已获职改部门同意。" : "破格/无职称申报未获同意：" + reason,
                 approved ? "Your special route was approved by the office." : "Your special route was refused: " + reason, reason, id);
  auto saved = *find_dossier(tx, id);
  tx.commit();
  return saved;
}

namespace {
// The organisation path that decides who may manage a record of this subject: the unit, or the person's unit
// (people without a unit belong to the root).
std::string integrity_subject_path(db::Tx& tx, const std::string& subject, std::int64_t subject_id) {
  std::string path;
  if (subject == "unit") {
    const auto unit = org::find(tx, subject_id);
    if (!unit || unit->kind != "unit") throw not_found("单位", "The unit");
    path = unit->path;
  } else {
    const auto user = accounts::find_user(tx, subject_id);
    if (!user) throw not_found("人员", "The person");
    if (user->unit_id)
      if (auto u = org::find(tx, *user->unit_id)) path = u->path;
  }
  return path.empty() ? org::root_path(tx) : path;
}
}  // namespace

std::int64_t Service::add_integrity_record(const authz::Actor& actor, const std::string& subject, std::int64_t subject_id,
                                           const std::string& reason, const std::string& evidence, const std::string& starts_on,
                                           std::optional<int> years, std::optional<std::int64_t> campaign_id) {
  std::string path;
  {
    auto tx = db_.read();
    if (campaign_id && !years) {
      // The period follows the campaign's rule (3 or 5 years, seed 004 §六).
      const auto c = campaign::find(tx, *campaign_id);
      if (!c) throw not_found("评审工作", "The campaign");
      years = c->integrity_years;
    }
    path = integrity_subject_path(tx, subject, subject_id);
  }
  const auto role = authz_.require_path(actor, Action::integrity_manage, path);
  std::vector<ErrorDetail> problems;
  if (reason.empty()) problems.push_back({"required", "reason", "请填写记录事由。", "Give the reason."});
  if (!campaign::parse_date(starts_on)) problems.push_back({"date_format", "starts_on", "开始日期格式应为 YYYY-MM-DD。", "starts_on must be YYYY-MM-DD."});
  if (!years) years = 3;
  if (*years < 1 || *years > 10) problems.push_back({"years", "years", "期限应为1至10年。", "The period must be 1 to 10 years."});
  accounts::throw_if_any(problems);
  auto tx = db_.write();
  const bool unit = subject == "unit";
  const auto id = insert_integrity_record(tx, unit ? "unit" : "person", unit ? std::nullopt : std::optional(subject_id),
                                          unit ? std::optional(subject_id) : std::nullopt, reason, evidence, starts_on, *years, actor.user_id);
  audit::append(tx, audit::origin_of(actor, role), {"integrity.create", unit ? "org" : "user", std::to_string(subject_id), reason});
  tx.commit();
  return id;
}

IntegrityRecord Service::end_integrity_record(const authz::Actor& actor, std::int64_t id, const std::string& reason,
                                              std::optional<std::string> ends_on) {
  auto tx = db_.write();
  const auto record = find_integrity_record(tx, id);
  if (!record) throw not_found("诚信记录", "The integrity record");
  const auto subject_id = record->unit_id ? *record->unit_id : record->user_id.value_or(0);
  const auto role = authz_.require_path(actor, Action::integrity_manage,
                                        integrity_subject_path(tx, record->unit_id ? "unit" : "person", subject_id));
  if (record->end_reason) throw conflict("already_ended", "该诚信记录已被提前终止。", "The record has already been ended.");
  const auto today = campaign::format_date(workcal::shanghai_date(timeutil::now_ms()));
  const auto end = ends_on.value_or(today);
  std::vector<ErrorDetail> problems;
  if (reason.empty()) problems.push_back({"required", "reason", "请填写提前终止的理由。", "Give the reason for ending the record."});
  if (!campaign::parse_date(end))
    problems.push_back({"date_format", "ends_on", "终止日期格式应为 YYYY-MM-DD。", "ends_on must be YYYY-MM-DD."});
  else if (end < record->starts_on || end >= record->ends_on)
    problems.push_back({"out_of_period", "ends_on", "终止日期应在记录开始日期（" + record->starts_on + "）与原到期日（" + record->ends_on + "）之间。",
                        "The end must fall between the record's start (" + record->starts_on + ") and its end (" + record->ends_on + ")."});
  accounts::throw_if_any(problems);
  if (!dossier::end_integrity_record(tx, id, end, reason, actor.user_id))
    throw conflict("already_ended", "该诚信记录已被提前终止。", "The record has already been ended.");
  audit::append(tx, audit::origin_of(actor, role),
                {"integrity.end", "integrity_record", std::to_string(id), "ends_on " + record->ends_on + " -> " + end + ": " + reason});
  auto updated = *find_integrity_record(tx, id);
  tx.commit();
  return updated;
}

std::vector<IntegrityRecord> Service::integrity_records(const authz::Actor& actor, int page, int page_size, std::int64_t* total) {
  const auto scopes = authz::Authorizer::scopes(actor, Action::integrity_manage);
  if (scopes.empty()) throw forbidden();
  auto tx = db_.read();
  return integrity_records_under(tx, scopes, org::root_path(tx), page, page_size, total);
}

}  // namespace zp::dossier
