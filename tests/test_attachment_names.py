"""An attachment's stored name is a bare file name of our own form: its sha256 and an optional lower-case extension."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from wethrive_desktop.models.attachment_names import valid_sha256, valid_stored_name

SHA = hashlib.sha256(b"certificate").hexdigest()
OTHER = hashlib.sha256(b"something else").hexdigest()


@pytest.mark.parametrize("name", [SHA, SHA + ".pdf", SHA + ".jpeg", SHA + ".mp4", SHA + ".7z"])
def test_our_own_names_are_valid(name: str) -> None:
    assert valid_stored_name(name, SHA)


@pytest.mark.parametrize("name", [
    "../../etc/passwd", "/etc/hostname", f"../{SHA}.pdf", f"/tmp/{SHA}.pdf", f"sub/{SHA}.pdf", f"{SHA}/x.pdf",
    f"{SHA}\\..\\x.pdf", f"..\\{SHA}.pdf", "", ".", "..", SHA.upper(), SHA + ".PDF", SHA + ".", SHA + "..",
    SHA + ".p df", SHA + ".pdf\n", SHA + ".pdf\x00", SHA + ".tar.gz", SHA[:-1], SHA + "0", OTHER + ".pdf",
    SHA + "." + "x" * 33, "C:" + SHA, SHA + ".pdf/", SHA + ".pdé",
])
def test_anything_else_is_refused(name: str) -> None:
    assert not valid_stored_name(name, SHA)


def test_the_name_must_start_with_the_attachments_own_digest() -> None:
    assert valid_stored_name(OTHER + ".pdf", OTHER) and not valid_stored_name(OTHER + ".pdf", SHA)


@pytest.mark.parametrize("digest", ["", "abc", SHA.upper(), SHA + "0", "g" * 64, f"../{SHA[3:]}"])
def test_a_bad_digest_is_refused_and_makes_no_name_valid(digest: str) -> None:
    assert not valid_sha256(digest)
    assert not valid_stored_name(digest + ".pdf", digest)


def test_non_text_is_refused() -> None:
    assert not valid_stored_name(None, SHA)  # type: ignore[arg-type]
    assert not valid_sha256(12)  # type: ignore[arg-type]


def test_a_name_built_the_way_add_attachment_builds_it_is_valid(tmp_path: Path) -> None:
    source = tmp_path / "Certificate.PDF"
    source.write_bytes(b"certificate")
    sha = hashlib.sha256(source.read_bytes()).hexdigest()
    assert valid_stored_name(sha + source.suffix.lower(), sha)
