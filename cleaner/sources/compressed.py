"""Single pages stored gzip-compressed (``page.html.gz``)."""

from __future__ import annotations

import zlib

from cleaner.document import Rejected

MAX_DECOMPRESSED = 64 * 1024 * 1024


def maybe_decompress(data: bytes, name: str = "", limit: int = MAX_DECOMPRESSED) -> bytes:
    """Gunzip ``data`` if it is gzip, refusing output larger than ``limit``.

    >>> import gzip
    >>> maybe_decompress(gzip.compress(b"hello"))
    b'hello'
    >>> maybe_decompress(b"plain")
    b'plain'
    """
    if not data.startswith(b"\x1f\x8b"):
        return data
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise Rejected("bad-gzip", str(exc)) from exc
    if len(out) > limit:
        raise Rejected("too-large", f"decompresses to more than {limit} bytes (gzip bomb?)")
    return out
