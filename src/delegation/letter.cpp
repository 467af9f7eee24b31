#include "delegation/letter.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <memory>
#include <string_view>

#include "campaign/service.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace zp::delegation {

namespace {

// Limits keep every table row shorter than a page, so the flow below always makes progress.
constexpr std::size_t kMaxApplicants = 500;
constexpr std::size_t kMaxShortText = 50;   // names, titles, numbers, phone
constexpr std::size_t kMaxLongText = 100;   // offices, committees, units

struct TextRule {
  std::string_view value;
  std::string field, label, label_en;
  std::size_t max_chars;
  bool required;
};

void check_text(std::vector<ErrorDetail>& problems, const TextRule& rule) {
  if (rule.value.empty()) {
    if (rule.required)
      problems.push_back({"required", rule.field, "请填写" + rule.label + "。", "Fill in the " + rule.label_en + "."});
    return;
  }
  if (!g_utf8_validate(rule.value.data(), static_cast<gssize>(rule.value.size()), nullptr)) {
    problems.push_back({"not_text", rule.field, rule.label + "含有无法识别的字符。",
                        "The " + rule.label_en + " contains bytes that are not UTF-8 text."});
  } else if (zp::text::chars(rule.value) > rule.max_chars) {
    const std::string max = std::to_string(rule.max_chars);
    problems.push_back({"too_long", rule.field, rule.label + "不能超过" + max + "个字。",
                        "The " + rule.label_en + " must be at most " + max + " characters."});
  }
}

std::vector<ErrorDetail> problems_of(const Letter& letter) {
  std::vector<ErrorDetail> problems;
  if (letter.applicants.empty())
    problems.push_back({"no_applicants", "applicants", "委托评审函至少应列出一名委托评审的申报人。",
                        "A delegation letter must list at least one applicant."});
  if (letter.applicants.size() > kMaxApplicants)
    problems.push_back({"too_many_applicants", "applicants",
                        "一份委托评审函最多列出" + std::to_string(kMaxApplicants) + "名申报人，请分函发送。",
                        "A delegation letter lists at most " + std::to_string(kMaxApplicants) +
                            " applicants; send several letters."});
  const bool specialty_needed = letter.reason == DelegationReason::no_specialty;
  const std::array<TextRule, 10> letter_rules{{
      {letter.number, "number", "函号", "letter number", kMaxShortText, false},
      {letter.from_office, "from_office", "委托方（发函单位）名称", "delegating office", kMaxLongText, true},
      {letter.sender_self_reference, "sender_self_reference", "发函单位自称（如我单位、我县）",
       "sender's self-reference (我单位, 我县, …)", 10, true},
      {letter.to_committee, "to_committee", "受委托的评审委员会名称", "entrusted committee", kMaxLongText, true},
      {letter.to_office, "to_office", "受函职改办名称", "addressed office", kMaxLongText, false},
      {letter.series, "series", "系列", "series", kMaxShortText, true},
      {letter.specialty, "specialty", "评审专业", "specialty", kMaxShortText, specialty_needed},
      {letter.level, "level", "申报职称（级别）", "level", kMaxLongText, true},
      {letter.contact_name, "contact_name", "联系人", "contact name", kMaxShortText, false},
      {letter.contact_phone, "contact_phone", "联系电话", "contact phone", kMaxShortText, false},
  }};
  for (const auto& rule : letter_rules) check_text(problems, rule);
  if (letter.year != 0 && (letter.year < 1990 || letter.year > 2100))
    problems.push_back({"invalid_year", "year", "年份应在1990至2100之间。", "The year must be from 1990 to 2100."});
  if (!campaign::parse_date(letter.issued_on))
    problems.push_back({"date_format", "issued_on", "成文日期格式应为 YYYY-MM-DD。", "issued_on must be YYYY-MM-DD."});
  for (std::size_t i = 0; i < letter.applicants.size() && i < kMaxApplicants; ++i) {
    const auto& a = letter.applicants[i];
    const std::string at = "applicants[" + std::to_string(i) + "].";
    const std::string who = "第" + std::to_string(i + 1) + "名申报人的", who_en = "applicant " + std::to_string(i + 1) + "'s ";
    const std::array<TextRule, 4> rules{{
        {a.name, at + "name", who + "姓名", who_en + "name", kMaxShortText, true},
        {a.unit, at + "unit", who + "工作单位", who_en + "unit", kMaxLongText, true},
        {a.current_title, at + "current_title", who + "现专业技术职务", who_en + "current title", kMaxShortText, false},
        {a.applied_title, at + "applied_title", who + "申报评审职称", who_en + "applied title", kMaxShortText, false},
    }};
    for (const auto& rule : rules) check_text(problems, rule);
  }
  return problems;
}

void require_valid(const Letter& letter) {
  auto problems = problems_of(letter);
  if (problems.empty()) return;
  // One problem is the whole message; several are listed in the details.
  std::string zh = "委托评审函有" + std::to_string(problems.size()) + "处需要修改。";
  std::string en = "The delegation letter has " + std::to_string(problems.size()) + " problems.";
  if (problems.size() == 1) {
    zh = problems.front().message;
    en = problems.front().message_en;
  }
  throw unprocessable("invalid_letter", std::move(zh), std::move(en), std::move(problems));
}

// "政工系列" and "政工" both read "政工" before the word 系列 is added back.
std::string series_name(const std::string& series) {
  constexpr std::string_view suffix = "系列";
  if (series.size() > suffix.size() && series.ends_with(suffix)) return series.substr(0, series.size() - suffix.size());
  return series;
}

std::string chinese_date(const std::string& iso) {
  const auto d = *campaign::parse_date(iso);
  return std::to_string(static_cast<int>(d.year())) + "年" + std::to_string(static_cast<unsigned>(d.month())) + "月" +
         std::to_string(static_cast<unsigned>(d.day())) + "日";
}

// 张三 / 张三等3名
std::string who_is_delegated(const Letter& letter) {
  const std::string& first = letter.applicants.front().name;
  if (letter.applicants.size() == 1) return first;
  return first + "等" + std::to_string(letter.applicants.size()) + "名";
}

std::string addressee(const Letter& letter) {
  return (letter.to_office.empty() ? letter.to_committee : letter.to_office) + "：";
}

// The template's one paragraph, with the blanks filled in.
std::string body_paragraph(const Letter& letter) {
  const std::string& self = letter.sender_self_reference;
  const std::string series = series_name(letter.series);
  const std::string work = letter.specialty.empty() ? series : letter.specialty;
  const std::string year = letter.year != 0 ? std::to_string(letter.year) + "年度" : "";
  const std::string list = letter.applicants.size() > 1 ? "（名单见下表）" : "";
  const std::string reason = letter.reason == DelegationReason::no_specialty
                                 ? "暂未设置" + letter.specialty + "评审专业"
                                 : "尚未组建" + series + "系列" + letter.level + "职称评委会";
  const std::string entrusted =
      letter.to_office.empty() ? "贵会" : "贵办推荐至" + letter.to_committee;
  return self + who_is_delegated(letter) + "同志" + list + "从事" + work + "专业技术工作，拟申报" + year + series +
         "系列" + letter.level + "职称评审，鉴于" + self + reason + "，现委托" + entrusted + "代为评审，并及时将评审结果函告" +
         self + "。";
}

std::string contact_note(const Letter& letter) {
  std::string parts;
  if (!letter.contact_name.empty()) parts = "联系人：" + letter.contact_name;
  if (!letter.contact_phone.empty()) parts += (parts.empty() ? "" : "，") + std::string("联系电话：") + letter.contact_phone;
  return parts.empty() ? "" : "（" + parts + "）";
}

// ---- Page geometry (PDF points), after GB/T 9704 (党政机关公文格式): A4, type area 156 × 225 mm,
// body in 3号 (16 pt) at 22 lines a page, title in 2号 (22 pt), page numbers 7 mm under the type area.
constexpr double kMm = 72.0 / 25.4;
constexpr double kPageWidth = 210 * kMm, kPageHeight = 297 * kMm;
constexpr double kLeft = 28 * kMm, kTop = 37 * kMm, kWidth = 156 * kMm, kBottom = kTop + 225 * kMm;
constexpr double kBodySize = 16, kLinePitch = 225 * kMm / 22;
constexpr double kTableSize = 12, kCellPadX = 4, kCellPadY = 4;
constexpr const char* kSerif = "Noto Serif CJK SC";
constexpr const char* kSans = "Noto Sans CJK SC";

struct GObjectUnref {
  void operator()(gpointer object) const { g_object_unref(object); }
};
struct FontDescriptionFree {
  void operator()(PangoFontDescription* font) const { pango_font_description_free(font); }
};
struct LayoutIterFree {
  void operator()(PangoLayoutIter* iter) const { pango_layout_iter_free(iter); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectUnref>;
using FontPtr = std::unique_ptr<PangoFontDescription, FontDescriptionFree>;

struct TextStyle {
  const char* family;
  double size;
  bool bold = false;
  PangoAlignment align = PANGO_ALIGN_LEFT;
  bool justify = false;
  double first_line_indent = 0;  // points
};

const TextStyle kTitle{kSans, 22, true, PANGO_ALIGN_CENTER};
const TextStyle kBodyLeft{kSerif, kBodySize};
const TextStyle kBodyRight{kSerif, kBodySize, false, PANGO_ALIGN_RIGHT};
const TextStyle kParagraph{kSerif, kBodySize, false, PANGO_ALIGN_LEFT, true, 2 * kBodySize};
const TextStyle kCaption{kSans, 14, true, PANGO_ALIGN_CENTER};
const TextStyle kHeaderCell{kSans, kTableSize, true, PANGO_ALIGN_CENTER};
const TextStyle kCenteredCell{kSerif, kTableSize, false, PANGO_ALIGN_CENTER};
const TextStyle kLeftCell{kSerif, kTableSize};
const TextStyle kPageNumber{kSerif, 14, false, PANGO_ALIGN_CENTER};

struct Column {
  const char* header;
  double width;
  const TextStyle* style;
};
// 序号 · 姓名 · 工作单位 · 现专业技术职务 · 申报评审职称; the unit takes what is left and wraps.
const std::array<Column, 5> kColumns{{
    {"序号", 34, &kCenteredCell},
    {"姓名", 64, &kCenteredCell},
    {"工作单位", kWidth - 34 - 64 - 96 - 96, &kLeftCell},
    {"现专业技术职务", 96, &kCenteredCell},
    {"申报评审职称", 96, &kCenteredCell},
}};

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Lays text out on pages top to bottom, starting a new page when the next piece does not fit.
class PageFlow {
 public:
  explicit PageFlow(cairo_t* cr) : cr_(cr), context_(pango_cairo_create_context(cr)) {
    pango_cairo_context_set_resolution(context_.get(), 72);  // one Pango point is one PDF point
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);  // exact advances, as printed
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(context_.get(), options);
    cairo_font_options_destroy(options);
    require_font(kSerif);
    require_font(kSans);
  }

  LayoutPtr layout(const std::string& text, const TextStyle& style, double width) const {
    LayoutPtr layout(pango_layout_new(context_.get()));
    FontPtr font(pango_font_description_from_string(style.family));
    pango_font_description_set_absolute_size(font.get(), style.size * PANGO_SCALE);
    pango_font_description_set_weight(font.get(), style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout.get(), font.get());
    pango_layout_set_width(layout.get(), pango_units_from_double(width));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout.get(), style.align);
    pango_layout_set_justify(layout.get(), style.justify);
    pango_layout_set_indent(layout.get(), pango_units_from_double(style.first_line_indent));
    // Plain text, never markup: names such as "研究院<分部>&所" print as they are.
    pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
    return layout;
  }

