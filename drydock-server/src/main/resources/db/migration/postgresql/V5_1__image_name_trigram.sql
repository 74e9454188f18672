-- PostgreSQL only: a trigram index for ImageName substring searches (full_name ILIKE '%…%').
-- pg_trgm ships with PostgreSQL (contrib) and is a trusted extension, so a database owner may
-- create it. Where it cannot be created (no privilege, contrib not installed) the migration still
-- succeeds with a warning: substring searches then scan the image table, results are the same.

DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
  RAISE WARNING 'pg_trgm unavailable (%): ImageName substring searches will scan the image table', SQLERRM;
END $$;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    EXECUTE 'CREATE INDEX image_full_name_trgm ON image USING gin (full_name gin_trgm_ops)';
  END IF;
END $$;
