-- Every server keeps the catalog and campaigns in memory while this generation stays the same (db::Tx::config_cached).
-- Each change to those tables, by the application or by hand, gives it a value never used before: a random one on
-- SQLite, the next of a sequence on PostgreSQL (a sequence does not go back when a transaction rolls back), so a
-- value kept under a change that was rolled back is never taken for a later one.
CREATE TABLE config_generation (
  id INTEGER PRIMARY KEY,
  n BIGINT NOT NULL
);
INSERT INTO config_generation (id, n) VALUES (1, 0);
--postgresql: CREATE SEQUENCE config_generation_seq;
--postgresql: CREATE FUNCTION bump_config_generation() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE config_generation SET n = nextval('config_generation_seq') WHERE id = 1; RETURN NULL; END $$;
--postgresql: CREATE TRIGGER series_generation AFTER INSERT OR UPDATE OR DELETE ON series FOR EACH STATEMENT EXECUTE FUNCTION bump_config_generation();
--postgresql: CREATE TRIGGER specialties_generation AFTER INSERT OR UPDATE OR DELETE ON specialties FOR EACH STATEMENT EXECUTE FUNCTION bump_config_generation();
--postgresql: CREATE TRIGGER requirements_generation AFTER INSERT OR UPDATE OR DELETE ON requirements FOR EACH STATEMENT EXECUTE FUNCTION bump_config_generation();
--postgresql: CREATE TRIGGER checklist_items_generation AFTER INSERT OR UPDATE OR DELETE ON checklist_items FOR EACH STATEMENT EXECUTE FUNCTION bump_config_generation();
--postgresql: CREATE TRIGGER campaigns_generation AFTER INSERT OR UPDATE OR DELETE ON campaigns FOR EACH STATEMENT EXECUTE FUNCTION bump_config_generation();
--postgresql: CREATE TRIGGER campaign_series_generation AFTER INSERT OR UPDATE OR DELETE ON campaign_series FOR EACH STATEMENT EXECUTE FUNCTION bump_config_generation();
--postgresql: CREATE TRIGGER campaign_committees_generation AFTER INSERT OR UPDATE OR DELETE ON campaign_committees FOR EACH STATEMENT EXECUTE FUNCTION bump_config_generation();
--postgresql: CREATE TRIGGER campaign_phases_generation AFTER INSERT OR UPDATE OR DELETE ON campaign_phases FOR EACH STATEMENT EXECUTE FUNCTION bump_config_generation();
--sqlite: CREATE TRIGGER series_generation_insert AFTER INSERT ON series BEGIN UPDATE config_generation SET n = random() WHERE id = 1; END;
--sqlite: CREATE TRIGGER series_generation_update AFTER UPDATE ON series BEGIN UPDATE config_generation SET n = random() WHERE id = 1; END;
--sqlite: CREATE TRIGGER series_generation_delete AFTER DELETE ON series BEGIN UPDATE config_generation SET n = random() WHERE id = 1; END;
--sqlite: CREATE TRIGGER specialties_generation_insert AFTER INSERT ON specialties BEGIN UPDATE config_generation SET n = random() WHERE id = 1; END;
--sqlite: CREATE TRIGGER specialties_generation_update AFTER UPDATE ON specialties BEGIN UPDATE config_generation SET n = random() WHERE id = 1; END;
--sqlite: CREATE TRIGGER specialties_generation_delete AFTER DELETE ON specialties BEGIN UPDATE config_generation SET n = random() WHERE id = 1; END;
--sqlite: CREATE TRIGGER requirements_generation_insert AFTER INSERT ON requirements BEGIN UPDATE config_generation SET n = random() WHERE id = 1; END;
--sqlite: CREATE TRIGGER requirements_generation_update AFTER UPDATE ON requirements BEGIN UPDATE config_generation SET n = random() WHERE id = 1; END;
--sqlite: CREATE TRIGGER requirements_generation_delete AFTER DELETE ON requirements BEGIN UPDATE config_generation SET n = random() WHERE id = 1; END;
--sqlite: CREATE TRIGGER checklist_items_generation_insert AFTER INSERT ON checklist_items BEGIN UPDATE config_generation SET n = random() WHERE id = 1; END;
--sqlite: CREATE TRIGGER checklist_items_generation_update AFTER UPDATE ON checklist_items BEGIN UPDATE config_generation SET n = random() WHERE id = 1; END;
--sqlite: CREATE TRIGGER checklist_items_generation_delete AFTER DELETE ON checklist_items BEGIN UPDATE config_generation SET n = random() WHERE id = 1; END;
--sqlite: CREATE TRIGGER campaigns_generation_insert AFTER INSERT ON campaigns BEGIN UPDATE config_generation SET n = random() WHERE id = 1; END;
--sqlite: CREATE TRIGGER campaigns_generation_update AFTER UPDATE ON campaigns BEGIN UPDATE config_generation SET n = random() WHERE id = 1; END;
--sqlite: CREATE TRIGGER campaigns_generation_delete AFTER DELETE ON campaigns BEGIN UPDATE config_generation SET n = random() WHERE id = 1; END;
--sqlite: CREATE TRIGGER campaign_series_generation_insert AFTER INSERT ON campaign_series BEGIN UPDATE config_generation SET n = random() WHERE id = 1; END;
--sqlite: CREATE TRIGGER campaign_series_generation_update AFTER UPDATE ON campaign_series BEGIN UPDATE config_generation SET n = random() WHERE id = 1; END;
--sqlite: CREATE TRIGGER campaign_series_generation_delete AFTER DELETE ON campaign_series BEGIN UPDATE config_generation SET n = random() WHERE id = 1; END;
--sqlite: CREATE TRIGGER campaign_committees_generation_insert AFTER INSERT ON campaign_committees BEGIN UPDATE config_generation SET n = random() WHERE id = 1; END;
--sqlite: CREATE TRIGGER campaign_committees_generation_update AFTER UPDATE ON campaign_committees BEGIN UPDATE config_generation SET n = random() WHERE id = 1; END;
--sqlite: CREATE TRIGGER campaign_committees_generation_delete AFTER DELETE ON campaign_committees BEGIN UPDATE config_generation SET n = random() WHERE id = 1; END;
--sqlite: CREATE TRIGGER campaign_phases_generation_insert AFTER INSERT ON campaign_phases BEGIN UPDATE config_generation SET n = random() WHERE id = 1; END;
--sqlite: CREATE TRIGGER campaign_phases_generation_update AFTER UPDATE ON campaign_phases BEGIN UPDATE config_generation SET n = random() WHERE id = 1; END;
--sqlite: CREATE TRIGGER campaign_phases_generation_delete AFTER DELETE ON campaign_phases BEGIN UPDATE config_generation SET n = random() WHERE id = 1; END;