  static double height(PangoLayout* layout) {
    int width = 0, height = 0;
    pango_layout_get_size(layout, &width, &height);
    return pango_units_to_double(height);
  }
  static double width(PangoLayout* layout) {  // of the longest line, not the width the layout may fill
    PangoRectangle logical;
    pango_layout_get_extents(layout, nullptr, &logical);
    return pango_units_to_double(logical.width);
  }

  double y() const { return y_; }
  double room() const { return kBottom - y_; }
  void skip(double points) { y_ += points; }
  void keep(double points) {
    if (points > room() && y_ > kTop) next_page();
  }

  // Draws a whole layout at the cursor; the caller has kept room for it.
  void place(PangoLayout* layout, double x) {
    cairo_move_to(cr_, x, y_);
    pango_cairo_show_layout(cr_, layout);
    y_ += height(layout);
  }

  // Draws a paragraph line by line, so a long one continues on the next page.
  void flow(PangoLayout* layout, double x) {
    std::unique_ptr<PangoLayoutIter, LayoutIterFree> iter(pango_layout_get_iter(layout));
    double page_start = 0;  // layout y drawn at the top of the current page
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(iter.get(), nullptr, &logical);
      const double line_top = pango_units_to_double(logical.y);
      const double top_on_page = y_ + line_top - page_start;
      if (top_on_page + pango_units_to_double(logical.height) > kBottom && top_on_page > kTop) {
        next_page();
        page_start = line_top;
      }
      const double baseline = pango_units_to_double(pango_layout_iter_get_baseline(iter.get()));
      cairo_move_to(cr_, x + pango_units_to_double(logical.x), y_ + baseline - page_start);
      pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(iter.get()));
    } while (pango_layout_iter_next_line(iter.get()));
    y_ += height(layout) - page_start;
  }

  void stroke_box(double x, double y, double w, double h) {
    cairo_rectangle(cr_, x, y, w, h);
    cairo_stroke(cr_);
  }

  void next_page() {
    finish_page();
    cairo_show_page(cr_);
    y_ = kTop;
  }

  // "— 1 —" centred 7 mm under the type area.
  void finish_page() {
    ++page_;
    auto number = layout("— " + std::to_string(page_) + " —", kPageNumber, kWidth);
    cairo_move_to(cr_, kLeft, kBottom + 7 * kMm);
    pango_cairo_show_layout(cr_, number.get());
  }

 private:
  // Without the Noto CJK fonts Pango would fall back to whatever is installed, possibly printing boxes.
  void require_font(const char* family) const {
    FontPtr wanted(pango_font_description_from_string(family));
    pango_font_description_set_absolute_size(wanted.get(), kBodySize * PANGO_SCALE);
    std::unique_ptr<PangoFont, GObjectUnref> font(pango_context_load_font(context_.get(), wanted.get()));
    std::string found;
    if (font) {
      FontPtr described(pango_font_describe(font.get()));
      if (const char* name = pango_font_description_get_family(described.get())) found = name;
    }
    if (g_ascii_strcasecmp(found.c_str(), family) != 0)
      throw AppError(500, "font_missing",
                     std::string("服务器未安装字体") + family + "（fonts-noto-cjk），无法生成委托评审函。",
                     std::string("The font ") + family + " (fonts-noto-cjk) is not installed; the letter cannot be rendered.");
  }

  cairo_t* cr_;
  std::unique_ptr<PangoContext, GObjectUnref> context_;
  double y_ = kTop;
  int page_ = 0;
};

