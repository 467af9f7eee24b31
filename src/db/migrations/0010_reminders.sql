-- Notices sent by the background reminders (publicity ended, deadline near): one row per notice, so that several
-- servers sharing the database never send one twice.
CREATE TABLE notices_sent (
  notice_key TEXT PRIMARY KEY,
  sent_at BIGINT NOT NULL
);
