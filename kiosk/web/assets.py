"""Static files for phones on a slow Wi-Fi: versioned, cached for a year, compressed once.

Every static URL carries its file's digest (`?v=…`), so a browser may keep the file for a year
and a changed file gets a new URL. Each file is compressed once, with brotli or gzip, and kept
in memory: 2,000 phones arriving fetch the same few files, and none of them waits for a
compressor. Pages themselves (HTML, JSON) are compressed as they are sent (Flask-Compress).
"""

import gzip
import hashlib
import mimetypes
import os
import threading

import brotli
from flask import Flask, abort, current_app, request
from flask_compress import Compress

YEAR = 365 * 24 * 3600
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")


class Assets:
    """The static folder's files: their digests, and each file compressed once per encoding."""

    def __init__(self, folder: str):
        self.folder = os.path.realpath(folder)
        self.cache: dict[tuple[str, str], tuple[bytes, str]] = {}
        self.lock = threading.Lock()

    def path(self, filename: str) -> str:
        """Return the file's path inside the static folder, or refuse (404)."""
        path = os.path.realpath(os.path.join(self.folder, filename))
        if not path.startswith(self.folder + os.sep) or not os.path.isfile(path):
            abort(404)
        return path

    def get(self, filename: str, encoding: str) -> tuple[bytes, str]:
        """Return the file's bytes in this encoding ("br", "gzip" or "") and its digest."""
        key = (filename, encoding)
        with self.lock:
            found = self.cache.get(key)
        if found is None:
            with open(self.path(filename), "rb") as f:
                raw = f.read()
            digest = hashlib.sha256(raw).hexdigest()[:12]
            if encoding == "br":
                raw = brotli.compress(raw, quality=11)
            elif encoding == "gzip":
                raw = gzip.compress(raw, compresslevel=9, mtime=0)
            found = (raw, digest)
            with self.lock:
                self.cache[key] = found
        return found

    def digest(self, filename: str) -> str:
        """Return the digest that versions the file's URL."""
        return self.get(filename, "")[1]


def best_encoding(filename: str) -> str:
    """Choose brotli, gzip or nothing, by what the browser accepts and what the file is."""
    kind = mimetypes.guess_type(filename)[0] or ""
    if not kind.startswith(COMPRESSIBLE):
        return ""
    accepted = request.accept_encodings
    return "br" if "br" in accepted else "gzip" if "gzip" in accepted else ""


def send_static(filename: str):
    """Send a static file, compressed, cached for a year when its URL has the current digest."""
    assets: Assets = current_app.extensions["kiosk_assets"]
    encoding = best_encoding(filename)
    body, digest = assets.get(filename, encoding)
    response = current_app.response_class(body, mimetype=mimetypes.guess_type(filename)[0])
    response.headers["Vary"] = "Accept-Encoding"
    if encoding:
        response.headers["Content-Encoding"] = encoding
    if request.args.get("v") == digest:
        response.cache_control.public = True
        response.cache_control.max_age = YEAR
        response.cache_control.immutable = True
    else:
        response.cache_control.no_cache = True
        response.set_etag(digest)
        response.make_conditional(request)
    return response


def add_version(endpoint: str, values: dict) -> None:
    """Give every static URL its file's digest."""
    if endpoint == "static" and "filename" in values:
        values["v"] = current_app.extensions["kiosk_assets"].digest(values["filename"])


def init_app(app: Flask) -> None:
    """Serve static files versioned and compressed, and compress the pages."""
    app.extensions["kiosk_assets"] = Assets(app.static_folder)
    app.view_functions["static"] = send_static
    app.url_defaults(add_version)
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    Compress(app)
