"""Messages of the scoring instruments, in Dutch and English (joined into _messages)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {}
"""Message key to (Dutch, English); placeholders in braces, like the main catalogue."""
