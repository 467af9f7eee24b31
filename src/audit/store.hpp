#pragma once
#include <functional>
#include <vector>

#include "audit/model.hpp"
#include "db/database.hpp"

namespace zp::audit {

// Appends one row chained to the previous one. Must run inside the use case's write transaction.
void append(db::Tx& tx, const Origin& origin, const Entry& entry);

// The hash of a row given its predecessor's hash (SHA-256 over a canonical text).
std::string row_hash(const Row& row);

struct ListFilter {
  std::string action, actor;
  int page = 1, page_size = 20;
};
std::vector<Row> list(db::Tx& tx, const ListFilter& f, std::int64_t* total);
// Walks the whole chain in id order.
VerifyResult verify(db::Tx& tx);

}  // namespace zp::audit