class LetterWriter {
 public:
  LetterWriter(const Letter& letter, cairo_t* cr)
      : letter_(letter), cr_(cr), flow_(cr),
        body_line_spacing_(static_cast<float>(kLinePitch / PageFlow::height(flow_.layout("中", kBodyLeft, kWidth).get()))) {}

  void write() {
    cairo_set_source_rgb(cr_, 0, 0, 0);
    cairo_set_line_width(cr_, 0.75);
    if (!letter_.number.empty()) {
      auto number = flow_.layout(letter_.number, kBodyRight, kWidth);
      flow_.place(number.get(), kLeft);
      flow_.skip(kLinePitch / 2);
    }
    auto title = flow_.layout(letter_title(letter_), kTitle, kWidth);
    flow_.place(title.get(), kLeft);
    flow_.skip(kLinePitch);
    paragraph(addressee(letter_), kBodyLeft);
    paragraph(body_paragraph(letter_), kParagraph);
    applicants_table();
    closing();
    flow_.finish_page();
  }

 private:
  LayoutPtr body_layout(const std::string& text, const TextStyle& style) const {
    auto layout = flow_.layout(text, style, kWidth);
    pango_layout_set_line_spacing(layout.get(), body_line_spacing_);
    return layout;
  }

  void paragraph(const std::string& text, const TextStyle& style) {
    auto layout = body_layout(text, style);
    flow_.flow(layout.get(), kLeft);
  }

