#pragma once
// The delegation letter (委托评审函): an office with no suitable committee asks another office to have its
// applicants reviewed by that office's committee. Wording and order follow the provincial template
// "向市外委托评审模板": title 关于委托代评…职称的函, addressee, one body paragraph, 请予大力支持为盼！,
// the signing office and the date; the list of applicants is a table inside the letter.
#include <string>
#include <vector>

namespace zp::delegation {

struct LetterApplicant {
  std::string name;
  std::string unit;           // 工作单位
  std::string current_title;  // 现专业技术职务; may be empty (none yet)
  std::string applied_title;  // 申报评审职称
};

// Why the sender cannot review the applicants itself: the two cases the template names.
enum class DelegationReason {
  no_committee,  // 尚未组建{series}系列{level}职称评委会
  no_specialty,  // 暂未设置{specialty}评审专业
};

struct Letter {
  std::string number;                         // letter number, e.g. 示范职改委〔2026〕3号; may be empty
  std::string from_office;                    // the delegating office (委托方); signs the letter
  std::string sender_self_reference = "我单位";  // how the body names the sender: 我单位, 我县, 我市, 我区
  std::string to_committee;                   // the committee entrusted with the review (受委托评委会)
  std::string to_office;                      // the office that runs that committee; the addressee when set
  std::string series;                         // e.g. 政工 (a trailing 系列 is accepted)
  std::string specialty;                      // 从事…专业技术工作; the series when empty
  std::string level;                          // e.g. 高级政工师; may list several: 高级政工师、政工师
  int year = 0;                               // review year; 0 leaves it out
  DelegationReason reason = DelegationReason::no_committee;
  std::vector<LetterApplicant> applicants;
  std::string contact_name, contact_phone;    // printed as the note under the date; may be empty
  std::string issued_on;                      // YYYY-MM-DD, printed as 2026年11月22日
};

// 关于委托代评张三等3名同志政工系列高级政工师职称的函
std::string letter_title(const Letter& letter);

// The letter as a PDF (A4 portrait, fonts embedded). Throws AppError 422 listing every problem of the input
// (no applicants, missing names, a malformed date, over-long text, …) and AppError 500 when the Noto CJK
// fonts are not installed.
std::string render_letter_pdf(const Letter& letter);

}  // namespace zp::delegation
