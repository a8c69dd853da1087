"""Saved news pages: the article's text and metadata, without the page furniture around it."""

from __future__ import annotations

import codecs
import re
from collections import Counter
from datetime import date, timedelta
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

from briefs.dates import parse_date
from briefs.files import decode
from briefs.metadata import SHORT_NAMES, source_from_url, split_tags
from briefs.model import Brief, Link, LoadError

_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_:.\-]+)", re.I)
_XML_ENCODING = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9_.\-]+)")
# Browsers read these labels as windows-1252 (WHATWG Encoding), so pages labelled Latin-1
# routinely hold curly quotes in 0x80-0x9F.
_AS_CP1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii"}
_HEAD_REND = re.compile(r"^h([1-6])$")
# libxml2 stops building the tree at this depth and silently drops everything deeper
# (HAZARDS.md): a tree this deep means the article text may be missing.
_LXML_MAX_DEPTH = 255

# Elements whose text is never article text (and script/style bodies are code, not prose).
_SKIP_TAGS = set(
    "script style nav header footer aside noscript template svg button select iframe object "
    "dialog".split()
)
_SKIP_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog"}
_SKIP_CLASS = re.compile(
    r"(?:^|[-_])(?:cookies?|consent|gdpr|newsletter|sidebar|share|social|related|advert|ads"
    r"|promo|breadcrumbs?|subscribe|popup|modal|skip-link)(?:[-_]|$)"
)
_VOID = set("area base br col embed hr img input link meta param source track wbr".split())
_BLOCKS = set(
    "p div section article main li ul ol dl dt dd tr td th table blockquote pre figure "
    "figcaption br hr h1 h2 h3 h4 h5 h6 body form fieldset address details summary".split()
)
# Charsets a page may declare. Python also knows codecs no page uses, some harmful here:
# punycode is quadratic, unicode_escape turns "\x1b" text into ESC, hex/zlib are not text.
_WEB_CODEC = re.compile(
    r"^(?:utf-8|cp\d+|iso8859-\d+|koi8-[ru]|mac-[a-z]+|gbk|gb18030|gb2312|big5(?:hkscs)?"
    r"|euc_[a-z]+|iso2022_[a-z0-9_]+|shift_jis(?:_2004|x0213)?|tis-620)$"
)


class PageText(HTMLParser):
    """Readable paragraphs, links and title of HTML, without recursion at any nesting depth.

    The fallback for pages lxml cannot parse (nested 255+ deep) and the converter for feed
    item markup. When the page has an <article> or <main>, only its paragraphs are kept.
    """

    def __init__(self, base_url: str = "") -> None:
        super().__init__(convert_charrefs=True)
        self.base_url = base_url
        self.title = ""
        self.h1 = ""
        self.links: list[Link] = []
        self._paras: list[tuple[str, bool]] = []
        self._stack: list[str] = []
        self._open: Counter[str] = Counter()
        self._skip_from: int | None = None
        self._main_from: int | None = None
        self._parts: list[str] = []
        self._prefix = ""
        self._title_parts: list[str] | None = None
        self._h1_parts: list[str] | None = None
        self._link: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._flush()
        if tag in _VOID:
            return
        depth = len(self._stack)
        self._stack.append(tag)
        self._open[tag] += 1
        if self._skip_from is not None:
            return
        attr = {k: v or "" for k, v in attrs}
        if _is_clutter(tag, attr):
            self._skip_from = depth
            return
        if self._main_from is None and (tag in ("article", "main") or attr.get("role") == "main"):
            self._main_from = depth
        if tag == "title" and not self.title:
            self._title_parts = []
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._prefix = "#" * int(tag[1]) + " "
            if tag == "h1" and not self.h1:
                self._h1_parts = []
        elif tag == "li":
            self._prefix = "- "
        elif tag == "a" and attr.get("href"):
            self._link = (attr["href"], [])

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self._flush()
        if not self._open[tag]:
            return  # a stray end tag; the counter keeps this O(1) on hostile input
        while self._stack:
            top = self._stack.pop()
            self._open[top] -= 1
            self._close(top)
            if top == tag:
                break

    def _close(self, tag: str) -> None:
        depth = len(self._stack)
        if self._skip_from is not None and depth <= self._skip_from:
            self._skip_from = None
            return
        if self._main_from is not None and depth <= self._main_from:
            self._flush()
            self._main_from = None
        if tag == "title" and self._title_parts is not None:
            self.title = " ".join("".join(self._title_parts).split())
            self._title_parts = None
        elif tag == "h1" and self._h1_parts is not None:
            self.h1 = " ".join("".join(self._h1_parts).split())
            self._h1_parts = None
        elif tag == "a" and self._link is not None:
            href, words = self._link
            url = urljoin(self.base_url, href.strip()) if self.base_url else href.strip()
            text = " ".join("".join(words).split())
            if urlsplit(url).scheme in ("http", "https") and text:
                self.links.append(Link(text, url))
            self._link = None

    def handle_data(self, data: str) -> None:
        if self._skip_from is not None:
            return
        if self._title_parts is not None:
            self._title_parts.append(data)
            return
        self._parts.append(data)
        if self._h1_parts is not None:
            self._h1_parts.append(data)
        if self._link is not None:
            self._link[1].append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._parts).split())
        if text:
            self._paras.append((self._prefix + text, self._main_from is not None))
        self._parts = []
        self._prefix = ""

    def paragraphs(self) -> list[str]:
        """The page's paragraphs; only those inside <article>/<main> when it has one."""
        self._flush()
        inside = [p for p, in_main in self._paras if in_main]
        return inside or [p for p, _ in self._paras]


