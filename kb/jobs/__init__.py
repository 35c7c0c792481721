"""Results with permalinks, and background jobs (Celery) for big logs and bundles."""
