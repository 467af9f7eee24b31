-- Unit review: per-item marks by round, snapshots taken at a return (for the reviewer's diff), publicity end.

ALTER TABLE dossiers ADD COLUMN review_round INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dossiers ADD COLUMN publicity_ends_at BIGINT;

-- One mark per item and round: a section or an attachment checked as fine, or with a problem and a comment.
CREATE TABLE review_marks (
  id {{ID}},
  dossier_id BIGINT NOT NULL REFERENCES dossiers(id),
  round INTEGER NOT NULL,
  target_kind TEXT NOT NULL,
  target TEXT NOT NULL,
  status TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  by_user BIGINT NOT NULL REFERENCES users(id),
  at BIGINT NOT NULL,
  UNIQUE (dossier_id, round, target_kind, target)
);

-- What each section and the attachment list looked like when the dossier was returned.
CREATE TABLE return_snapshots (
  dossier_id BIGINT NOT NULL REFERENCES dossiers(id),
  round INTEGER NOT NULL,
  part TEXT NOT NULL,
  digest TEXT NOT NULL,
  PRIMARY KEY (dossier_id, round, part)
);
