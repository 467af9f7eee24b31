-- Optional email: a user's address, and an outbox of mails written in the same transaction as the in-app message.
-- A background sender claims due rows (status sending, claimed_by) so that servers sharing one database never
-- send the same mail twice.
ALTER TABLE users ADD COLUMN email TEXT;

CREATE TABLE mail_outbox (
  id {{ID}},
  message_id BIGINT REFERENCES messages(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'queued',
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  next_attempt_at BIGINT NOT NULL,
  claimed_by TEXT,
  claimed_at BIGINT,
  created_at BIGINT NOT NULL,
  sent_at BIGINT
);
CREATE INDEX mail_outbox_due ON mail_outbox(status, next_attempt_at);
CREATE INDEX mail_outbox_user ON mail_outbox(user_id);
