-- Drydock server schema, version 5: indexes of the image inventory operations (ListImageRisk,
-- DescribeImageInstances, DescribeImageInfoList, DescribeImageCriteria).
-- Portable SQL: runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.

-- Page order of every image listing (ORDER BY full_name, id) and ImageName "namespace/repo:tag".
CREATE INDEX image_page_order ON image (full_name, id);
-- ImageName "namespace/repo" and "namespace/".
CREATE INDEX image_repo_path ON image_repo (repo_namespace, repo_name);
-- ImageName "repo:tag" (any namespace).
CREATE INDEX image_repo_by_name ON image_repo (repo_name);
-- ListImageRisk's ClusterId, Namespace and AppName filters: the digests a cluster, namespace or
-- app runs, read from the index alone (the digest is the last column).
CREATE INDEX workload_image_scope_digest ON workload_image (cluster_id, namespace, app_name, digest);
CREATE INDEX workload_image_namespace ON workload_image (namespace, app_name, digest);
CREATE INDEX workload_image_app ON workload_image (app_name, digest);
