-- Foundation: organisations, users, roles, sessions, reviewer designations, audit log.
-- Instants are BIGINT milliseconds since the Unix epoch (UTC). Booleans are INTEGER 0/1.

CREATE TABLE orgs (
  id {{ID}},
  parent_id BIGINT REFERENCES orgs(id),
  path TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  credit_code TEXT UNIQUE,
  unit_type TEXT,
  legal_person INTEGER NOT NULL DEFAULT 1,
  supervising_dept_id BIGINT REFERENCES orgs(id),
  region TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'active',
  reject_reason TEXT,
  contact_name TEXT,
  contact_phone TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX orgs_parent ON orgs(parent_id);
CREATE INDEX orgs_path ON orgs(path);
CREATE INDEX orgs_kind_status ON orgs(kind, status);

CREATE TABLE users (
  id {{ID}},
  login TEXT NOT NULL UNIQUE,
  real_name TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT '',
  resident_id TEXT UNIQUE,
  unit_id BIGINT REFERENCES orgs(id),
  password_hash TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 0,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX users_unit ON users(unit_id);

CREATE TABLE role_assignments (
  id {{ID}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  role TEXT NOT NULL,
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  created_at BIGINT NOT NULL,
  UNIQUE (user_id, role, org_id)
);
-- A unit has exactly one designated reviewer at a time.
CREATE UNIQUE INDEX one_reviewer_per_unit ON role_assignments(org_id) WHERE role = 'unit_reviewer';
CREATE INDEX role_assignments_org ON role_assignments(org_id, role);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  ip TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE reviewer_designations (
  id {{ID}},
  unit_id BIGINT NOT NULL REFERENCES orgs(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  status TEXT NOT NULL,
  requested_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  decided_by BIGINT REFERENCES users(id),
  decided_at BIGINT,
  reason TEXT
);
-- At most one pending designation per unit.
CREATE UNIQUE INDEX one_pending_designation ON reviewer_designations(unit_id) WHERE status = 'pending';

CREATE TABLE audit_log (
  id {{ID}},
  at BIGINT NOT NULL,
  actor_user_id BIGINT,
  actor_login TEXT NOT NULL DEFAULT '',
  acting_as_user_id BIGINT,
  acting_as_login TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL DEFAULT '',
  ip TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  object_type TEXT NOT NULL DEFAULT '',
  object_id TEXT NOT NULL DEFAULT '',
  summary TEXT NOT NULL DEFAULT '',
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_action ON audit_log(action);
CREATE INDEX audit_actor ON audit_log(actor_login);
