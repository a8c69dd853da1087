"""Saved web pages become briefs: article text only, metadata, and no crash on odd pages."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefs.load import load_file
from briefs.loaders import html
from briefs.model import Link, LoadError, make_id

HTML = Path(__file__).resolve().parents[1] / "fixtures" / "html"
TUG_URL = "https://www.meridian-defence.example/space/2025/04/orbital-tug-refuelling"


@pytest.fixture(scope="module")
def tug():
    (brief,) = load_file(str(HTML / "orbital-tug.html"))
    return brief


def test_article_text_is_extracted(tug):
    assert "first time the service has moved another spacecraft" in tug.body
    assert "hydrazine simulant" in tug.body
    assert "## Why refuelling matters" in tug.body


@pytest.mark.parametrize(
    "clutter",
    [
        "cookie", "Accept all", "Land Forces Section", "Subscribe Today", "Most read this week",
        "rucksacks", "All rights reserved", "editorial board", "tracker-payload", "font-family",
    ],
)
def test_navigation_banner_sidebar_footer_and_scripts_are_absent(tug, clutter):
    assert clutter.lower() not in tug.body.lower()


def test_paragraphs_are_separated_by_one_blank_line(tug):
    paragraphs = tug.body.strip().split("\n\n")
    assert len(paragraphs) == 6
    assert all(p.strip() and "\n" not in p for p in paragraphs)
    assert tug.body.endswith("\n") and "\n\n\n" not in tug.body


def test_title_author_date_source_tags(tug):
    assert tug.title == "Navy Tests Orbital Tug for Satellite Refuelling"
    assert tug.author == "Harriet Oyelaran"
    assert tug.date == date(2025, 4, 9)
    assert tug.source == "Meridian Defence Review"
    assert tug.tags == ["Space", "satellites", "logistics"]
    assert tug.format == "html"
    assert not tug.body.startswith(tug.title)  # the headline is not repeated as body text


def test_canonical_url_is_the_identity(tug):
    assert tug.url == TUG_URL
    assert tug.key == f"url:{TUG_URL}"
    assert tug.id == make_id(tug.key)


def test_article_links_are_collected(tug):
    assert tug.links == [
        Link("test plan summary", "https://www.meridian-defence.example/docs/tug-test-plan"),
        Link("study of docking loads", "https://research.example.org/papers/docking-loads"),
    ]


def test_page_without_canonical_url_is_identified_by_its_path():
    (brief,) = load_file(str(HTML / "coastal-radar.html"), rel="pages/coastal-radar.html")
    assert brief.key == "path:pages/coastal-radar.html"
    assert brief.url == ""
    assert brief.title == "Coastal radar upgrade finished early"
    assert "Point Ardent" in brief.body
    assert "- Detection range for small craft: about 38 km" in brief.body
    for clutter in ("cookie", "Front page of the bulletin", "Archive of past", "Copyright"):
        assert clutter.lower() not in brief.body.lower()


def test_copyright_year_is_not_taken_for_the_date():
    (brief,) = load_file(str(HTML / "coastal-radar.html"))
    assert brief.date is None


def test_declared_latin1_charset_is_read_as_windows_1252():
    (brief,) = load_file(str(HTML / "latin1-declared.html"))
    assert brief.title == "Le satellite d\u2019observation rejoint son orbite"
    assert "héliosynchrone" in brief.body and "l\u2019armement" in brief.body
    assert brief.warnings == []


@pytest.mark.parametrize("charset", ["unicode_escape", "hex", "punycode", "utf-16", "bogus"])
def test_declared_charsets_no_page_uses_are_ignored(charset):
    page = (
        f'<html><head><meta charset="{charset}"><title>Telemetry</title></head><body><article>'
        "<p>The ground station logged \\x1b[31m as plain text in the decoder report.</p>"
        "</article></body></html>"
    ).encode()
    brief = html.load("odd.html", page)
    assert "\\x1b[31m" in brief.body and "\x1b" not in brief.body


def _deep_page(depth: int) -> str:
    return (
        "<html><head><title>Buried Sonar Report</title>"
        '<link rel="canonical" href="https://deep.example/sonar"></head><body>'
        "<nav>Menu of sections that should not be read</nav>"
        + "<div>" * depth
        + "<p>The towed sonar array detected the submarine at forty kilometres.</p>"
        + '<p>Analysts confirmed the <a href="/contact-log">contact</a> the next morning.</p>'
        + "</div>" * depth
        + "</body></html>"
    )


@pytest.mark.parametrize("depth", [300, 10_000])
def test_deeply_nested_page_still_yields_its_text_quickly(tmp_path, depth):
    path = tmp_path / "deep.html"
    path.write_text(_deep_page(depth))
    started = time.perf_counter()
    (brief,) = load_file(str(path))
    assert time.perf_counter() - started < 2.0
    assert "towed sonar array detected the submarine" in brief.body
    assert "Analysts confirmed the contact" in brief.body
    assert "Menu of sections" not in brief.body
    assert brief.title == "Buried Sonar Report"
    assert brief.url == "https://deep.example/sonar"
    assert Link("contact", "https://deep.example/contact-log") in brief.links
    assert any("nested too deeply" in w for w in brief.warnings)


def test_fallback_parser_survives_unclosed_and_stray_tags_at_depth():
    markup = "<span>" * 10_000 + "radar trace" + "</b>" * 10_000 + "</div>" * 10_000
    started = time.perf_counter()
    text, _ = html.text_of(markup)
    assert text == "radar trace"
    assert time.perf_counter() - started < 2.0


def test_page_with_no_text_names_the_path():
    path = str(HTML / "no-text.html")
    with pytest.raises(LoadError) as info:
        load_file(path)
    assert info.value.path == path
    assert info.value.reason == "no article text found"
    assert path in str(info.value)


def test_binary_file_named_html_is_refused():
    path = str(HTML / "not-really.html")
    with pytest.raises(LoadError) as info:
        load_file(path)
    assert info.value.path == path
    assert "binary" in info.value.reason


def test_loader_returns_an_unidentified_brief():
    brief = html.load("x.html", (HTML / "coastal-radar.html").read_bytes())
    assert brief.id == "" and brief.key == "" and brief.format == "html"


def test_extractor_crash_falls_back_to_page_text(monkeypatch):
    import trafilatura

    def boom(*args, **kwargs):
        raise ValueError("extractor exploded")

    monkeypatch.setattr(trafilatura, "bare_extraction", boom)
    brief = html.load("x.html", (HTML / "coastal-radar.html").read_bytes())
    assert "Point Ardent" in brief.body
    assert "cookie" not in brief.body.lower()
    assert any("ValueError" in w for w in brief.warnings)


def test_unexpected_errors_become_load_errors(monkeypatch):
    import trafilatura

    monkeypatch.setattr(trafilatura, "load_html", lambda *a, **k: None)
    monkeypatch.setattr(html.PageText, "feed", lambda self, data: 1 / 0)
    with pytest.raises(LoadError) as info:
        html.load("odd.html", b"<html><body><p>text</p></body></html>")
    assert "ZeroDivisionError" in info.value.reason


def test_text_of_drops_scripts_styles_and_tags():
    text, links = html.text_of(
        '<p>Launch <b>window</b> opens.</p><script>var x = "secret";</script>'
        '<style>p{}</style><p><a href="javascript:alert(1)">bad</a> '
        '<a href="https://ok.example/">good</a></p>'
    )
    assert text == "Launch window opens.\n\nbad good"
    assert links == [Link("good", "https://ok.example/")]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["<div>", "</div>", "<p>", "</p>", "<nav>", "</nav>", "<script>", "</script>",
             "<!--", "-->", "<a href='x'>", "</a>", "<title>", "</title>", "<![CDATA[",
             "<meta charset='utf-16'>", "&amp;", "&#0;", "\x00", "\ufeff", "word ", "\xe9"]
        ),
        max_size=40,
    )
)
def test_any_page_gives_a_brief_or_a_load_error(pieces):
    try:
        brief = html.load("fuzz.html", "".join(pieces).encode("utf-8"))
    except LoadError:
        return
    assert brief.body.strip()
