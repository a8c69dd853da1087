"""The hostile-input catalogue: bad files written at test time, and what each must become.

Each entry writes its file(s) into a corpus folder and says what a run must make of it:
"indexed" (and findable by its word), "failed" (reported with a reason containing the
words given), or "either" (reported, or indexed harmlessly). Every file is our own
invention; nothing is downloaded or copied.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

SECRET = "zqsecrettoken"  # in a file outside the corpus that XXE entities point at


@dataclass
class Case:
    name: str
    make: Callable[[Path], Path]  # writes the file(s); returns the path the outcome is about
    outcome: str  # "indexed", "failed" or "either"
    reason: str = ""  # words in the failure reason, or in a warning of an indexed file
    word: str = ""  # a word an indexed brief must be found by
    extra: dict[str, object] = field(default_factory=dict)


def _write(path: Path, data: bytes | str) -> Path:
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    past = time.time() - 5  # past the settle time, so reading does not wait
    os.utime(path, (past, past))
    return path


def _laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(ord("b"), ord("k")):
        prev = chr(n - 1)
        lines.append(f"{chr(n)}: &{chr(n)} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "---\ntitle: Laughs\n" + "\n".join(lines) + "\n---\nThe laughword brief survives.\n"


def _xml_bomb() -> str:
    ents = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">' for i in range(1, 10)
    ]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE rss [' + "".join(ents) + "]>\n"
        '<rss version="2.0"><channel><title>Bomb wire</title><item><title>Bomb item</title>'
        "<description>bombword &lol9;</description></item></channel></rss>\n"
    )


def _xxe(secret: Path) -> str:
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY pw SYSTEM "file:///etc/passwd">'
        f'<!ENTITY sec SYSTEM "file://{secret}">]>\n'
        '<rss version="2.0"><channel><title>Wire</title><item><title>XXE item</title>'
        "<description>before &pw; &sec; after xxeword</description></item></channel></rss>\n"
    )


def _xxe_parameter(secret: Path) -> str:
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE feed [<!ENTITY % ext SYSTEM "file://{secret}"> %ext;]>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom wire</title>'
        "<entry><id>urn:x:1</id><title>Param item</title><updated>2026-01-02T00:00:00Z</updated>"
        "<summary>paramword text</summary></entry></feed>\n"
    )


def _symlink_loop(folder: Path) -> Path:
    loops = folder / "loops"
    loops.mkdir()
    (loops / "again").symlink_to(loops)  # a folder loop
    (loops / "a.md").symlink_to(loops / "b.md")  # a file loop
    (loops / "b.md").symlink_to(loops / "a.md")
    return loops / "a.md"


def _dev_zero(folder: Path) -> Path:
    (folder / "zero.md").symlink_to("/dev/zero")
    return folder / "zero.md"


def _fifo(folder: Path) -> Path:
    os.mkfifo(folder / "pipe.md")
    return folder / "pipe.md"


def _huge(folder: Path) -> Path:
    path = folder / "huge.md"
    with open(path, "wb") as fh:
        fh.truncate(200 * 1024 * 1024)  # sparse: no disk used, 200 MB to anyone reading
    return path


def _named(raw: bytes, text: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = os.path.join(os.fsencode(folder), raw)
        _write(Path(os.fsdecode(path)), text)
        return Path(os.fsdecode(path))

    return make


CHANGING_VERSIONS = [
    f"# Changing\nchangeword version {c} ".encode() + c.encode() * 60_000 + b"\n" for c in "AB"
]


class Rewriter:
    """Rewrites one file over and over while the index run reads it (best effort)."""

    def __init__(self, path: Path):
        self.path, self.stop = path, threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        n = 0
        while not self.stop.is_set():
            self.path.write_bytes(CHANGING_VERSIONS[n % 2])
            n += 1
            time.sleep(0.004)

    def __enter__(self) -> Rewriter:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()


def _file(name: str, data: bytes | str) -> Callable[[Path], Path]:
    return lambda folder: _write(folder / name, data)


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
CONTROLS_BRIEF = (
    '---\ntitle: "\\e]52;c;cHduZWQ=\\a[@click=app.quit]Title"\nsource: "\\e[2J[red]Wire[/]"\n---\n'
    "ctrlword \x1b[31mred\x1b[0m \x9b31m c1 \u202eevil\u202c "
    "\x1b]8;;https://x.example\x1b\\link\x1b]8;;\x1b\\\n"
)
DEEP_HTML = (
    "<html><head><title>Deep page</title></head><body>" + "<div>" * 10_000
    + "<p>deepword sits at the bottom of a page nested ten thousand levels deep.</p>"
    + "</div>" * 10_000 + "</body></html>"
)
CUT_FEED = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Cut</title><item>'
    "<title>Cutword item</title><description>and then the text stops in the midd"
)


def _python_tags(pwned: Path) -> str:
    return (
        f"---\ntitle: !!python/object/apply:os.system ['touch {pwned}']\n"
        f"x: !!python/name:os.system\ny: !!python/object/new:os.system ['touch {pwned}']\n"
        "---\nThe tagword brief.\n"
    )


def cases(secret: Path, pwned: Path) -> list[Case]:
    """The catalogue; `secret` is a file outside the corpus, `pwned` must never appear."""
    return [
        Case("latin-1", _file("latin1.txt", "Café naïve résumé latinword\n".encode("cp1252")),
             "indexed", "encoding guessed", "latinword"),
        Case("utf-16 without BOM", _file("wide.md", "# Wide\nwideword text\n".encode("utf-16-le")),
             "indexed", "UTF-16", "wideword"),
        Case("invalid UTF-8 bytes", _file("mixed.md", b"# Mixed\nmixedword caf\xc3\xa9 and \xff\xfe\n"),
             "indexed", "encoding guessed", "mixedword"),
        Case("shift_jis", _file("sjis.txt", "東京の報告 sjisword\n".encode("shift_jis")),
             "either", word="sjisword"),
        Case("PNG named .md", _file("image.md", PNG), "failed", "binary"),
        Case("ELF named .txt", _file("program.txt", b"\x7fELF\x02\x01\x01" + bytes(9) + os.urandom(4000)),
             "failed", "binary"),
        Case("empty", _file("empty.md", b""), "failed", "empty"),
        Case("only blanks", _file("blank.txt", b" \n\t\n\n"), "failed", "empty"),
        # The exact size in the reason comes from fstat, before any read: refused unread.
        Case("200 MB (sparse)", _huge, "failed", "too large (209,715,200 bytes"),
        Case("YAML billion laughs", _file("laughs.md", _laughs()), "indexed", "aliases", "laughword"),
        Case("YAML python tags", _file("pytags.md", _python_tags(pwned)),
             "indexed", "front matter ignored", "tagword"),
        Case("HTML nested 10,000 deep", _file("deep.html", DEEP_HTML), "indexed", word="deepword"),
        Case("Markdown quotes nested 10,000 deep",
             _file("quotes.md", "# Quotes\n" + ">" * 10_000 + " quoteword\n"), "either", word="quoteword"),
        Case("RSS with XXE", _file("xxe.rss", _xxe(secret)), "indexed", word="xxeword"),
        Case("Atom with a parameter entity", _file("param.atom", _xxe_parameter(secret)),
             "either", word="paramword"),
        Case("RSS entity bomb", _file("bomb.rss", _xml_bomb()), "indexed", word="bombword"),
        Case("XML that is no feed", _file("data.xml", '<?xml version="1.0"?><config><a>1</a></config>'),
             "failed", "not an RSS or Atom feed"),
        Case("feed cut short", _file("cut.rss", CUT_FEED), "either", word="cutword"),
        Case("symlink loops", _symlink_loop, "failed", "symlink"),
        Case("symlink to /dev/zero", _dev_zero, "failed", "outside the corpus"),
        Case("named pipe", _fifo, "failed", "named pipe"),
        Case("name with ESC and BEL", _named(b"esc\x1b[31mred\x07.md", "# Escape name\nescapeword text\n"),
             "indexed", word="escapeword"),
        Case("name with a newline", _named(b"line\nbreak.md", "# Newline name\nnewlineword text\n"),
             "indexed", word="newlineword"),
        Case("name with invalid UTF-8", _named(b"bad\xff\xfename.md", "# Bytes name\nbytesword text\n"),
             "either", word="bytesword"),
        Case("name starting with a dash", _named(b"-rf.md", "# Dash name\ndashword text\n"),
             "indexed", word="dashword"),
        Case("terminal controls and markup in the text", _file("controls.md", CONTROLS_BRIEF),
             "indexed", word="ctrlword"),
        Case("rewritten while read", _file("changing.md", CHANGING_VERSIONS[0]),
             "either", "kept changing", "changeword"),
    ]
