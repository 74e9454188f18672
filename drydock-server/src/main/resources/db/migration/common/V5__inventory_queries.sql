-- Drydock server schema, version 5: indexes of the image inventory operations (ListImageRisk,
-- DescribeImageInstances, DescribeImageInfoList, DescribeImageCriteria).
-- Portable SQL: runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.

-- Page order of every image listing (ORDER BY full_name, id) and ImageName "namespace/repo:tag".
CREATE INDEX image_page_order ON image (full_name, id);
-- ImageName "namespace/repo" and "namespace/".
CREATE INDEX image_repo_path ON image_repo (repo_namespace, repo_name);
-- ImageName "repo:tag" (any namespace).
CREATE INDEX image_repo_by_name ON image_repo (repo_name);
-- ListImageRisk's Namespace and AppName filters without a ClusterId (with one: workload_image_scope).
CREATE INDEX workload_image_namespace ON workload_image (namespace, app_name);
CREATE INDEX workload_image_app ON workload_image (app_name);
