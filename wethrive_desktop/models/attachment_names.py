"""The one form an attachment's stored file name may take: its sha256 and an optional lower-case extension.

add_attachment names the copy in the attachments folder `sha256 + source.suffix.lower()`. A name read back from
anywhere (the database, an imported file) is joined to that folder, so it must be a bare file name of that form:
no folder, no "..", no absolute path, and it must start with the attachment's own sha256.
"""

from __future__ import annotations

import re

# 64 lower-case hex digits, then an optional extension of lower-case ASCII letters and digits.
STORED_NAME = re.compile(r"(?P<sha>[0-9a-f]{64})(?:\.[a-z0-9]{1,32})?")
SHA256 = re.compile(r"[0-9a-f]{64}")

__all__ = ["SHA256", "STORED_NAME", "valid_sha256", "valid_stored_name"]


def valid_sha256(value: str) -> bool:
    """True for a sha256 as add_attachment writes it: 64 lower-case hex digits."""
    return isinstance(value, str) and SHA256.fullmatch(value) is not None


def valid_stored_name(name: str, sha256: str) -> bool:
    """True when `name` is a safe stored name for the attachment whose digest is `sha256`.

    >>> sha = "ab" * 32
    >>> valid_stored_name(sha + ".pdf", sha), valid_stored_name("../../etc/passwd", sha)
    (True, False)
    """
    if not isinstance(name, str) or not valid_sha256(sha256):
        return False
    match = STORED_NAME.fullmatch(name)
    return match is not None and match.group("sha") == sha256
