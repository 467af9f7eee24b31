-- Delegation (委托评审, seed 004 Annex 2): an office without a suitable committee sends dossiers to another
-- jurisdiction's committee with a letter; the result comes back to the delegating office.
CREATE TABLE delegations (
  id {{ID}},
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
  from_office_id BIGINT NOT NULL REFERENCES orgs(id),
  to_committee_id BIGINT NOT NULL REFERENCES orgs(id),
  number TEXT NOT NULL,
  reason TEXT NOT NULL,           -- no_committee, no_specialty
  series_id BIGINT NOT NULL REFERENCES series(id),
  level TEXT NOT NULL,
  specialty TEXT NOT NULL DEFAULT '',
  contact_name TEXT NOT NULL,
  contact_phone TEXT NOT NULL,
  issued_on TEXT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL
);
CREATE INDEX delegations_campaign ON delegations(campaign_id);

-- A dossier is delegated at most once.
CREATE TABLE delegation_dossiers (
  delegation_id BIGINT NOT NULL REFERENCES delegations(id),
  dossier_id BIGINT NOT NULL UNIQUE REFERENCES dossiers(id),
  PRIMARY KEY (delegation_id, dossier_id)
);
