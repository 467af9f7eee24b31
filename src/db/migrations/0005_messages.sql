-- In-app messages: what happened to a dossier or an account, for the people concerned.
CREATE TABLE messages (
  id {{ID}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  title_en TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  dossier_id BIGINT REFERENCES dossiers(id),
  created_at BIGINT NOT NULL,
  read_at BIGINT
);
CREATE INDEX messages_user ON messages(user_id, read_at, id);
