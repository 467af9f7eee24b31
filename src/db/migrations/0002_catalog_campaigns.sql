-- Catalog (series, specialties, requirement tables, material checklists), campaigns with dated phases,
-- and the working-day calendar's overrides. Dates without time are TEXT 'YYYY-MM-DD' (Asia/Shanghai).

CREATE TABLE series (
  id {{ID}},
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  owner_org_id BIGINT NOT NULL REFERENCES orgs(id),
  -- Each series names its levels (政工员 … 思想政治工作研究员); NULL where the series has no such level.
  name_entry TEXT,
  name_assistant TEXT,
  name_intermediate TEXT,
  name_deputy_senior TEXT,
  name_senior TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE specialties (
  id {{ID}},
  series_id BIGINT NOT NULL REFERENCES series(id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  UNIQUE (series_id, code)
);

-- One row per (series, level, route, education): the minimum years at the lower title and of professional work.
CREATE TABLE requirements (
  id {{ID}},
  series_id BIGINT NOT NULL REFERENCES series(id),
  level TEXT NOT NULL,
  route TEXT NOT NULL,
  education TEXT NOT NULL,
  min_years_lower_title INTEGER,
  min_years_work INTEGER,
  note TEXT NOT NULL DEFAULT '',
  UNIQUE (series_id, level, route, education)
);

CREATE TABLE checklist_items (
  id {{ID}},
  series_id BIGINT NOT NULL REFERENCES series(id),
  level TEXT NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  section TEXT NOT NULL,
  required INTEGER NOT NULL DEFAULT 1,
  allowed_types TEXT NOT NULL DEFAULT 'jpeg,pdf',
  max_bytes BIGINT NOT NULL DEFAULT 2097152,
  max_count INTEGER NOT NULL DEFAULT 1,
  ordered INTEGER NOT NULL DEFAULT 0,
  sort INTEGER NOT NULL DEFAULT 0,
  UNIQUE (series_id, level, code)
);

CREATE TABLE campaigns (
  id {{ID}},
  year INTEGER NOT NULL,
  name TEXT NOT NULL,
  office_org_id BIGINT NOT NULL REFERENCES orgs(id),
  tenure_cutoff TEXT NOT NULL,
  achievement_cutoff TEXT NOT NULL,
  ce_hours_per_year INTEGER NOT NULL DEFAULT 90,
  ce_public_hours_per_year INTEGER NOT NULL DEFAULT 30,
  integrity_years INTEGER NOT NULL DEFAULT 3,
  publicity_working_days INTEGER NOT NULL DEFAULT 5,
  status TEXT NOT NULL DEFAULT 'draft',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX campaigns_year ON campaigns(year);

CREATE TABLE campaign_series (
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
  series_id BIGINT NOT NULL REFERENCES series(id),
  PRIMARY KEY (campaign_id, series_id)
);

CREATE TABLE campaign_committees (
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
  committee_org_id BIGINT NOT NULL REFERENCES orgs(id),
  series_id BIGINT NOT NULL REFERENCES series(id),
  levels TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (campaign_id, committee_org_id, series_id)
);

CREATE TABLE campaign_phases (
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
  phase TEXT NOT NULL,
  opens_at BIGINT NOT NULL,
  closes_at BIGINT NOT NULL,
  PRIMARY KEY (campaign_id, phase)
);

CREATE TABLE phase_extensions (
  id {{ID}},
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
  phase TEXT NOT NULL,
  old_closes_at BIGINT NOT NULL,
  new_closes_at BIGINT NOT NULL,
  reason TEXT NOT NULL,
  by_user BIGINT NOT NULL REFERENCES users(id),
  at BIGINT NOT NULL
);

-- Exceptions to Monday–Friday: official holidays on weekdays (working = 0) and swapped weekend working days (1).
CREATE TABLE calendar_days (
  day TEXT PRIMARY KEY,
  working INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  updated_by BIGINT REFERENCES users(id),
  updated_at BIGINT NOT NULL
);

-- Expired sessions are deleted at sign-in by idle time.
CREATE INDEX sessions_last_seen ON sessions(last_seen_at);
