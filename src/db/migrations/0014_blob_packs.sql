-- Blobs are appended to pack files: each row names its pack and the offset of its bytes there. Rows from before
-- packs keep both NULL and name a loose file under its hash.
ALTER TABLE blobs ADD COLUMN pack TEXT;
ALTER TABLE blobs ADD COLUMN pack_offset BIGINT;
