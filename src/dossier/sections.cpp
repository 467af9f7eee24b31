#include "dossier/sections.hpp"

#include <boost/json.hpp>

#include "core/text.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

namespace zp::dossier {

namespace json = boost::json;

namespace {

std::optional<std::chrono::year_month_day> date_of(const json::value* v) {
  if (!v || !v->is_string()) return std::nullopt;
  const std::string s(v->as_string());
  int y = 0, m = 0, d = 0, n = 0;
  if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)}, std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

// Checks the fields of one object against a small schema, collecting problems under `prefix`.
class Checker {
 public:
  Checker(const json::object& o, std::string prefix, std::vector<ErrorDetail>& problems) : o_(o), prefix_(std::move(prefix)), problems_(problems) {}
  void text(const char* key, bool required = false, std::size_t max = 500) {
    const auto* v = o_.if_contains(key);
    if (!v || v->is_null() || (v->is_string() && v->as_string().empty())) {
      if (required) bad(key, "required", "必填。", "Required.");
      return;
    }
    if (!v->is_string()) return bad(key, "wrong_type", "应为文字。", "Must be text.");
    if (zp::text::chars(v->as_string()) > max)
      bad(key, "too_long", "不能超过 " + std::to_string(max) + " 个字。", "Must be at most " + std::to_string(max) + " characters.");
  }
  void boolean(const char* key) {
    const auto* v = o_.if_contains(key);
    if (v && !v->is_null() && !v->is_bool()) bad(key, "wrong_type", "应为是或否。", "Must be true or false.");
  }
  void integer(const char* key, std::int64_t min, std::int64_t max, bool required = false) {
    const auto* v = o_.if_contains(key);
    if (!v || v->is_null()) {
      if (required) bad(key, "required", "必填。", "Required.");
      return;
    }
    if (!v->is_int64() || v->as_int64() < min || v->as_int64() > max)
      bad(key, "out_of_range", "应为 " + std::to_string(min) + " 至 " + std::to_string(max) + " 的整数。",
          "Must be an integer from " + std::to_string(min) + " to " + std::to_string(max) + ".");
  }
  void date(const char* key, bool required = false) {
    const auto* v = o_.if_contains(key);
    if (!v || v->is_null()) {
      if (required) bad(key, "required", "必填。", "Required.");
      return;
    }
    if (!date_of(v)) bad(key, "date_format", "日期格式应为 YYYY-MM-DD。", "Dates are YYYY-MM-DD.");
  }
  void one_of(const char* key, const std::vector<std::string_view>& allowed, bool required = false) {
    const auto* v = o_.if_contains(key);
    if (!v || v->is_null()) {
      if (required) bad(key, "required", "必填。", "Required.");
      return;
    }
    if (!v->is_string() || std::find(allowed.begin(), allowed.end(), std::string_view(v->as_string())) == allowed.end())
      bad(key, "not_allowed", "取值不在可选范围内。", "Not one of the allowed values.");
  }
  void bad(const char* key, const char* code, const std::string& zh, const std::string& en) {
    problems_.push_back({code, prefix_ + key, prefix_ + key + "：" + zh, prefix_ + key + ": " + en});
  }

 private:
  const json::object& o_;
  std::string prefix_;
  std::vector<ErrorDetail>& problems_;
};

// Calls `each(object, prefix)` for every element of the array field `key` (an array of objects).
template <class F>
void for_each_entry(const json::object& o, const char* key, std::vector<ErrorDetail>& problems, F each) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return;
  if (!v->is_array()) {
    problems.push_back({"wrong_type", key, std::string(key) + " 应为列表。", std::string(key) + " must be a list."});
    return;
  }
  std::size_t i = 0;
  for (const auto& e : v->as_array()) {
    const std::string prefix = std::string(key) + "[" + std::to_string(i++) + "].";
    if (!e.is_object()) {
      problems.push_back({"wrong_type", prefix, prefix + " 应为对象。", prefix + " must be an object."});
      continue;
    }
    each(e.as_object(), prefix);
  }
}

