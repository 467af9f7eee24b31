#pragma once
// Email addresses: the plain form people type (local@domain), checked strictly enough that an address can never
// carry a header or an SMTP command, and masked for lists.
#include <string>
#include <string_view>

namespace zp {

// local@domain with an ASCII local part of 1–64 characters (letters, digits and !#$%&'*+/=?^_`{|}~- with single
// dots between), and a domain of two or more labels (letters, digits, inner hyphens), the last alphabetic or
// punycode (xn--); at most 254 characters. No quoted local parts, comments or IP literals.
bool is_email_address(std::string_view address);
// The address with the domain in lower case (local parts may be case-sensitive, domains are not).
std::string normalize_email(std::string_view address);
// z***@example.com style mask for lists.
std::string mask_email(std::string_view address);

}  // namespace zp
