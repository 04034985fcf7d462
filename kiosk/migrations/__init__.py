"""The schema, as numbered migrations: one .sql file each, applied in the order of their names.

Never edit a migration that has landed; add the next file.
"""

import sqlite3
from pathlib import Path

FOLDER = Path(__file__).parent


def statements(text: str) -> list[str]:
    """Split a migration into its statements; a ';' inside a string or a trigger stays put."""
    found, pending = [], ""
    for line in text.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            found.append(pending.strip())
            pending = ""
    if pending.strip():
        raise ValueError(f"a migration ends in an unfinished statement: {pending.strip()[:60]}")
    return found


def load(folder: Path = FOLDER) -> list[tuple[str, list[str]]]:
    """Return every migration as (name, statements), oldest first."""
    return [(path.stem, statements(path.read_text())) for path in sorted(folder.glob("*.sql"))]


MIGRATIONS = load()