std::vector<std::string_view> views(const auto& arr) { return {arr.begin(), arr.end()}; }

void check_basic(const json::object& o, std::vector<ErrorDetail>& p) {
  Checker c(o, "", p);
  c.text("former_names", false, 200);
  c.text("current_post", false, 200);
  for (const char* k : {"non_established", "freelancer", "civil_servant", "civil_service_transition", "under_sanction",
                        "under_investigation", "retirement_extension", "insured_elsewhere_last_6_months"})
    c.boolean(k);
  c.integer("social_insurance_months", 0, 600);
  c.one_of("retirement_group", {"male", "female_55", "female_50"});
  c.date("appointed_on");
  if (const auto* t = o.if_contains("current_title"); t && !t->is_null()) {
    if (!t->is_object()) return c.bad("current_title", "wrong_type", "应为对象。", "Must be an object.");
    Checker tc(t->as_object(), "current_title.", p);
    tc.text("name", false, 100);
    tc.one_of("level", views(catalog::kLevels));
    tc.date("obtained_on");
    tc.text("certificate_no", false, 100);
  }
}

void check_education(const json::object& o, std::vector<ErrorDetail>& p) {
  static const std::vector<std::string_view> kinds = {"regular", "foreign", "hmt", "party_school", "military", "technical"};
  for_each_entry(o, "entries", p, [&](const json::object& e, const std::string& prefix) {
    Checker c(e, prefix, p);
    c.one_of("level", views(catalog::kEducation), true);
    c.text("school", true, 200);
    c.text("major", false, 200);
    c.date("graduated_on", true);
    c.one_of("kind", kinds, true);
    const auto* kind = e.if_contains("kind");
    const std::string k = kind && kind->is_string() ? std::string(kind->as_string()) : "";
    // 学信网 verification code: 12 characters for degrees in the national system; certificates for the others.
    if (k == "regular") {
      const auto* code = e.if_contains("chsi_code");
      const bool ok = code && code->is_string() && code->as_string().size() == 12 &&
                      std::all_of(code->as_string().begin(), code->as_string().end(), [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)); });
      if (!ok) c.bad("chsi_code", "chsi_code", "学信网在线验证码应为12位字母或数字。", "The CHSI verification code has 12 letters or digits.");
    } else if (k == "foreign" || k == "hmt") {
      c.text("certification_no", true, 100);  // 教育部留学服务中心认证书编号
    }
  });
}

void check_work(const json::object& o, std::vector<ErrorDetail>& p) {
  struct Span {
    std::chrono::sys_days from, to;
    std::string prefix;
  };
  std::vector<Span> spans;
  for_each_entry(o, "entries", p, [&](const json::object& e, const std::string& prefix) {
    Checker c(e, prefix, p);
    c.date("from", true);
    c.date("to");
    c.text("unit", true, 200);
    c.text("post", false, 200);
    c.boolean("professional");
    const auto from = date_of(e.if_contains("from"));
    const auto to = date_of(e.if_contains("to"));
    if (from && to && *to < *from) c.bad("to", "period_order", "结束日期早于开始日期。", "The period ends before it starts.");
    if (from) spans.push_back({std::chrono::sys_days{*from}, to ? std::chrono::sys_days{*to} : std::chrono::sys_days::max(), prefix});
  });
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.from < b.from; });
  for (std::size_t i = 1; i < spans.size(); ++i)
    if (spans[i].from <= spans[i - 1].to)
      p.push_back({"period_overlap", spans[i].prefix + "from", "工作经历时间段不能重叠。", "Work periods must not overlap."});
}

