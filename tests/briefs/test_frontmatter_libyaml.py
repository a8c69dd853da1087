"""Front matter read through libyaml gives what the pure-Python loader gives, refusals too."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from briefs import frontmatter
from briefs.frontmatter import FrontMatterError, parse

pytestmark = pytest.mark.skipif(frontmatter.CParser is None, reason="PyYAML built without libyaml")

SOURCES = [
    "title: Plain\ndate: 2026-03-01\n",
    "answer: NO\nflag: yes\nnothing: ~\ncount: 012\nfloat: 1e3\ntime: 12:30:00\n",
    'title: "Quoted: with colon"\ntags: [hypersonic, "space, launch", NO]\n',
    "tags:\n  - one\n  - two\nnested:\n  a: [1, 2]\n  b: {c: d}\n",
    "title: >\n  Folded text\n  over two lines\nnote: |\n  kept\n  lines\n",
    "title: Ünïcödé — dash “quotes”\nauthor: 山田\n",
    "n: !!int 5\n",
    "empty:\nlist: []\nmap: {}\n",
    "? complex key\n: value\n",
]


def _python(source: str) -> object:
    frontmatter_c = frontmatter.CParser
    frontmatter.CParser = None
    try:
        return parse(source)
    except FrontMatterError as exc:
        return ("error", str(exc))
    finally:
        frontmatter.CParser = frontmatter_c


def _either(source: str) -> object:
    try:
        return parse(source)
    except FrontMatterError as exc:
        return ("error", str(exc))


@pytest.mark.parametrize("source", SOURCES)
def test_same_metadata_as_the_python_loader(source: str) -> None:
    assert _either(source) == _python(source)


@pytest.mark.parametrize("source", [
    "a: &x [1, 2]\nb: *x\n",
    "title: !!python/object/apply:os.system ['echo hi']\n",
    "a: [" * 30 + "]" * 30 + "\n",
    "a:\n" + "".join("  " * i + "- \n" for i in range(1, 40)),
    "title: [unclosed\n",
    "title: ok\n\tbad: tab\n",
])
def test_same_refusals_as_the_python_loader(source: str) -> None:
    got = _either(source)
    assert got == _python(source)
    assert isinstance(got, tuple) and got[0] == "error"


def test_an_alias_is_refused_with_its_line() -> None:
    with pytest.raises(FrontMatterError, match=r"aliases are not allowed \(line 3\)"):
        parse("title: t\nanchor: &a x\nagain: *a\n")


def test_the_c_loader_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = frontmatter._c_load
    monkeypatch.setattr(frontmatter, "_c_load", lambda s: calls.append(s) or real(s))
    assert parse("title: T\n") == {"title": "T"}
    assert calls == ["title: T\n"]


_scalar = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True), st.one_of(
    _scalar, st.lists(_scalar, max_size=3))), max_size=5))
def test_any_safe_dump_reads_the_same_both_ways(items: list[tuple[str, object]]) -> None:
    source = yaml.safe_dump(dict(items), allow_unicode=True)
    assert _either(source) == _python(source)
