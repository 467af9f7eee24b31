-- Search by part of a person's or a unit's name: every one- and two-character piece of each name (see
-- src/db/name_index.hpp), filled here for the names that exist and kept up to date where names are written.
CREATE TABLE name_grams (
  gram TEXT NOT NULL,
  kind TEXT NOT NULL,
  ref_id BIGINT NOT NULL,
  PRIMARY KEY (gram, kind, ref_id)
);
CREATE INDEX name_grams_ref ON name_grams(kind, ref_id);

INSERT INTO name_grams (gram, kind, ref_id)
WITH RECURSIVE names(kind, ref_id, name) AS (
  SELECT 'user', id, real_name FROM users
  UNION ALL SELECT 'unit', id, name FROM orgs WHERE kind = 'unit'
), pos(kind, ref_id, name, i) AS (
  SELECT kind, ref_id, name, 1 FROM names WHERE length(name) > 0
  UNION ALL SELECT kind, ref_id, name, i + 1 FROM pos WHERE i < length(name)
)
SELECT substr(name, i, 1), kind, ref_id FROM pos
UNION SELECT substr(name, i, 2), kind, ref_id FROM pos WHERE i < length(name);
