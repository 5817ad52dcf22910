"""Alembic's scripts for the store's tables; run by ``samenbeslissen store upgrade``."""
