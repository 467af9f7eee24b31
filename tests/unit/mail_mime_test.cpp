// The MIME form of mail copies: encoded subjects, UTF-8 base64 bodies, headers that cannot be broken by their
// content; and the rules that make a message into an outbox row.
#include <gtest/gtest.h>
#include <sodium.h>

#include "mail/mime.hpp"
#include "mail/service.hpp"

using namespace zp;

namespace {
std::string from_base64(std::string_view text) {
  std::string out(text.size(), '\0');
  std::size_t n = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), "\r\n", &n, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0)
    throw std::runtime_error("not base64: " + std::string(text));
  out.resize(n);
  return out;
}

// Decodes "=?UTF-8?B?…?=" words separated by folding white space; checks each word on the way.
std::string decode_words(const std::string& header) {
  std::string out;
  std::size_t pos = 0;
  while ((pos = header.find("=?UTF-8?B?", pos)) != std::string::npos) {
    const auto end = header.find("?=", pos + 10);
    EXPECT_LE(end + 2 - pos, 75u) << "an encoded word is at most 75 characters";
    const auto chunk = from_base64(header.substr(pos + 10, end - pos - 10));
    EXPECT_NE(static_cast<unsigned char>(chunk[0]) & 0xC0, 0x80) << "a word starts on a character boundary";
    out += chunk;
    pos = end + 2;
  }
  return out;
}

std::string header_of(const std::string& mime, const std::string& name) {
  const auto start = mime.find("\r\n" + name + ": ") != std::string::npos ? mime.find("\r\n" + name + ": ") + 2 : mime.find(name + ": ");
  std::string value;
  for (auto p = start + name.size() + 2;;) {
    const auto eol = mime.find("\r\n", p);
    value += mime.substr(p, eol - p);
    if (mime[eol + 2] != ' ' && mime[eol + 2] != '\t') break;
    p = eol + 2;
  }
  return value;
}
}  // namespace

TEST(Mime, ParsesMailboxes) {
  auto m = mail::parse_mailbox("职称评审系统 <noreply@example.gov.cn>");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->name, "职称评审系统");
  EXPECT_EQ(m->address, "noreply@example.gov.cn");
  m = mail::parse_mailbox("\"Zhiping, Office\" <office@example.com>");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->name, "Zhiping, Office");
  m = mail::parse_mailbox("  plain@example.com ");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->name, "");
  EXPECT_EQ(m->address, "plain@example.com");
  EXPECT_FALSE(mail::parse_mailbox("名字 <not an address>"));
  EXPECT_FALSE(mail::parse_mailbox(""));
}

TEST(Mime, ShortAsciiSubjectsStayReadable) { EXPECT_EQ(mail::encode_header_text("Hello"), "Hello"); }

TEST(Mime, ChineseSubjectIsEncodedInWholeCharacters) {
  const std::string subject = "【职称评审】申报材料（编号12）被单位退回，请按审核意见修改后重新提交";
  const auto encoded = mail::encode_header_text(subject);
  for (unsigned char c : encoded) EXPECT_LT(c, 0x80) << "only ASCII in a header";
  EXPECT_NE(encoded.find("\r\n "), std::string::npos) << "long subjects fold onto continuation lines";
  EXPECT_EQ(decode_words(encoded), subject);
}

TEST(Mime, ControlCharactersCannotStartAHeader) {
  const auto encoded = mail::encode_header_text("hello\r\nBcc: victim@example.com");
  EXPECT_EQ(encoded.find("\r\nBcc"), std::string::npos);
  EXPECT_EQ(decode_words(encoded), "hello\r\nBcc: victim@example.com");
}

TEST(Mime, BodyIsBase64OfUtf8WithCrlfLines) {
  const std::string text = "张三，您好：\n\n申报材料已进入单位审核。\nThe dossier is under unit review.\n" + std::string(300, 'x');
  const auto body = mail::base64_body(text);
  std::size_t start = 0;
  for (auto eol = body.find("\r\n"); eol != std::string::npos; start = eol + 2, eol = body.find("\r\n", start))
    EXPECT_LE(eol - start, 76u);
  EXPECT_EQ(start, body.size()) << "ends with CRLF";
  EXPECT_EQ(from_base64(body), "张三，您好：\r\n\r\n申报材料已进入单位审核。\r\nThe dossier is under unit review.\r\n" + std::string(300, 'x'));
}

