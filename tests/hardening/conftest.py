"""The API tests' database fixtures (SQLite and a fresh PostgreSQL schema), shared here."""

from tests.api.conftest import client, database_url, postgres_ok, postgres_url, tenant

__all__ = ["client", "database_url", "postgres_ok", "postgres_url", "tenant"]
