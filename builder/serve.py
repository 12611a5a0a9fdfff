"""``arshif serve``: build, serve site/ on localhost, rebuild when the input changes."""

from __future__ import annotations

import functools
import http.server
import threading
import time
from pathlib import Path

from builder.build import build
from builder.config import Layout
from builder.packaged import publishing_settings
from builder.publisher.site import read_files


def _signature(layout: Layout) -> tuple[tuple[str, int, int], ...]:
    """Names, sizes and modification times of the content, templates and settings."""
    files = []
    for path in [*read_files(layout), publishing_settings(layout)]:
        st = path.stat()
        files.append((str(path), st.st_size, st.st_mtime_ns))
    return tuple(sorted(files))


def serve(root: Path, port: int, interval: float = 1.0) -> None:
    """Serve ``site/`` at http://127.0.0.1:PORT/ until interrupted."""
    layout = Layout(root)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(layout.site))
    try:  # the port first: taken, it is said at once, not after a build
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as err:
        raise OSError(err.errno, f"cannot serve on port {port}: {err.strerror}") from err
    build(root)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"arshif: serving http://127.0.0.1:{port}/ (Ctrl-C to stop)", flush=True)
    seen = _signature(layout)
    try:
        while True:
            time.sleep(interval)
            now = _signature(layout)
            if now != seen:
                seen = now
                try:
                    build(root)
                except Exception as err:  # keep serving the last good site
                    print(f"arshif: build failed, previous site kept: {err}", flush=True)
    except KeyboardInterrupt:
        server.shutdown()