  struct Row {
    std::array<LayoutPtr, kColumns.size()> cells;
    double height = 0;
  };

  Row make_row(const std::array<std::string, kColumns.size()>& texts, bool header) const {
    Row row;
    for (std::size_t c = 0; c < kColumns.size(); ++c) {
      row.cells[c] = flow_.layout(texts[c], header ? kHeaderCell : *kColumns[c].style, kColumns[c].width - 2 * kCellPadX);
      row.height = std::max(row.height, PageFlow::height(row.cells[c].get()) + 2 * kCellPadY);
    }
    return row;
  }

  // Cells are vertically centred; the borders of neighbouring cells share a line.
  void draw_row(const Row& row) {
    double x = kLeft;
    const double top = flow_.y();
    for (std::size_t c = 0; c < kColumns.size(); ++c) {
      PangoLayout* cell = row.cells[c].get();
      cairo_move_to(cr_, x + kCellPadX, top + (row.height - PageFlow::height(cell)) / 2);
      pango_cairo_show_layout(cr_, cell);
      flow_.stroke_box(x, top, kColumns[c].width, row.height);
      x += kColumns[c].width;
    }
    flow_.skip(row.height);
  }

  void applicants_table() {
    std::array<std::string, kColumns.size()> header_texts;
    for (std::size_t c = 0; c < kColumns.size(); ++c) header_texts[c] = kColumns[c].header;
    const Row header = make_row(header_texts, true);
    auto caption = flow_.layout("委托评审人员名单", kCaption, kWidth);
    const double caption_height = PageFlow::height(caption.get()) + kLinePitch / 4;

    for (std::size_t i = 0; i < letter_.applicants.size(); ++i) {
      const auto& a = letter_.applicants[i];
      const Row row = make_row({std::to_string(i + 1), a.name, a.unit, a.current_title.empty() ? "无" : a.current_title,
                                a.applied_title.empty() ? letter_.level : a.applied_title},
                               false);
      if (i == 0) {
        // The caption, the header and the first row stay together.
        flow_.skip(kLinePitch / 2);
        flow_.keep(caption_height + header.height + row.height);
        flow_.place(caption.get(), kLeft);
        flow_.skip(kLinePitch / 4);
        draw_row(header);
      } else if (row.height > flow_.room()) {
        flow_.next_page();
        draw_row(header);
      }
      draw_row(row);
    }
    flow_.skip(kLinePitch / 2);
  }

