#pragma once
// Lengths of UTF-8 text as people count them: limits on forms are in characters, not bytes (一 is three bytes).
#include <cstddef>
#include <string_view>

namespace zp::text {

// The number of characters (code points) in valid UTF-8 text.
std::size_t chars(std::string_view utf8);

}  // namespace zp::text
