#include "core/email.hpp"

#include <algorithm>

namespace zp {

namespace {
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_atext(char c) {
  static constexpr std::string_view specials = "!#$%&'*+/=?^_`{|}~-";
  return is_alpha(c) || is_digit(c) || specials.find(c) != std::string_view::npos;
}

bool valid_local(std::string_view local) {
  if (local.empty() || local.size() > 64 || local.front() == '.' || local.back() == '.') return false;
  for (std::size_t i = 0; i != local.size(); ++i) {
    if (local[i] == '.') {
      if (local[i + 1] == '.') return false;  // the last character is not a dot, so i + 1 is in range
    } else if (!is_atext(local[i])) {
      return false;
    }
  }
  return true;
}

bool valid_label(std::string_view label) {
  if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
  return std::all_of(label.begin(), label.end(), [](char c) { return is_alpha(c) || is_digit(c) || c == '-'; });
}

bool valid_domain(std::string_view domain) {
  if (domain.empty() || domain.size() > 253) return false;
  std::size_t labels = 0;
  std::string_view last;
  for (std::size_t start = 0;;) {
    const auto dot = domain.find('.', start);
    const auto label = domain.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (!valid_label(label)) return false;
    ++labels;
    last = label;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  const bool alphabetic_tld = last.size() >= 2 && std::all_of(last.begin(), last.end(), is_alpha);
  return labels >= 2 && (alphabetic_tld || last.substr(0, 4) == "xn--");
}
}  // namespace

bool is_email_address(std::string_view address) {
  if (address.size() > 254) return false;
  const auto at = address.rfind('@');
  if (at == std::string_view::npos) return false;
  return valid_local(address.substr(0, at)) && valid_domain(address.substr(at + 1));
}

std::string normalize_email(std::string_view address) {
  std::string out(address);
  const auto at = out.rfind('@');
  if (at == std::string::npos) return out;
  std::transform(out.begin() + static_cast<std::ptrdiff_t>(at), out.end(), out.begin() + static_cast<std::ptrdiff_t>(at),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  return out;
}

std::string mask_email(std::string_view address) {
  const auto at = address.rfind('@');
  if (at == std::string_view::npos || at == 0) return std::string(address.size(), '*');
  return std::string(address.substr(0, 1)) + "***" + std::string(address.substr(at));
}

}  // namespace zp
