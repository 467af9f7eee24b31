-- The review chain after unit publicity: recommendation, interviews, department and office review, one-time notices,
-- fee records, initial-review publicity and supplements, spot checks, the list sent to the committee, corrections.

-- One row per dossier that has reached the unit's recommendation: what each stage decided and why.
CREATE TABLE dossier_reviews (
  dossier_id BIGINT PRIMARY KEY REFERENCES dossiers(id),
  unit_opinion TEXT,              -- 单位推荐意见, kept for the forms
  publicity_result TEXT,          -- the unit publicity's result as recorded by the unit
  recommended_at BIGINT,
  office_returns INTEGER NOT NULL DEFAULT 0,
  second_return_reason TEXT,      -- the written justification of a second office return (flagged for oversight)
  initial_result TEXT,            -- passed, not_passed (初审)
  initial_reason TEXT,
  supplement_note TEXT,           -- the one supplement allowed during initial-review publicity
  supplement_at BIGINT,
  final_result TEXT,              -- passed, not_passed: the office's decision after initial-review publicity
  final_reason TEXT,
  void_reason TEXT,
  void_reviewer_id BIGINT REFERENCES users(id),  -- the unit reviewer who approved a dossier later voided for fraud
  committee_list_id BIGINT
);

-- The unit's interview or defense (答辩/说课) for senior levels, recorded before it recommends.
CREATE TABLE interviews (
  dossier_id BIGINT PRIMARY KEY REFERENCES dossiers(id),
  kind TEXT NOT NULL,
  held_on TEXT NOT NULL,
  panel TEXT NOT NULL,
  summary TEXT NOT NULL,
  result TEXT NOT NULL,
  recorded_by BIGINT NOT NULL REFERENCES users(id),
  recorded_at BIGINT NOT NULL
);

-- Review fees (seed 002 §二(四)): the payment evidence each unit sent, per campaign.
CREATE TABLE fee_payments (
  id {{ID}},
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
  unit_id BIGINT NOT NULL REFERENCES orgs(id),
  amount_cents BIGINT NOT NULL,
  reference TEXT NOT NULL,
  paid_on TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  recorded_by BIGINT NOT NULL REFERENCES users(id),
  recorded_at BIGINT NOT NULL
);
CREATE INDEX fee_payments_campaign_unit ON fee_payments(campaign_id, unit_id);

-- Spot checks (抽查复核): the seed and the candidate list make the draw reproducible by anyone.
CREATE TABLE spot_checks (
  id {{ID}},
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
  kind TEXT NOT NULL,             -- applicants, units
  share_permille INTEGER NOT NULL,
  seed TEXT NOT NULL,
  candidates TEXT NOT NULL,       -- the ids drawn from, ascending, comma-separated
  drawn TEXT NOT NULL,            -- the ids drawn, in draw order
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL
);
CREATE TABLE spot_check_items (
  id {{ID}},
  spot_check_id BIGINT NOT NULL REFERENCES spot_checks(id),
  dossier_id BIGINT NOT NULL REFERENCES dossiers(id),
  outcome TEXT NOT NULL DEFAULT 'pending',  -- pending, confirmed, discrepancy
  note TEXT NOT NULL DEFAULT '',
  decided_by BIGINT REFERENCES users(id),
  decided_at BIGINT,
  UNIQUE (spot_check_id, dossier_id)
);
CREATE INDEX spot_check_items_dossier ON spot_check_items(dossier_id);

-- The published list of those sent to the committee (送评名单).
CREATE TABLE committee_lists (
  id {{ID}},
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
  published_by BIGINT NOT NULL REFERENCES users(id),
  published_at BIGINT NOT NULL
);

-- After the list is published a dossier changes only by a recorded correction.
CREATE TABLE corrections (
  id {{ID}},
  dossier_id BIGINT NOT NULL REFERENCES dossiers(id),
  section TEXT NOT NULL,
  before_data TEXT NOT NULL,
  after_data TEXT NOT NULL,
  reason TEXT NOT NULL,
  by_user BIGINT NOT NULL REFERENCES users(id),
  at BIGINT NOT NULL
);

-- Office queues filter by campaign and state and sort by the last change.
CREATE INDEX dossiers_campaign_state_updated ON dossiers(campaign_id, state, updated_at);
