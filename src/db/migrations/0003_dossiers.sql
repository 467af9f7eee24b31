-- Dossiers (申报材料): the applicant's choices, section documents, attachments in a content-addressed blob store,
-- state history, fraud signals across people, and integrity records (诚信档案).

CREATE TABLE dossiers (
  id {{ID}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
  year INTEGER NOT NULL,
  series_id BIGINT NOT NULL REFERENCES series(id),
  specialty_id BIGINT REFERENCES specialties(id),
  level TEXT NOT NULL,
  committee_org_id BIGINT REFERENCES orgs(id),
  route TEXT NOT NULL DEFAULT 'normal',
  route_approval TEXT NOT NULL DEFAULT 'none',
  route_decided_by BIGINT REFERENCES users(id),
  route_decided_at BIGINT,
  route_decision_reason TEXT,
  unit_id BIGINT REFERENCES orgs(id),
  state TEXT NOT NULL DEFAULT 'draft',
  version INTEGER NOT NULL DEFAULT 1,
  submitted_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX dossiers_user ON dossiers(user_id);
CREATE INDEX dossiers_campaign_state ON dossiers(campaign_id, state);
CREATE INDEX dossiers_unit ON dossiers(unit_id);
-- One title per level per person per year across the installation: a submitted (or later) dossier holds the slot.
CREATE UNIQUE INDEX one_level_per_person_year ON dossiers(user_id, year, level) WHERE state NOT IN ('draft', 'withdrawn', 'void');

CREATE TABLE dossier_sections (
  dossier_id BIGINT NOT NULL REFERENCES dossiers(id),
  section TEXT NOT NULL,
  data TEXT NOT NULL,
  version INTEGER NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (dossier_id, section)
);

CREATE TABLE blobs (
  sha256 TEXT PRIMARY KEY,
  size BIGINT NOT NULL,
  content_type TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE attachments (
  id {{ID}},
  dossier_id BIGINT NOT NULL REFERENCES dossiers(id),
  item_code TEXT NOT NULL,
  sha256 TEXT NOT NULL REFERENCES blobs(sha256),
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  position INTEGER NOT NULL,
  uploaded_at BIGINT NOT NULL
);
CREATE INDEX attachments_dossier ON attachments(dossier_id, item_code, position);
CREATE INDEX attachments_sha ON attachments(sha256);

CREATE TABLE dossier_history (
  id {{ID}},
  dossier_id BIGINT NOT NULL REFERENCES dossiers(id),
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  actor_user_id BIGINT REFERENCES users(id),
  role TEXT NOT NULL DEFAULT '',
  org_id BIGINT REFERENCES orgs(id),
  ip TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  at BIGINT NOT NULL
);
CREATE INDEX dossier_history_dossier ON dossier_history(dossier_id, id);

-- Values that should not repeat across different people: file hashes, paper titles, CHSI codes.
CREATE TABLE signals (
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  dossier_id BIGINT NOT NULL REFERENCES dossiers(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  PRIMARY KEY (kind, value, dossier_id)
);
CREATE INDEX signals_dossier ON signals(dossier_id);

CREATE TABLE integrity_records (
  id {{ID}},
  subject TEXT NOT NULL,
  user_id BIGINT REFERENCES users(id),
  unit_id BIGINT REFERENCES orgs(id),
  reason TEXT NOT NULL,
  evidence TEXT NOT NULL DEFAULT '',
  starts_on TEXT NOT NULL,
  years INTEGER NOT NULL,
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL
);
CREATE INDEX integrity_user ON integrity_records(user_id);
CREATE INDEX integrity_unit ON integrity_records(unit_id);