  // 请予大力支持为盼！, then the office and the date as on a sealed document (GB/T 9704 7.3.5.1: the date four
  // characters in from the right, the office centred over it), then the contact in brackets. Kept together.
  void closing() {
    auto request = body_layout("请予大力支持为盼！", kParagraph);
    auto office = body_layout(letter_.from_office, kBodyLeft);
    auto date = body_layout(chinese_date(letter_.issued_on), kBodyLeft);
    const std::string note_text = contact_note(letter_);
    auto note = body_layout(note_text, kParagraph);
    const double seal_room = kLinePitch;  // a 42 mm seal then covers office and date, its top within a line of the text
    const double note_height = note_text.empty() ? 0 : PageFlow::height(note.get());
    const double office_height = std::max(PageFlow::height(office.get()), kLinePitch);
    flow_.keep(PageFlow::height(request.get()) + seal_room + office_height + kLinePitch + note_height);

    flow_.place(request.get(), kLeft);
    flow_.skip(seal_room);
    const double right = kLeft + kWidth;
    const double date_width = PageFlow::width(date.get());
    const double office_width = std::min(PageFlow::width(office.get()), kWidth);
    const double date_x = right - 4 * kBodySize - date_width;
    const double office_x = std::clamp(date_x + (date_width - office_width) / 2, kLeft, right - office_width);
    place_line(office.get(), office_x);
    place_line(date.get(), date_x);
    if (!note_text.empty()) flow_.place(note.get(), kLeft);
  }

  // A signature line at x, one body pitch high (more when a long office name wraps).
  void place_line(PangoLayout* layout, double x) {
    cairo_move_to(cr_, x, flow_.y());
    pango_cairo_show_layout(cr_, layout);
    flow_.skip(std::max(PageFlow::height(layout), kLinePitch));
  }

  const Letter& letter_;
  cairo_t* cr_;
  PageFlow flow_;
  float body_line_spacing_;  // baseline distance over the font's own line height: 22 lines a page
};

}  // namespace

std::string letter_title(const Letter& letter) {
  const std::string who = letter.applicants.empty() ? "" : who_is_delegated(letter) + "同志";
  return "关于委托代评" + who + series_name(letter.series) + "系列" + letter.level + "职称的函";
}

std::string render_letter_pdf(const Letter& letter) {
  require_valid(letter);
  std::string pdf;
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_pdf_surface_create_for_stream(append_to_string, &pdf, kPageWidth, kPageHeight), &cairo_surface_destroy);
  const std::string title = letter_title(letter);
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_AUTHOR, letter.from_office.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_SUBJECT, "职称评审委托函");
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Zhiping");
  {
    std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()), &cairo_destroy);
    LetterWriter(letter, cr.get()).write();
    cairo_show_page(cr.get());
  }
  cairo_surface_finish(surface.get());
  if (const cairo_status_t status = cairo_surface_status(surface.get()); status != CAIRO_STATUS_SUCCESS)
    throw AppError(500, "pdf_failed", "委托评审函生成失败。",
                   std::string("The letter could not be rendered: ") + cairo_status_to_string(status));
  return pdf;
}

}  // namespace zp::delegation
