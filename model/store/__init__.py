"""The SQLite store: `Store` reads and writes sessions; `database` is its gatekeeper."""

from model.store.database import Database, open_database
from model.store.schema import SCHEMA_VERSION
from model.store.sessions import Store

__all__ = ["SCHEMA_VERSION", "Database", "Store", "open_database"]
