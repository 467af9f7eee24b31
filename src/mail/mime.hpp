#pragma once
// Internet message format for UTF-8 text mails: RFC 5322 headers, RFC 2047 encoded words, a base64 text/plain body.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace zp::mail {

struct Mailbox {
  std::string name;     // display name, may be empty or Chinese
  std::string address;  // local@domain
};

// "名字 <a@example.com>", "\"Name\" <a@example.com>" or a bare "a@example.com"; nullopt when the address is not valid.
std::optional<Mailbox> parse_mailbox(std::string_view text);
// Header text as is when it is short printable ASCII, else as RFC 2047 B-encoded words (UTF-8, never splitting a
// character), folded onto continuation lines.
std::string encode_header_text(std::string_view utf8);
// The text with CRLF line ends, base64-encoded in lines of 76 characters.
std::string base64_body(std::string_view utf8_text);
// RFC 5322 date in Beijing time, e.g. "Tue, 03 Mar 2026 09:05:00 +0800".
std::string rfc5322_date(std::int64_t ms);

struct MimeMail {
  Mailbox from, to;
  std::string subject, body;
  std::string message_id;  // without the angle brackets: unique@domain
  std::int64_t date_ms = 0;
};
std::string build_mime(const MimeMail& mail);

}  // namespace zp::mail
