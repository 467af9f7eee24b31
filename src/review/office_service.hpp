#pragma once
// The office's part of the review chain (seed 002 §二–§三, 004 §四): accept, fail the initial review, reject
// (不予受理) or return once with a one-time notice; fee records; the initial-review publicity with one supplement;
// spot checks drawn from a recorded seed; the list sent to the committee; corrections; voiding; oversight.
#include <optional>
#include <string>
#include <vector>

#include "authz/actor.hpp"
#include "db/database.hpp"
#include "dossier/model.hpp"
#include "review/office_store.hpp"

namespace zp::authz {
class Authorizer;
}

namespace zp::review {

class Service;

struct PublishResult {
  std::int64_t count = 0;
  std::optional<std::int64_t> ends_at, list_id;
  std::int64_t sent = 0, not_sent = 0;
};

struct PublicList {
  std::string campaign_name;
  std::optional<std::int64_t> published_at;
  std::vector<ListEntry> entries;
};

struct SpotCheckView {
  SpotCheck check;
  std::vector<SpotCheckItem> items;
};

// The draw of a spot check: the k candidates with the smallest SHA-256(seed ":" id), in that order, where
// k = ceil(share_permille × n / 1000). Anyone with the seed and the candidate list gets the same draw.
std::vector<std::int64_t> draw(const std::string& seed, const std::vector<std::int64_t>& candidates, int share_permille);

class OfficeService {
 public:
  OfficeService(db::Database& db, const authz::Authorizer& authz, Service& chain);

  dossier::Dossier accept(const authz::Actor& actor, std::int64_t id);
  dossier::Dossier fail(const authz::Actor& actor, std::int64_t id, const std::string& reason);
  dossier::Dossier reject(const authz::Actor& actor, std::int64_t id, const std::string& reason);
  // The one-time notice: every marked problem at once. A second return needs a written justification.
  dossier::Dossier return_once(const authz::Actor& actor, std::int64_t id, const std::string& justification);

  FeePayment record_fee(const authz::Actor& actor, std::int64_t campaign_id, const FeePayment& in);
  std::vector<FeePayment> fees(const authz::Actor& actor, std::int64_t campaign_id);

  PublishResult publish_initial(const authz::Actor& actor, std::int64_t campaign_id);
  void supplement(const authz::Actor& actor, std::int64_t id, const std::string& note);
  ReviewRecord decide(const authz::Actor& actor, std::int64_t id, const std::string& result, const std::string& reason);

  SpotCheckView draw_spot_check(const authz::Actor& actor, std::int64_t campaign_id, const std::string& kind, int share_permille,
                                const std::string& seed);
  std::vector<SpotCheckView> spot_checks(const authz::Actor& actor, std::int64_t campaign_id);
  SpotCheckItem decide_spot_check(const authz::Actor& actor, std::int64_t item_id, const std::string& outcome, const std::string& note);

  PublishResult publish_committee_list(const authz::Actor& actor, std::int64_t campaign_id);
  PublicList initial_publicity(std::int64_t campaign_id);
  PublicList committee_list(std::int64_t campaign_id);

  void correct(const authz::Actor& actor, std::int64_t id, const std::string& section, const std::string& data, const std::string& reason);
  dossier::Dossier void_dossier(const authz::Actor& actor, std::int64_t id, const std::string& kind, const std::string& reason,
                                const std::string& evidence);
  // Two applications of one level in one year found afterwards: every dossier of that person that year is void.
  std::vector<std::int64_t> void_year(const authz::Actor& actor, std::int64_t user_id, int year, const std::string& reason,
                                      const std::string& evidence);
  std::vector<OversightRow> oversight(const authz::Actor& actor, std::int64_t campaign_id);

 private:
  // The office's grant over the campaign (its office's subtree); returns the role for the audit row.
  std::string require_campaign(db::Tx& tx, const authz::Actor& actor, std::int64_t campaign_id) const;
  // Fail the initial review or reject, with the reason recorded.
  dossier::Dossier conclude(const authz::Actor& actor, std::int64_t id, std::string_view action, const std::string& reason,
                            const char* reason_zh, const char* reason_en);

  db::Database& db_;
  const authz::Authorizer& authz_;
  Service& chain_;
};

}  // namespace zp::review