void check_ce(const json::object& o, std::vector<ErrorDetail>& p) {
  std::set<std::int64_t> years;
  for_each_entry(o, "years", p, [&](const json::object& e, const std::string& prefix) {
    Checker c(e, prefix, p);
    c.integer("year", 1980, 2100, true);
    c.integer("public_hours", 0, 2000);
    c.integer("professional_hours", 0, 2000);
    c.text("certificate", false, 200);
    if (const auto* y = e.if_contains("year"); y && y->is_int64() && !years.insert(y->as_int64()).second)
      c.bad("year", "duplicate_year", "同一年度只能填写一行。", "One row per year.");
  });
}

void check_achievements(const json::object& o, std::vector<ErrorDetail>& p) {
  for_each_entry(o, "papers", p, [&](const json::object& e, const std::string& prefix) {
    Checker c(e, prefix, p);
    c.text("title", true, 500);
    c.text("journal", true, 200);
    c.text("issn", false, 20);
    c.text("cn", false, 20);
    c.date("published_on", true);
    c.integer("author_rank", 1, 100, true);
  });
  for_each_entry(o, "books", p, [&](const json::object& e, const std::string& prefix) {
    Checker c(e, prefix, p);
    c.text("title", true, 500);
    c.text("isbn", true, 20);
    c.text("publisher", false, 200);
    c.date("published_on", true);
    c.integer("words_thousands", 0, 100000);
    c.text("role", false, 100);
  });
  for_each_entry(o, "projects", p, [&](const json::object& e, const std::string& prefix) {
    Checker c(e, prefix, p);
    c.text("name", true, 500);
    c.text("role", false, 100);
    c.integer("rank", 1, 100);
    c.date("from", true);
    c.date("to");
    c.boolean("accepted");
  });
  for_each_entry(o, "awards", p, [&](const json::object& e, const std::string& prefix) {
    Checker c(e, prefix, p);
    c.text("name", true, 500);
    c.text("grade", false, 100);
    c.integer("rank", 1, 100);
    c.date("awarded_on", true);
  });
  for_each_entry(o, "other", p, [&](const json::object& e, const std::string& prefix) {
    Checker c(e, prefix, p);
    c.text("description", true, 2000);
  });
}

void check_route(const json::object& o, std::vector<ErrorDetail>& p) {
  Checker c(o, "", p);
  c.text("justification", false, 5000);
  c.text("previous_title", false, 200);  // transfer / recognition: the title held elsewhere
  c.text("previous_issuer", false, 200);
}

json::object parse_object(const std::string& text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_object()) return {};
  return std::move(v.as_object());
}

bool flag(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_bool() && v->as_bool();
}

std::string normalise_title(std::string_view title) {
  std::string out;
  for (unsigned char ch : title) {
    if (ch < 0x80) {
      if (std::isalnum(ch)) out += static_cast<char>(std::tolower(ch));
    } else {
      out += static_cast<char>(ch);  // CJK bytes kept as they are
    }
  }
  // Drop full-width punctuation: 《》，。：“”（） and the ideographic space.
  for (std::string_view p : {"《", "》", "，", "。", "：", "“", "”", "（", "）", "、", "　", "——"})
    for (auto pos = out.find(p); pos != std::string::npos; pos = out.find(p)) out.erase(pos, p.size());
  return out;
}
}  // namespace

std::string validate_section(const std::string& section, const std::string& json_text, std::vector<ErrorDetail>& problems) {
  boost::system::error_code ec;
  json::value v = json::parse(json_text, ec);
  if (ec || !v.is_object())
    throw bad_request("malformed_json", "栏目内容应为 JSON 对象。", "A section's data must be a JSON object.");
  const auto& o = v.as_object();
  if (section == "basic") check_basic(o, problems);
  else if (section == "education") check_education(o, problems);
  else if (section == "work") check_work(o, problems);
  else if (section == "continuing_education") check_ce(o, problems);
  else if (section == "achievements") check_achievements(o, problems);
  else if (section == "route") check_route(o, problems);
  return json::serialize(v);
}

