-- Queues across every state of a campaign read in the order of the last change.
CREATE INDEX dossiers_campaign_updated ON dossiers(campaign_id, updated_at);
-- Searching by part of a name scans this narrow index instead of the whole users table.
CREATE INDEX users_real_name ON users(real_name);
