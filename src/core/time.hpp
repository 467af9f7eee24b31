#pragma once
// Instants are stored as UTC milliseconds since the epoch and shown in Asia/Shanghai (UTC+8, no DST since 1991).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace zp::timeutil {

std::int64_t now_ms();
// 2026-09-30T24:00 style input is not accepted; ISO-8601 with offset or Z, e.g. 2026-09-30T23:59:59+08:00.
std::string format_shanghai(std::int64_t ms);  // 2026-09-30T23:59:59+08:00
std::optional<std::int64_t> parse_iso(std::string_view text);

}  // namespace zp::timeutil