void fill_facts(const std::vector<Section>& sections, Facts& f) {
  for (const auto& s : sections) {
    const auto o = parse_object(s.data);
    if (s.section == "basic") {
      f.civil_servant = flag(o, "civil_servant");
      f.civil_service_transition = flag(o, "civil_service_transition");
      f.under_sanction = flag(o, "under_sanction");
      f.under_investigation = flag(o, "under_investigation");
      f.retirement_extension = flag(o, "retirement_extension");
      f.non_established = flag(o, "non_established");
      f.freelancer = flag(o, "freelancer");
      f.insured_elsewhere_last_6_months = flag(o, "insured_elsewhere_last_6_months");
      if (const auto* m = o.if_contains("social_insurance_months"); m && m->is_int64()) f.social_insurance_months = static_cast<int>(m->as_int64());
      if (const auto* g = o.if_contains("retirement_group"); g && g->is_string()) f.retirement_group = std::string(g->as_string());
      if (const auto* t = o.if_contains("current_title"); t && t->is_object()) f.current_title_since = date_of(t->as_object().if_contains("obtained_on"));
    } else if (s.section == "education") {
      if (const auto* e = o.if_contains("entries"); e && e->is_array())
        for (const auto& x : e->as_array())
          if (x.is_object())
            if (const auto* l = x.as_object().if_contains("level"); l && l->is_string()) f.education.push_back({std::string(l->as_string())});
    } else if (s.section == "work") {
      if (const auto* e = o.if_contains("entries"); e && e->is_array())
        for (const auto& x : e->as_array()) {
          if (!x.is_object()) continue;
          const auto& w = x.as_object();
          const auto from = date_of(w.if_contains("from"));
          if (!from) continue;
          const auto* prof = w.if_contains("professional");
          f.work.push_back({*from, date_of(w.if_contains("to")), !(prof && prof->is_bool() && !prof->as_bool())});
        }
    } else if (s.section == "achievements") {
      for (const auto& [list, key] : {std::pair{"papers", "published_on"}, std::pair{"books", "published_on"},
                                      std::pair{"awards", "awarded_on"}, std::pair{"projects", "from"}})
        if (const auto* e = o.if_contains(list); e && e->is_array()) {
          int index = 0;
          for (const auto& x : e->as_array()) {
            ++index;
            if (!x.is_object()) continue;
            if (const auto on = date_of(x.as_object().if_contains(key))) f.achievements.push_back({list, index, *on});
          }
        }
    } else if (s.section == "continuing_education") {
      if (const auto* e = o.if_contains("years"); e && e->is_array())
        for (const auto& x : e->as_array()) {
          if (!x.is_object()) continue;
          const auto& y = x.as_object();
          auto num = [&](const char* k) {
            const auto* v = y.if_contains(k);
            return v && v->is_int64() ? static_cast<int>(v->as_int64()) : 0;
          };
          if (num("year") > 0) f.continuing_education.push_back({num("year"), num("public_hours"), num("professional_hours")});
        }
    }
  }
}

std::vector<std::string> chsi_codes(const std::string& education_json) {
  std::vector<std::string> out;
  const auto o = parse_object(education_json);
  if (const auto* e = o.if_contains("entries"); e && e->is_array())
    for (const auto& x : e->as_array())
      if (x.is_object())
        if (const auto* c = x.as_object().if_contains("chsi_code"); c && c->is_string() && !c->as_string().empty()) {
          std::string code(c->as_string());
          for (auto& ch : code) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
          out.push_back(code);
        }
  return out;
}

std::vector<std::string> paper_titles(const std::string& achievements_json) {
  std::vector<std::string> out;
  const auto o = parse_object(achievements_json);
  if (const auto* e = o.if_contains("papers"); e && e->is_array())
    for (const auto& x : e->as_array())
      if (x.is_object())
        if (const auto* t = x.as_object().if_contains("title"); t && t->is_string()) {
          auto n = normalise_title(std::string_view(t->as_string()));
          if (!n.empty()) out.push_back(n);
        }
  return out;
}

}  // namespace zp::dossier
