-- Each integrity record keeps its own period: in force from starts_on until ends_on (exclusive). An office may
-- end a record early (an appeal upheld, a record entered in error); who, when and why are kept.
ALTER TABLE integrity_records ADD COLUMN ends_on TEXT;
UPDATE integrity_records SET ends_on = CAST(CAST(substr(starts_on, 1, 4) AS INTEGER) + years AS TEXT) || substr(starts_on, 5);
ALTER TABLE integrity_records ADD COLUMN end_reason TEXT;
ALTER TABLE integrity_records ADD COLUMN ended_by BIGINT REFERENCES users(id);
ALTER TABLE integrity_records ADD COLUMN ended_at BIGINT;