def _is_clutter(tag: str, attr: dict[str, str]) -> bool:
    if tag in _SKIP_TAGS or "hidden" in attr or attr.get("aria-hidden") == "true":
        return True
    if attr.get("role") in _SKIP_ROLES:
        return True
    names = f"{attr.get('class', '')} {attr.get('id', '')}".lower().split()
    return any(_SKIP_CLASS.search(name) for name in names)


def text_of(markup: str, base_url: str = "") -> tuple[str, list[Link]]:
    """Plain text (paragraphs split by a blank line) and http(s) links of an HTML fragment."""
    page = PageText(base_url)
    page.feed(markup)
    page.close()
    return "\n\n".join(page.paragraphs()), page.links


def load(path: str, data: bytes) -> Brief:
    """A saved web page as a brief; key is `url:<canonical>` when the page names one."""
    try:
        text, warning = _decode_html(path, data)
        brief = Brief(id="", key="", path=path, format="html", title="", body="")
        brief.warnings += [warning] if warning else []
        _fill(brief, text)
        return brief
    except LoadError:
        raise
    except Exception as exc:  # lxml, trafilatura and HTMLParser each have their own failures
        raise LoadError(path, f"could not read the page ({type(exc).__name__})") from None


def _fill(brief: Brief, text: str) -> None:
    doc: Any = None
    truncated = False
    try:
        doc, truncated = _extract(text)
    except Exception as exc:  # trafilatura may raise on odd trees; the fallback reads them
        brief.warnings.append(f"article extractor failed ({type(exc).__name__}); page text used")
    body, links = "", []
    if doc is not None and not truncated:
        body, links = _render(doc.body) if doc.body is not None else ("", [])
        if not body and doc.text:
            body = "\n\n".join(line.strip() for line in doc.text.split("\n") if line.strip())
    if not body:
        page = PageText(_absolute(getattr(doc, "url", None)))
        page.feed(text)
        page.close()
        paras = page.paragraphs()
        if not paras:
            raise LoadError(brief.path, "no article text found")
        if truncated:
            brief.warnings.append("page nested too deeply for the extractor; page text used")
        doc = doc if doc is not None else _metadata(text)
        body, links = "\n\n".join(paras), page.links
        brief.title = page.title or page.h1
    url = _absolute(getattr(doc, "url", None))
    brief.title = getattr(doc, "title", None) or brief.title or _first_heading(body)
    brief.body = _drop_title(body, brief.title) + "\n"
    brief.url = url
    brief.key = f"url:{url}" if url else ""
    brief.author = getattr(doc, "author", None) or ""
    date_text = getattr(doc, "date", None)
    brief.date = parse_date(date_text) if date_text else None
    site = getattr(doc, "sitename", None) or ""
    by_url = source_from_url(url) if url else ""
    brief.source = SHORT_NAMES.get(site.lower(), site) if site else by_url
    tags = list(getattr(doc, "categories", None) or []) + list(getattr(doc, "tags", None) or [])
    brief.tags = split_tags(tags)
    if getattr(doc, "description", None):
        brief.meta["description"] = doc.description
    resolved = (Link(link.text, urljoin(url, link.url) if url else link.url) for link in links)
    brief.links = [link for link in resolved if urlsplit(link.url).scheme in ("http", "https")]