TEST(Mime, DateIsBeijingTime) {
  EXPECT_EQ(mail::rfc5322_date(0), "Thu, 01 Jan 1970 08:00:00 +0800");
  EXPECT_EQ(mail::rfc5322_date(1772499900000), "Tue, 03 Mar 2026 09:05:00 +0800");
}

TEST(Mime, BuildsAWholeMessage) {
  mail::MimeMail m{{"职称评审系统", "noreply@example.gov.cn"}, {"", "zhangsan@example.com"}, "【职称评审】有新消息", "您好：\n请查看。\nHello.",
                   "zhiping.outbox.7.1@example.gov.cn", 0};
  const auto mime = mail::build_mime(m);
  const auto split = mime.find("\r\n\r\n");
  ASSERT_NE(split, std::string::npos);
  for (std::size_t i = 0; i != mime.size(); ++i)
    if (mime[i] == '\n') {
      ASSERT_EQ(mime[i - 1], '\r') << "no bare LF at " << i;
    }
  EXPECT_EQ(header_of(mime, "Date"), "Thu, 01 Jan 1970 08:00:00 +0800");
  EXPECT_EQ(decode_words(header_of(mime, "From")), "职称评审系统");
  EXPECT_NE(header_of(mime, "From").find("<noreply@example.gov.cn>"), std::string::npos);
  EXPECT_EQ(header_of(mime, "To"), "<zhangsan@example.com>");
  EXPECT_EQ(decode_words(header_of(mime, "Subject")), "【职称评审】有新消息");
  EXPECT_EQ(header_of(mime, "Message-ID"), "<zhiping.outbox.7.1@example.gov.cn>");
  EXPECT_EQ(header_of(mime, "MIME-Version"), "1.0");
  EXPECT_EQ(header_of(mime, "Content-Type"), "text/plain; charset=UTF-8");
  EXPECT_EQ(header_of(mime, "Content-Transfer-Encoding"), "base64");
  EXPECT_EQ(from_base64(mime.substr(split + 4)), "您好：\r\n请查看。\r\nHello.");
}

TEST(MailCopy, SubjectInChineseBodyWithAnEnglishLine) {
  mail::MessageCopy message{5, 9, "申报材料（编号3）被单位退回，请按审核意见修改后重新提交。", "Dossier 3 was returned by your unit.", ""};
  const auto m = mail::compose_copy({"zhangsan@example.com", "张三"}, message, 1000);
  EXPECT_EQ(m.subject, "【职称评审】申报材料（编号3）被单位退回，请按审核意见修改后重新提交");
  EXPECT_EQ(m.to_address, "zhangsan@example.com");
  EXPECT_EQ(m.message_id, 5);
  EXPECT_EQ(m.user_id, 9);
  EXPECT_EQ(m.status, "queued");
  EXPECT_EQ(m.next_attempt_at, 1000);
  EXPECT_EQ(m.body.rfind("张三，您好：\n\n申报材料（编号3）被单位退回", 0), 0u);
  EXPECT_NE(m.body.find("\nDossier 3 was returned by your unit.\n"), std::string::npos);
}

TEST(MailCopy, RetryDelaysGrowThenGiveUp) {
  mail::Settings s;
  s.max_attempts = 5;
  s.retry_delays_s = {60, 300, 1800};
  EXPECT_EQ(mail::retry_delay_ms(1, s), 60'000);
  EXPECT_EQ(mail::retry_delay_ms(2, s), 300'000);
  EXPECT_EQ(mail::retry_delay_ms(3, s), 1'800'000);
  EXPECT_EQ(mail::retry_delay_ms(4, s), 1'800'000) << "the last delay repeats";
  EXPECT_FALSE(mail::retry_delay_ms(5, s)) << "max_attempts reached";
}

TEST(MailCopy, SettingsAreCheckedOnlyWhenMailIsOn) {
  mail::Settings s;
  EXPECT_NO_THROW(mail::check_settings(s));
  s.smtp_url = "http://mail.example.com";
  s.from = "noreply@example.com";
  EXPECT_THROW(mail::check_settings(s), std::invalid_argument);
  s.smtp_url = "smtps://mail.example.com:465";
  EXPECT_NO_THROW(mail::check_settings(s));
  s.from = "职称评审系统";
  EXPECT_THROW(mail::check_settings(s), std::invalid_argument);
  s.from = "noreply@example.com";
  s.username = "zhiping";
  EXPECT_THROW(mail::check_settings(s), std::invalid_argument) << "a username needs a password";
}
