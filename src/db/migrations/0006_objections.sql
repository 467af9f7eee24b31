-- Objections (异议/举报) during publicity: taken only with a real name and contact; the reviewer records the handling.
CREATE TABLE objections (
  id {{ID}},
  dossier_id BIGINT NOT NULL REFERENCES dossiers(id),
  stage TEXT NOT NULL,
  real_name TEXT NOT NULL,
  contact_phone TEXT NOT NULL,
  content TEXT NOT NULL,
  ip TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  handling TEXT,
  outcome TEXT,
  handled_by BIGINT REFERENCES users(id),
  handled_at BIGINT
);
CREATE INDEX objections_dossier ON objections(dossier_id);
