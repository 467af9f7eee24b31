-- The same file in two people's dossiers is found from the attachments' own hashes (indexed by attachments_sha),
-- so uploads and deletions keep no rows of their own in signals.
DELETE FROM signals WHERE kind = 'file_hash';