def _date_params() -> dict[str, Any]:
    # No extensive search: it dates pages from "Copyright 2025" in the footer. A day of
    # slack past today for time zones.
    return {
        "extensive_search": False,
        "original_date": True,
        "max_date": (date.today() + timedelta(days=1)).isoformat(),
    }


def _extract(text: str) -> tuple[Any, bool]:
    """trafilatura's article and metadata, and whether lxml cut the page short."""
    import trafilatura  # 200 ms to import; only pages need it

    tree = trafilatura.load_html(text)
    if tree is None:
        return None, False
    doc = trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, include_tables=True,
        include_links=True, favor_precision=True, date_extraction_params=_date_params(),
    )
    return doc, _depth(tree) >= _LXML_MAX_DEPTH


def _depth(tree: Any) -> int:
    from lxml import etree

    depth = deepest = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def _metadata(text: str) -> Any:
    """Title, canonical url, site, author and date from the <head>, which lxml still reads."""
    try:
        from trafilatura.metadata import extract_metadata

        return extract_metadata(text, date_config=_date_params())
    except Exception:  # metadata is a bonus when the page itself defeated lxml
        return None


def _render(body: Any) -> tuple[str, list[Link]]:
    """Paragraphs of trafilatura's article tree, with headings, lists and tables kept."""
    blocks: list[str] = []
    for el in body:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "head":
            m = _HEAD_REND.match(el.get("rend", ""))
            block = "#" * (int(m.group(1)) if m else 2) + " " + _inline(el)
        elif tag == "list":
            items = el.iter("item")
            block = "\n".join("- " + _inline(item, frozenset({"list"})) for item in items)
        elif tag == "table":
            cells = ([_inline(c) for c in row if c.tag == "cell"] for row in el.iter("row"))
            rows = (" | ".join(row) for row in cells)
            block = "\n".join(row for row in rows if row.strip(" |"))
        elif tag == "quote":
            block = "> " + _inline(el)
        elif tag == "code":
            block = "".join(el.itertext()).strip("\n")
        else:
            block = _inline(el)
        if block.strip(" -#>"):
            blocks.append(block)
    links = [Link(_inline(ref), ref.get("target", "").strip()) for ref in body.iter("ref")]
    return "\n\n".join(blocks), [link for link in links if link.text and link.url]


def _inline(el: Any, skip: frozenset[str] = frozenset()) -> str:
    """The text of an element as one line; an explicit stack, since trees can be deep."""
    out = [el.text or ""]
    stack: list[tuple[Any, bool]] = [(child, False) for child in reversed(el)]
    while stack:
        node, done = stack.pop()
        if done:
            out.append(node.tail or "")
            continue
        stack.append((node, True))
        if not isinstance(node.tag, str) or node.tag in skip:
            continue
        out.append(" " if node.tag == "lb" else (node.text or ""))
        stack.extend((child, False) for child in reversed(node))
    return " ".join("".join(out).split())


def _decode_html(path: str, data: bytes) -> tuple[str, str | None]:
    """Text of the page, honouring a BOM, then a declared charset, then guessing."""
    text, warning = decode(path, data)  # also refuses binary files
    if data.startswith(_BOMS) or b"\x00" in data[:4096]:
        return text, warning
    head = data[:4096]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if not m:
        return text, warning
    label = m.group(1).decode("ascii").lower()
    try:
        codec = "cp1252" if label in _AS_CP1252 else codecs.lookup(label).name
    except LookupError:
        return text, warning
    if not _WEB_CODEC.match(codec):
        return text, warning  # includes UTF-16: a label readable as ASCII cannot be true
    try:
        return data.decode(codec), None
    except UnicodeDecodeError:
        return text, f"not valid {label} as declared; " + (warning or "read as UTF-8")


def _absolute(url: str | None) -> str:
    url = (url or "").strip()
    return url if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc else ""


def _first_heading(body: str) -> str:
    first = body.split("\n", 1)[0]
    return first.lstrip("#").strip()[:200]


def _drop_title(body: str, title: str) -> str:
    """Pages repeat their headline as the first heading; the title already shows it."""
    first, _, rest = body.partition("\n\n")
    if title and rest and first.lstrip("#").strip() == title.strip():
        return rest
    return body
