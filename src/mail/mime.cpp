#include "mail/mime.hpp"

#include <sodium.h>

#include <cstdio>
#include <ctime>

#include "core/email.hpp"

namespace zp::mail {

namespace {
constexpr std::string_view kCrlf = "\r\n";

std::string base64(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

// Anything but printable ASCII goes into encoded words, so no header text can end a line or start a new header.
bool plain_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c >= 0x7f) return false;
  return true;
}

// Length of the longest prefix of at most max_bytes that ends on a UTF-8 character boundary.
std::size_t utf8_prefix(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s.size();
  std::size_t n = max_bytes;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return n == 0 ? max_bytes : n;
}

std::string encoded_words(std::string_view utf8) {
  // An encoded word is at most 75 characters: "=?UTF-8?B?" + 60 base64 characters (45 bytes) + "?=" is 72.
  constexpr std::size_t kBytesPerWord = 45;
  std::string out;
  while (!utf8.empty()) {
    const auto n = utf8_prefix(utf8, kBytesPerWord);
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(utf8.substr(0, n)) + "?=";
    utf8.remove_prefix(n);
  }
  return out;
}

std::string format_mailbox(const Mailbox& m) {
  if (m.name.empty()) return "<" + m.address + ">";
  if (!plain_ascii(m.name)) return encoded_words(m.name) + " <" + m.address + ">";
  std::string quoted = "\"";
  for (char c : m.name) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\" <" + m.address + ">";
}
}  // namespace

std::optional<Mailbox> parse_mailbox(std::string_view text) {
  text = trim(text);
  Mailbox m;
  const auto open = text.rfind('<');
  if (!text.empty() && text.back() == '>' && open != std::string_view::npos) {
    m.address = std::string(trim(text.substr(open + 1, text.size() - open - 2)));
    auto name = trim(text.substr(0, open));
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
    m.name = std::string(name);
  } else {
    m.address = std::string(text);
  }
  if (!is_email_address(m.address)) return std::nullopt;
  return m;
}

std::string encode_header_text(std::string_view utf8) {
  if (plain_ascii(utf8) && utf8.size() <= 66) return std::string(utf8);
  return encoded_words(utf8);
}

std::string base64_body(std::string_view utf8_text) {
  std::string crlf;
  crlf.reserve(utf8_text.size() + utf8_text.size() / 16);
  for (std::size_t i = 0; i != utf8_text.size(); ++i) {
    const char c = utf8_text[i];
    if (c == '\r') continue;  // bare CRs are dropped; every LF becomes CRLF
    if (c == '\n') crlf += kCrlf;
    else crlf += c;
  }
  const std::string encoded = base64(crlf);
  std::string out;
  out.reserve(encoded.size() + encoded.size() / 38 + 2);
  for (std::size_t i = 0; i < encoded.size(); i += 76) {
    out.append(encoded, i, 76);
    out += kCrlf;
  }
  return out;
}

std::string rfc5322_date(std::int64_t ms) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::time_t beijing = static_cast<std::time_t>(ms / 1000 + 8 * 3600);
  std::tm t{};
  gmtime_r(&beijing, &t);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0800", kDays[t.tm_wday], t.tm_mday, kMonths[t.tm_mon],
                t.tm_year + 1900, t.tm_hour, t.tm_min, t.tm_sec);
  return buf;
}

std::string build_mime(const MimeMail& mail) {
  std::string out;
  auto header = [&](std::string_view name, const std::string& value) {
    out.append(name).append(": ").append(value).append(kCrlf);
  };
  header("Date", rfc5322_date(mail.date_ms));
  header("From", format_mailbox(mail.from));
  header("To", format_mailbox(mail.to));
  header("Subject", encode_header_text(mail.subject));
  header("Message-ID", "<" + mail.message_id + ">");
  header("MIME-Version", "1.0");
  header("Content-Type", "text/plain; charset=UTF-8");
  header("Content-Transfer-Encoding", "base64");
  header("Auto-Submitted", "auto-generated");  // RFC 3834: autoresponders do not answer
  out += kCrlf;
  out += base64_body(mail.body);
  return out;
}

}  // namespace zp::mail
