"""The worker fleet: Celery carries one work token per job; the jobs table stays the record (docs/SCALE.md)."""
