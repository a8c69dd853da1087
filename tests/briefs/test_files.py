"""Reading and decoding files: encodings, binary, non-regular files, size, torn reads."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from briefs.files import decode, read_bytes, read_text
from briefs.load import load_file
from briefs.model import LoadError

TEXT = "Café briefing: the Agency’s plan — 12 satellites"


@pytest.mark.parametrize(
    "encoding,guessed",
    [("utf-8", False), ("utf-8-sig", False), ("utf-16", False), ("utf-16-le", True), ("cp1252", True)],
)
def test_encodings_decode_to_the_same_text(tmp_path: Path, encoding: str, guessed: bool) -> None:
    path = tmp_path / "b.txt"
    path.write_bytes(TEXT.encode(encoding))
    text, warnings = read_text(str(path))
    assert text.lstrip("\ufeff") == TEXT
    assert bool(warnings) == guessed


def test_latin1_falls_back_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "b.txt"
    path.write_bytes("Ré\x81sumé".encode("latin-1"))  # 0x81 is undefined in cp1252
    text, warnings = read_text(str(path))
    assert text == "Ré\x81sumé"
    assert "latin-1" in warnings[0]


def test_front_matter_after_a_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "b.md"
    path.write_bytes("---\ntitle: With BOM\n---\nBody".encode("utf-8-sig"))
    [brief] = load_file(str(path))
    assert brief.title == "With BOM"
    assert "title:" not in brief.body


def test_utf16_markdown_with_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "b.md"
    path.write_bytes("---\ntitle: Wide\ntags: [a]\n---\nBody text".encode("utf-16"))
    [brief] = load_file(str(path))
    assert (brief.title, brief.tags) == ("Wide", ["a"])


def test_binary_with_text_extension_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "image.md"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(LoadError, match="binary"):
        load_file(str(path))


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.md"
    path.write_text("  \n\n")
    with pytest.raises(LoadError, match="empty"):
        load_file(str(path))


def test_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    path = tmp_path / "pipe.md"
    os.mkfifo(path)
    started = time.monotonic()
    with pytest.raises(LoadError, match="named pipe"):
        read_bytes(str(path))
    assert time.monotonic() - started < 2


def test_directory_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="directory"):
        read_bytes(str(tmp_path))
    with pytest.raises(LoadError, match="not found"):
        read_bytes(str(tmp_path / "nope.md"))


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 5000)
    with pytest.raises(LoadError, match="too large"):
        read_bytes(str(path), max_bytes=4096)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.md"
    path.write_text("x")
    path.chmod(0)
    with pytest.raises(LoadError, match="permission denied"):
        read_bytes(str(path))


def test_file_rewritten_while_read_is_never_torn(tmp_path: Path) -> None:
    path = tmp_path / "busy.txt"
    versions = [("A" * 200_000).encode(), ("B" * 150_000).encode()]
    path.write_bytes(versions[0])
    stop = threading.Event()

    def rewrite() -> None:
        n = 0
        while not stop.is_set():
            path.write_bytes(versions[n % 2])
            n += 1
            time.sleep(0.003)

    writer = threading.Thread(target=rewrite)
    writer.start()
    try:
        for _ in range(10):
            try:
                data = read_bytes(str(path), retries=1)
            except LoadError as exc:
                assert "kept changing" in exc.reason
                continue
            assert data in versions, "a torn read mixed two versions of the file"
    finally:
        stop.set()
        writer.join()
    assert read_bytes(str(path)) in versions  # once still, it reads whole


def test_decode_refuses_nul_bytes_that_are_not_utf16() -> None:
    with pytest.raises(LoadError, match="binary"):
        decode("x.txt", b"abc\x00\x01\x02\xff\xfe\x00\x00\x10" * 30)
