#pragma once
// JSON views shared by the review chain's route files (include only from routes .cpp files).
#include "dossier/model.hpp"
#include "http/json.hpp"
#include "review/office_store.hpp"

namespace zp::app::review_views {

boost::json::object brief(const dossier::Dossier& d);
boost::json::object record_json(const review::ReviewRecord& r);
// A required array of positive ids under `key` (1 to 500 of them); 400 otherwise.
std::vector<std::int64_t> id_list(const boost::json::object& body, const char* key);

}  // namespace zp::app::review_views
