#include "core/text.hpp"

#include <algorithm>

namespace zp::text {

std::size_t chars(std::string_view utf8) {
  // Every character has exactly one byte that is not a continuation byte (10xxxxxx).
  return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

}  // namespace zp::text
