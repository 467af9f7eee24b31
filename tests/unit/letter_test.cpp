// The delegation letter (委托评审函) rendered to real PDF bytes and read back with poppler: the template's
// wording, the applicants table across pages, literal markup characters, embedded fonts, refused input.
#include <gtest/gtest.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-font.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "delegation/letter.hpp"

using zp::AppError;
using namespace zp::delegation;

namespace {

Letter sample_letter() {
  Letter l;
  l.number = "示范职改委〔2026〕3号";
  l.from_office = "示范市职称改革工作领导小组办公室";
  l.sender_self_reference = "我市";
  l.to_office = "邻州市职称改革工作领导小组办公室";
  l.to_committee = "邻州市政工专业高级职称评审委员会";
  l.series = "政工";
  l.specialty = "思想政治";
  l.level = "高级政工师";
  l.year = 2026;
  l.applicants = {
      {"王建国", "示范市人力资源和社会保障局", "政工师", "高级政工师"},
      {"李秀英", "示范市第一中学", "政工师", "高级政工师"},
      {"欧阳明", "示范市江州区东城街道办事处党政综合办公室（党建工作办公室）", "政工师", "高级政工师"},
  };
  l.contact_name = "陈晓";
  l.contact_phone = "0771-7968335";
  l.issued_on = "2026-11-22";
  return l;
}

// A few thousand distinct two-character given names: none is part of another applicant's name.
std::vector<LetterApplicant> many_applicants(int count) {
  const std::vector<std::string> surnames{"赵", "钱", "孙", "李", "周", "吴", "郑", "冯", "陈", "褚"};
  const std::vector<std::string> first{"明", "华", "建", "志", "秀", "红", "国", "海"};
  const std::vector<std::string> second{"军", "平", "英", "芳", "强", "丽", "伟", "敏"};
  std::vector<LetterApplicant> list;
  for (int i = 0; i < count; ++i) {
    const auto n = static_cast<std::size_t>(i);
    list.push_back({surnames[n % 10] + first[(n / 10) % 8] + second[(n / 80) % 8], "示范市第" + std::to_string(i + 1) + "中学",
                    "政工师", "高级政工师"});
  }
  return list;
}

struct ReadBack {
  std::unique_ptr<poppler::document> document;
  std::vector<std::string> pages;  // text of each page, whitespace removed
  std::string all;
};

// poppler puts spaces and line breaks between table cells and wrapped lines; compare without them.
std::string without_whitespace(const std::vector<char>& utf8) {
  std::string out;
  for (char c : utf8)
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t' && c != '\f') out += c;
  return out;
}

ReadBack read_back(const std::string& pdf) {
  ReadBack r;
  r.document.reset(poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
  if (!r.document) return r;
  for (int i = 0; i < r.document->pages(); ++i) {
    std::unique_ptr<poppler::page> page(r.document->create_page(i));
    r.pages.push_back(without_whitespace(page->text().to_utf8()));
    r.all += r.pages.back();
  }
  return r;
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

std::string utf8(const poppler::ustring& s) {
  const auto bytes = s.to_utf8();
  return {bytes.begin(), bytes.end()};
}

void write_artifact(const std::string& name, const std::string& bytes) {
  const auto dir = std::filesystem::path(ZHIPING_SOURCE_DIR) / "tests" / "artifacts";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / name, std::ios::binary) << bytes;
}

AppError refusal_of(const Letter& letter) {
  try {
    render_letter_pdf(letter);
  } catch (const AppError& e) {
    return e;
  }
  ADD_FAILURE() << "the letter was rendered";
  return AppError(0, "", "", "");
}

}  // namespace

TEST(DelegationLetter, FollowsTheTemplateOnOneA4Page) {
  const Letter letter = sample_letter();
  const std::string pdf = render_letter_pdf(letter);
  write_artifact("delegation-letter.pdf", pdf);
  ASSERT_TRUE(pdf.starts_with("%PDF-"));
  const auto r = read_back(pdf);
  ASSERT_TRUE(r.document);
  ASSERT_EQ(r.document->pages(), 1);
  std::unique_ptr<poppler::page> page(r.document->create_page(0));
  EXPECT_NEAR(page->page_rect().width(), 595.3, 0.5);  // A4 portrait
  EXPECT_NEAR(page->page_rect().height(), 841.9, 0.5);

  const std::string& text = r.all;
  EXPECT_NE(text.find("示范职改委〔2026〕3号"), std::string::npos);
  EXPECT_NE(text.find("关于委托代评王建国等3名同志政工系列高级政工师职称的函"), std::string::npos) << text;
  EXPECT_NE(text.find("邻州市职称改革工作领导小组办公室："), std::string::npos);
  EXPECT_NE(text.find("我市王建国等3名同志（名单见下表）从事思想政治专业技术工作，拟申报2026年度政工系列高级政工师职称评审，"
                      "鉴于我市尚未组建政工系列高级政工师职称评委会，现委托贵办推荐至邻州市政工专业高级职称评审委员会代为评审，"
                      "并及时将评审结果函告我市。"),
            std::string::npos)
      << text;
  for (const char* header : {"序号", "姓名", "工作单位", "现专业技术职务", "申报评审职称"})
    EXPECT_EQ(occurrences(text, header), 1u) << header;
  for (const auto& a : letter.applicants) EXPECT_NE(text.find(a.name), std::string::npos) << a.name;
  EXPECT_NE(text.find("2李秀英示范市第一中学政工师高级政工师"), std::string::npos);  // a row that fits one line
  EXPECT_NE(text.find("请予大力支持为盼！"), std::string::npos);
  EXPECT_NE(text.find("示范市职称改革工作领导小组办公室2026年11月22日"), std::string::npos) << text;
  EXPECT_NE(text.find("（联系人：陈晓，联系电话：0771-7968335）"), std::string::npos);
  EXPECT_NE(text.find("—1—"), std::string::npos);  // page number
}

TEST(DelegationLetter, EmbedsFontSubsetsAndSetsMetadata) {
  const auto r = read_back(render_letter_pdf(sample_letter()));
  ASSERT_TRUE(r.document);
  const auto fonts = r.document->fonts();
  ASSERT_FALSE(fonts.empty());
  for (const auto& font : fonts) {
    EXPECT_TRUE(font.is_embedded()) << font.name();
    EXPECT_TRUE(font.is_subset()) << font.name();
    EXPECT_NE(font.name().find("NotoS"), std::string::npos) << font.name();  // Noto Serif / Sans CJK SC
  }
  EXPECT_EQ(utf8(r.document->get_title()), "关于委托代评王建国等3名同志政工系列高级政工师职称的函");
  EXPECT_EQ(utf8(r.document->get_creator()), "Zhiping");
  EXPECT_EQ(utf8(r.document->get_author()), "示范市职称改革工作领导小组办公室");
}

TEST(DelegationLetter, LongListFlowsOntoFurtherPagesWithTheHeaderRepeated) {
  Letter letter = sample_letter();
  letter.applicants = many_applicants(60);
  const std::string pdf = render_letter_pdf(letter);
  write_artifact("delegation-letter-60.pdf", pdf);
  const auto r = read_back(pdf);
  ASSERT_TRUE(r.document);
  EXPECT_GE(r.document->pages(), 3);
  for (std::size_t p = 0; p < r.pages.size(); ++p) {
    EXPECT_NE(r.pages[p].find("序号姓名工作单位现专业技术职务申报评审职称"), std::string::npos) << "page " << p + 1;
    EXPECT_NE(r.pages[p].find("—" + std::to_string(p + 1) + "—"), std::string::npos) << "page " << p + 1;
  }
  // The title and the body name the first applicant too; every row appears exactly once.
  EXPECT_NE(r.all.find("关于委托代评赵明军等60名同志"), std::string::npos);
  for (std::size_t i = 0; i < letter.applicants.size(); ++i) {
    const auto& a = letter.applicants[i];
    EXPECT_EQ(occurrences(r.all, a.name), i == 0 ? 3u : 1u) << a.name;
    EXPECT_EQ(occurrences(r.all, std::to_string(i + 1) + a.name + a.unit), 1u) << a.name;
  }
  // The signature closes the last page.
  EXPECT_NE(r.pages.back().find("示范市职称改革工作领导小组办公室2026年11月22日"), std::string::npos);
}

TEST(DelegationLetter, LongUnitNameWrapsInsideItsCell) {
  Letter letter = sample_letter();
  const std::string unit = letter.applicants[2].unit;
  const auto r = read_back(render_letter_pdf(letter));
  ASSERT_TRUE(r.document);
  std::unique_ptr<poppler::page> page(r.document->create_page(0));
  // The unit column is where its header is, between the name and the current-title columns.
  double column_left = 0, column_right = 0, unit_top = 1e9, unit_bottom = 0;
  for (const auto& box : page->text_list()) {
    const std::string word = utf8(box.text());
    if (word == "姓名") column_left = box.bbox().right();
    if (word == "现专业技术职务") column_right = box.bbox().left();
  }
  ASSERT_GT(column_right, column_left);
  std::string unit_text;
  for (const auto& box : page->text_list()) {
    const std::string word = utf8(box.text());
    if (word.empty() || unit.find(word) == std::string::npos) continue;
    if (box.bbox().left() < column_left || box.bbox().right() > column_right) continue;
    unit_text += word;
    unit_top = std::min(unit_top, box.bbox().top());
    unit_bottom = std::max(unit_bottom, box.bbox().bottom());
  }
  EXPECT_EQ(unit_text, unit);                     // all of it, inside the column
  EXPECT_GT(unit_bottom - unit_top, 12 * 1.5);  // on more than one line
}

TEST(DelegationLetter, MarkupCharactersPrintLiterally) {
  Letter letter = sample_letter();
  letter.applicants[0].unit = "研究院<分部>&所";
  letter.applicants[1].name = "A&B";
  letter.to_committee = "<b>评委会</b>";
  const auto r = read_back(render_letter_pdf(letter));
  ASSERT_TRUE(r.document);
  EXPECT_NE(r.all.find("研究院<分部>&所"), std::string::npos) << r.all;
  EXPECT_NE(r.all.find("A&B"), std::string::npos);
  EXPECT_NE(r.all.find("推荐至<b>评委会</b>代为评审"), std::string::npos);
}

TEST(DelegationLetter, AddressesTheCommitteeWhenThereIsNoOffice) {
  Letter letter = sample_letter();
  letter.to_office.clear();
  letter.applicants.resize(1);
  letter.reason = DelegationReason::no_specialty;
  letter.number.clear();
  letter.contact_name.clear();
  letter.contact_phone.clear();
  const auto r = read_back(render_letter_pdf(letter));
  ASSERT_TRUE(r.document);
  EXPECT_NE(r.all.find("关于委托代评王建国同志政工系列高级政工师职称的函邻州市政工专业高级职称评审委员会："), std::string::npos)
      << r.all;
  EXPECT_NE(r.all.find("我市王建国同志从事思想政治专业技术工作，拟申报2026年度政工系列高级政工师职称评审，"
                       "鉴于我市暂未设置思想政治评审专业，现委托贵会代为评审"),
            std::string::npos)
      << r.all;
  EXPECT_EQ(r.all.find("联系人"), std::string::npos);
}

TEST(DelegationLetter, TitleCountsTheApplicants) {
  Letter letter = sample_letter();
  letter.series = "工程系列";
  letter.level = "高级工程师、工程师";
  EXPECT_EQ(letter_title(letter), "关于委托代评王建国等3名同志工程系列高级工程师、工程师职称的函");
  letter.applicants.resize(1);
  EXPECT_EQ(letter_title(letter), "关于委托代评王建国同志工程系列高级工程师、工程师职称的函");
}

TEST(DelegationLetter, RefusesAnEmptyApplicantList) {
  Letter letter = sample_letter();
  letter.applicants.clear();
  const AppError e = refusal_of(letter);
  EXPECT_EQ(e.status(), 422);
  EXPECT_EQ(e.code(), "invalid_letter");
  EXPECT_EQ(e.message(), "委托评审函至少应列出一名委托评审的申报人。");
  EXPECT_EQ(e.message_en(), "A delegation letter must list at least one applicant.");
  ASSERT_EQ(e.details().size(), 1u);
  EXPECT_EQ(e.details()[0].code, "no_applicants");
  EXPECT_EQ(e.details()[0].field, "applicants");
}

TEST(DelegationLetter, ListsEveryProblemTogether) {
  Letter letter = sample_letter();
  letter.from_office.clear();
  letter.issued_on = "2026-02-30";
  letter.reason = DelegationReason::no_specialty;
  letter.specialty.clear();
  letter.applicants[1].name.clear();
  letter.applicants[2].unit = std::string(101, 'x');
  letter.applicants[0].current_title = "\xff\xfe";
  const AppError e = refusal_of(letter);
  EXPECT_EQ(e.status(), 422);
  std::vector<std::string> fields;
  for (const auto& d : e.details()) fields.push_back(d.code + " " + d.field);
  std::sort(fields.begin(), fields.end());
  EXPECT_EQ(fields, (std::vector<std::string>{"date_format issued_on", "not_text applicants[0].current_title",
                                              "required applicants[1].name", "required from_office", "required specialty",
                                              "too_long applicants[2].unit"}));
  EXPECT_EQ(e.message(), "委托评审函有6处需要修改。");
}

TEST(DelegationLetter, TextAtEveryLimitStillFits) {
  Letter letter = sample_letter();
  const auto repeat = [](const std::string& piece, int times) {
    std::string s;
    for (int i = 0; i < times; ++i) s += piece;
    return s;
  };
  letter.from_office = repeat("职改办", 33) + "室";  // 100 characters: the signature wraps
  letter.to_office = repeat("邻州", 50);
  letter.to_committee = repeat("评委", 50);
  letter.applicants = many_applicants(40);
  for (auto& a : letter.applicants) a.unit = repeat("单位", 45) + a.unit.substr(0, 30);
  const std::string pdf = render_letter_pdf(letter);
  write_artifact("delegation-letter-limits.pdf", pdf);
  const auto r = read_back(pdf);
  ASSERT_TRUE(r.document);
  for (std::size_t i = 1; i < letter.applicants.size(); ++i)
    EXPECT_EQ(occurrences(r.all, letter.applicants[i].name), 1u) << letter.applicants[i].name;
  EXPECT_NE(r.pages.back().find(letter.from_office), std::string::npos);
  EXPECT_NE(r.pages.back().find("2026年11月22日"), std::string::npos);
}
