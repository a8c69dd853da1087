"""Read files from a corpus safely: regular files only, size-capped, untorn, decoded."""

from __future__ import annotations

import codecs
import os
import re
import stat
import time
from dataclasses import dataclass

from briefs.model import LoadError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# A file modified more recently than this may still be being written (an editor saving,
# a sync tool copying): wait until it has been still this long before trusting a read.
SETTLE_SECONDS = 0.25

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


@dataclass(frozen=True)
class FileStamp:
    """What identifies one version of a file cheaply: inode, size and mtime."""

    inode: int
    size: int
    mtime_ns: int


def stamp_of(st: os.stat_result) -> FileStamp:
    return FileStamp(st.st_ino, st.st_size, st.st_mtime_ns)


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES, retries: int = 3) -> bytes:
    """The bytes of a regular file, read once it holds still.

    Named pipes, devices and directories are refused without blocking (O_NONBLOCK, then
    fstat); a file over `max_bytes` is refused before it is read; a file rewritten while
    being read is read again, and refused if it never holds still.
    """
    for attempt in range(retries + 1):
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        except FileNotFoundError:
            raise LoadError(path, "file not found (deleted, or a broken symlink)") from None
        except PermissionError:
            raise LoadError(path, "permission denied") from None
        except OSError as exc:
            raise LoadError(path, f"cannot open: {exc.strerror or exc}") from None
        try:
            before = os.fstat(fd)
            if not stat.S_ISREG(before.st_mode):
                raise LoadError(path, f"not a regular file ({_kind(before.st_mode)})")
            if before.st_size > max_bytes:
                raise LoadError(
                    path, f"too large ({before.st_size:,} bytes; the limit is {max_bytes:,})"
                )
            chunks = []
            remaining = max_bytes + 1
            while remaining > 0:
                chunk = os.read(fd, min(1 << 20, remaining))
                if not chunk:
                    break
                chunks.append(chunk)
                remaining -= len(chunk)
            data = b"".join(chunks)
            after = os.fstat(fd)
        except OSError as exc:
            raise LoadError(path, f"read error: {exc.strerror or exc}") from None
        finally:
            os.close(fd)
        if len(data) > max_bytes:
            raise LoadError(path, f"too large (over {max_bytes:,} bytes)")
        try:
            now = os.stat(path)
        except OSError:
            raise LoadError(path, "file vanished while being read") from None
        if stamp_of(before) == stamp_of(after) == stamp_of(now) and len(data) == after.st_size:
            age = time.time() - now.st_mtime
            if age >= SETTLE_SECONDS:
                return data
            time.sleep(SETTLE_SECONDS - max(age, 0.0))
            try:
                if stamp_of(os.stat(path)) == stamp_of(now):
                    return data
            except OSError:
                raise LoadError(path, "file vanished while being read") from None
            continue
        time.sleep(0.05 * (attempt + 1))
    raise LoadError(path, "file kept changing while being read; will retry on the next index")


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def decode(path: str, data: bytes) -> tuple[str, str | None]:
    """Text from bytes, and a warning when the encoding had to be guessed.

    BOMs first (UTF-8, UTF-16, UTF-32), then BOM-less UTF-16 (NULs in every other byte),
    then strict UTF-8, then Windows-1252, then Latin-1 (which never fails). Data with NUL
    bytes that is not UTF-16 is refused as binary.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), None
            except UnicodeDecodeError:
                raise LoadError(path, f"invalid {encoding.upper()} text after its BOM") from None
    if b"\x00" in data:
        guess = _bomless_utf16(data)
        if guess:
            try:
                return data.decode(guess), f"encoding guessed as {guess.upper()} (no BOM)"
            except UnicodeDecodeError:
                pass
        raise LoadError(path, "binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _refuse_binary(path, text)
        return text, None
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        _refuse_binary(path, text)
        return text, f"not UTF-8; encoding guessed as {encoding}"
    raise AssertionError("latin-1 decodes any bytes")


def _bomless_utf16(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    half = len(sample) // 2

    def texty(low: bytes) -> bool:  # the other byte of each pair: mostly printable ASCII
        printable = sum(1 for b in low if 32 <= b < 127 or b in (9, 10, 13))
        return printable > 0.8 * len(low)

    if odd.count(0) > 0.4 * half and even.count(0) < 0.05 * half and texty(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * half and odd.count(0) < 0.05 * half and texty(odd):
        return "utf-16-be"
    return None


# C0 controls other than tab, line feed, form feed and carriage return.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


def _refuse_binary(path: str, text: str) -> None:
    sample = text[:8192]
    if not sample:
        return
    controls = len(_CONTROLS.findall(sample))
    if controls > max(8, len(sample) // 20):
        raise LoadError(path, "binary file (mostly control bytes), not text")


def read_text(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, list[str]]:
    """Decoded text of a file and any warnings (a guessed encoding)."""
    data = read_bytes(path, max_bytes)
    text, warning = decode(path, data)
    return text, [warning] if warning else []
