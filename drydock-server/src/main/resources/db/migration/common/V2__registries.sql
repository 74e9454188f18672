-- Drydock server schema, version 2: registry sync bookkeeping and the endpoints of each repository.
-- Portable SQL: runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.

-- Who registered the registry (AliUid in the API).
ALTER TABLE registry ADD COLUMN ali_uid BIGINT;
-- A sync was asked for (registration, ModifyImageRegistry, a scan task) and has not started yet.
ALTER TABLE registry ADD COLUMN sync_requested BOOLEAN NOT NULL DEFAULT FALSE;
-- When the periodic sync is next due (3600 / trans_per_hour seconds after the last one); NULL: not scheduled.
ALTER TABLE registry ADD COLUMN next_sync_at TIMESTAMP WITH TIME ZONE;
-- The claim of a running sync: the server process holding it and until when. A claim whose lease
-- has run out (its process died) may be taken by any process.
ALTER TABLE registry ADD COLUMN sync_owner VARCHAR(128);
ALTER TABLE registry ADD COLUMN sync_lease_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE registry ADD COLUMN sync_started_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX registry_sync_due ON registry (next_sync_at);

-- Derived from the registry when the repository is synced (see RegistryEndpoints): what the
-- image inventory shows as RegistryType, Endpoints, InternetURLs, VpcURLs and EndPointList
-- (one entry of type endpoint_type with the comma-separated endpoint_domains).
ALTER TABLE image_repo ADD COLUMN registry_type VARCHAR(32);
ALTER TABLE image_repo ADD COLUMN endpoints VARCHAR(1024);
ALTER TABLE image_repo ADD COLUMN internet_urls VARCHAR(1024);
ALTER TABLE image_repo ADD COLUMN vpc_urls VARCHAR(1024);
ALTER TABLE image_repo ADD COLUMN endpoint_type VARCHAR(16);
ALTER TABLE image_repo ADD COLUMN endpoint_domains VARCHAR(1024);
