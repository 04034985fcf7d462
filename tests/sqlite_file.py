"""Read a SQLite database file and its write-ahead log as an attacker would: page by page.

Used by the secret-ballot tests to see what the bytes on disk give away, whatever SQL would say.
Only what those tests need: page images from the file and from every WAL frame, and the records
on each B-tree leaf page in the physical order their bytes sit in (cells are written from the
end of a page towards its start, so that order is often the order rows were inserted).
"""

from __future__ import annotations

import struct
from pathlib import Path

LEAF_TABLE, LEAF_INDEX = 0x0D, 0x0A


def varint(data: bytes, at: int) -> tuple[int, int]:
    """Read a SQLite varint at an offset; return (value, offset after it)."""
    value = 0
    for i in range(8):
        byte = data[at + i]
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, at + i + 1
    return (value << 8) | data[at + 8], at + 9


def _value(serial: int, data: bytes, at: int):
    """Decode one record value of a serial type; return (value, its length)."""
    sizes = {0: 0, 1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 8, 7: 8, 8: 0, 9: 0}
    if serial in (8, 9):
        return serial - 8, 0
    if serial in sizes:
        size = sizes[serial]
        if serial == 0:
            return None, 0
        if serial == 7:
            return struct.unpack(">d", data[at : at + 8])[0], 8
        return int.from_bytes(data[at : at + size], "big", signed=True), size
    size = (serial - 12) // 2
    raw = data[at : at + size]
    return (raw.decode("utf-8", "replace") if serial % 2 else raw), size


def record(data: bytes, at: int, end: int) -> list:
    """Decode the record (header and values) starting at an offset."""
    header_size, cursor = varint(data, at)
    serials, body = [], at + header_size
    while cursor < at + header_size:
        serial, cursor = varint(data, cursor)
        serials.append(serial)
    values = []
    for serial in serials:
        if body > end:
            break
        value, size = _value(serial, data, body)
        values.append(value)
        body += size
    return values


def leaf_records(page: bytes, header_at: int = 0) -> list[list] | None:
    """Return a leaf page's records in the physical order of their bytes, or None if not a leaf.

    A table leaf's records start with their rowid. Records that spill onto overflow pages are
    read as far as this page holds them.
    """
    kind = page[header_at]
    if kind not in (LEAF_TABLE, LEAF_INDEX):
        return None
    count = int.from_bytes(page[header_at + 3 : header_at + 5], "big")
    pointers = [
        int.from_bytes(page[header_at + 8 + 2 * i : header_at + 10 + 2 * i], "big")
        for i in range(count)
    ]
    found = []
    for offset in sorted(pointers):
        try:
            size, cursor = varint(page, offset)
            rowid = None
            if kind == LEAF_TABLE:
                rowid, cursor = varint(page, cursor)
            values = record(page, cursor, min(len(page), cursor + size))
        except (IndexError, struct.error):
            continue  # a page that only looks like a leaf
        found.append(([rowid] if kind == LEAF_TABLE else []) + values)
    return found


def page_images(folder: Path, name: str = "kiosk.db") -> list[bytes]:
    """Return every page image in the database file and in every frame of its WAL."""
    images = []
    db = (folder / name).read_bytes()
    size = int.from_bytes(db[16:18], "big") if len(db) >= 100 else 4096
    size = 65536 if size == 1 else size
    images += [db[i : i + size] for i in range(0, len(db), size)]
    wal_path = folder / f"{name}-wal"
    wal = wal_path.read_bytes() if wal_path.exists() else b""
    if len(wal) >= 32:
        size = int.from_bytes(wal[8:12], "big")
        images += [wal[i + 24 : i + 24 + size] for i in range(32, len(wal) - size + 1, size + 24)]
    return images


def records_by_page(folder: Path) -> list[list[list]]:
    """Return, for every leaf page image of the file and its WAL, its records in byte order."""
    pages = []
    for image in page_images(folder):
        header_at = 100 if image.startswith(b"SQLite format 3\x00") else 0
        found = leaf_records(image, header_at)
        if found:
            pages.append(found)
    return pages


def raw_bytes(folder: Path, name: str = "kiosk.db") -> bytes:
    """Return the bytes of the database file, its WAL and its shared-memory index together."""
    return b"".join(
        (folder / f"{name}{tail}").read_bytes()
        for tail in ("", "-wal", "-shm")
        if (folder / f"{name}{tail}").exists()
    )
