"""A brief's links, numbered for the reader, and the only ways the app lets one out.

Links come from three places: the front matter's `url`, the links the loader kept from the
brief's Markdown or HTML (their words stay in the body, their targets in `meta["links"]`),
and bare http(s) URLs written in the body. Each distinct URL gets one number, in the order a
reader meets it (the header first, then the body).

A link leaves the app in two ways only: copied (OSC 52, which Textual builds from base64 of
the text) or opened in a browser on this machine when the session is local. Both accept only
http and https URLs without controls, spaces, bidi or replacement characters (HAZARDS.md:
`javascript:`, `file:`, custom schemes and option-like hrefs never get through). Over SSH a
link is only copied: a browser on the server helps nobody and is a risk.
"""

from __future__ import annotations

import os
import re
import webbrowser
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from briefs.textsafe import clean_line, clean_text

MAX_URL = 2048
PLACE_WINDOW = 6000  # a link's words found further than this from the last one: not trusted
_BAD_URL_CHAR = re.compile(r"[\x00-\x20\x7f-\x9f\\\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufffd]")
_BARE_URL = re.compile(r"(?<![\w/])https?://[^\s<>\"'`\[\]{}|\\^]+")
_TRAILING = ".,;:!?*_~'\""


@dataclass(frozen=True)
class Link:
    """One numbered link: its words, its URL and where its words are in the body."""

    number: int
    text: str
    url: str


def safe_url(url: object) -> str | None:
    """The URL when it may be copied or opened (http/https, no controls), else None."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if not url or len(url) > MAX_URL or _BAD_URL_CHAR.search(url):
        return None
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or not host:
        return None
    return url


def _bare_urls(body: str) -> list[tuple[int, int, str]]:
    found = []
    for m in _BARE_URL.finditer(body):
        url = m.group().rstrip(_TRAILING)
        while url.endswith(")") and url.count(")") > url.count("("):
            url = url[:-1].rstrip(_TRAILING)
        found.append((m.start(), m.start() + len(url), url))
    return found


def _find_words(body: str, words: str, cursor: int) -> int:
    """Where a link's words are in the body from `cursor` (whole words), or -1."""
    pos = cursor
    while words:
        k = body.find(words, pos)
        if k < 0:
            return -1
        end = k + len(words)
        before_ok = k == 0 or not (body[k - 1].isalnum() and words[0].isalnum())
        after_ok = end >= len(body) or not (body[end].isalnum() and words[-1].isalnum())
        if before_ok and after_ok:
            return k
        pos = k + 1
    return -1


def collect(stored: dict[str, Any]) -> tuple[list[Link], dict[int, int]]:
    """The brief's links, numbered, and the body offsets their numbers follow.

    Returns the links (one per distinct safe URL) and {body offset: link number}: the
    offset is the end of the link's words (or of a bare URL) in the body. The front
    matter's URL is number 1 when it is safe. A link whose words cannot be found keeps
    its number in the list without a place in the text.
    """
    body = stored.get("body", "") or ""
    meta = stored.get("meta") or {}
    numbers: dict[str, int] = {}
    links: list[Link] = []
    places: list[tuple[int, int, str, str]] = []  # (start, end, url, words)
    unplaced: list[tuple[str, str]] = []

    def number(url: str, words: str) -> int:
        if url not in numbers:
            numbers[url] = len(links) + 1
            links.append(Link(numbers[url], clean_line(words) or url, url))
        return numbers[url]

    header = safe_url(meta.get("url"))
    if header:
        number(header, header)
    cursor = 0
    for pair in meta.get("links") or []:
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            continue
        words, url = clean_text(str(pair[0] or "")).strip(), safe_url(pair[1])
        if not url:
            continue
        k = _find_words(body, words, cursor) if words else -1
        if k < 0:
            unplaced.append((url, words))
            continue
        places.append((k, k + len(words), url, words))
        if k - cursor <= PLACE_WINDOW:
            cursor = k + len(words)
    taken = [(s, e) for s, e, _, _ in places]
    for s, e, url in _bare_urls(body):
        if safe_url(url) and not any(a < e and s < b for a, b in taken):
            places.append((s, e, url, url))
    places.sort()
    marks: dict[int, int] = {}
    for s, e, url, words in places:
        marks[e] = number(url, words)
    for url, words in unplaced:
        number(url, words)
    return links, marks


def over_ssh(environ: dict[str, str] | None = None) -> bool:
    """True when this session runs over SSH (a browser here would open on the server)."""
    env = os.environ if environ is None else environ
    return bool(env.get("SSH_CONNECTION") or env.get("SSH_TTY") or env.get("SSH_CLIENT"))


def _graphical(browser: object) -> bool:
    """A browser that runs beside the terminal, not in it (a console browser would take
    over the screen the app is drawing on)."""
    background = (webbrowser.BackgroundBrowser, getattr(webbrowser, "MacOSXOSAScript", ()))
    if isinstance(browser, background):  # type: ignore[arg-type]
        return True
    if isinstance(browser, webbrowser.UnixBrowser):
        return bool(getattr(browser, "background", False))
    return type(browser).__name__ in ("WindowsDefault", "MacOSX")


def launch(url: str) -> bool:
    """Open a checked URL in a graphical browser on this machine; False when there is none."""
    checked = safe_url(url)
    if checked is None:
        return False
    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return False
    if not _graphical(browser):
        return False
    return bool(browser.open(checked, new=2))
