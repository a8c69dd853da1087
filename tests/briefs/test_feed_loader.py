"""RSS and Atom files become one brief per item, safely, whatever their encoding."""

from __future__ import annotations

import os
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefs.load import load_file
from briefs.loaders import feed
from briefs.model import Link, LoadError, make_id
from briefs.textsafe import has_unsafe

FEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


def load(name: str):
    return load_file(str(FEEDS / name))


def every_text(brief) -> str:
    """All the text a brief carries, for checking that something never got in."""
    parts = [brief.title, brief.body, brief.source, brief.author, brief.url, *brief.tags]
    parts += [*brief.meta.values(), *brief.warnings]
    parts += [link.text + link.url for link in brief.links]
    return "\n".join(parts)


def test_rss_with_rfc822_dates():
    tug, motor, antenna = load("space-rfc822.rss")
    assert tug.title == "Weather satellite moved to graveyard orbit by demonstration tug"
    assert tug.date == date(2025, 6, 11)
    assert tug.url == "https://orbital-watch.example/2025/06/tug-graveyard"
    assert tug.author == "Tomasz Brennan"
    assert tug.tags == ["satellites", "servicing"]
    assert tug.source == "Orbital Watch Weekly" and tug.meta["feed"] == "Orbital Watch Weekly"
    assert tug.format == "feed"
    assert tug.key == "feed:ow-2025-0611-tug" and tug.id == make_id(tug.key)
    assert tug.warnings == []
    # <content:encoded> is preferred over the one-line <description>
    assert tug.body == (
        "A demonstration tug docked with a retired weather satellite and nudged it three "
        "hundred kilometres higher, clear of the working geostationary belt.\n\n"
        "Controllers said the docking took eleven days of careful approach. "
        "Read the mission plan.\n"
    )
    assert tug.links == [Link("mission plan", "https://orbital-watch.example/docs/tug-plan")]
    # 23:30 at -0500 is the 10th in UTC; the publisher's calendar date is kept
    assert motor.date == date(2025, 6, 9)
    assert motor.author == "Priya Lindqvist"
    assert motor.body.startswith("The northern launch range will fire") and "<p>" not in motor.body
    assert motor.key == "feed:https://orbital-watch.example/2025/06/night-motor-test"
    assert antenna.date == date(2025, 6, 6)
    assert antenna.body.strip() == antenna.title  # no description: the title is the text
    assert antenna.key == "feed:https://orbital-watch.example/2025/06/antenna-refit"
    assert len({tug.id, motor.id, antenna.id}) == 3


def test_rss_with_iso_8601_dates_keeps_the_calendar_day():
    audit, yards = load("defence-iso.xml")
    assert audit.date == date(2025, 5, 20)  # midnight at +02:00 is still the 20th
    assert yards.date == date(2025, 5, 2)
    # plain-text description: its blank line stays a paragraph break, its wraps do not
    assert audit.body == (
        "Auditors found the ground segment for the new missile warning satellites is "
        "fourteen months behind its baseline.\n\nSoftware for fusing infrared data from both "
        "orbits has not passed integration testing, and the programme office has no dated "
        "plan to finish it.\n"
    )


def test_atom_entries():
    booster, relight = load("launch-updates.atom")
    assert booster.title == "Reusable first stage completes tenth flight"
    assert booster.date == date(2025, 4, 2)  # published, not updated
    assert booster.author == "Ayodele Marsh"
    assert booster.tags == ["reusability", "launch"]
    assert booster.url == "https://launch-updates.example/entries/410"
    assert booster.key == "feed:tag:launch-updates.example,2025:entry-410"
    assert booster.body.startswith("A reusable first stage landed")  # content over summary
    assert "\n\nEngineers will inspect" in booster.body
    assert relight.title == "Upper stage relight test scheduled"  # type="html" title
    assert relight.date == date(2025, 3, 28)  # only <updated>
    assert relight.body.count("\n\n") == 1
    assert booster.source == "Launch Vehicle Updates"


def test_rss_1_0():
    (note,) = load("navy-rss1.xml")
    assert note.title == "Survey ship maps seabed cable route"
    assert note.date == date(2025, 2, 14)
    assert note.author == "Lena Okafor"
    assert note.tags == ["hydrography"]
    assert note.source == "Fleet Notes"


def test_windows_1252_feed_with_declaration():
    raw = (FEEDS / "cp1252.rss").read_bytes()
    assert b"\x92" in raw and b"\xe9" in raw
    (brief,) = load("cp1252.rss")
    assert brief.title == "Le drone d\u2019observation termine ses essais en \u00e9t\u00e9"
    assert "achev\u00e9s \u00e0 la base a\u00e9rienne" in brief.body
    assert brief.source == "Revue de l\u2019armement"
    assert brief.date == date(2025, 7, 15)
    assert brief.warnings == []


def test_utf16_feed_with_bom():
    assert (FEEDS / "utf16.rss").read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    (brief,) = load("utf16.rss")
    assert brief.title == "Debris cloud from the satellite\u2019s breakup spreads to 850 km"
    assert "caf\u00e9" in brief.body
    assert brief.date == date(2025, 3, 1)


def test_external_entity_is_never_resolved():
    briefs = load("xxe.rss")
    assert [b.title for b in briefs] == ["Tracking station report &secret;"]
    passwd = Path("/etc/passwd")
    first_line = passwd.read_text().split("\n", 1)[0] if passwd.exists() else "root:x:0:0"
    for brief in briefs:
        text = every_text(brief)
        assert "root:" not in text and first_line not in text
        assert "Antenna pointing logs" in brief.body
        assert any(w.startswith("feed is malformed: ") for w in brief.warnings)


def test_entity_bomb_returns_quickly_without_expanding():
    started = time.perf_counter()
    (brief,) = load("billion-laughs.rss")
    assert time.perf_counter() - started < 1.0
    assert "boomboom" not in every_text(brief)
    assert len(brief.body) < 1000
    assert any("not expanded" in w for w in brief.warnings)


def test_empty_feed_is_a_load_error():
    path = str(FEEDS / "empty.rss")
    with pytest.raises(LoadError) as info:
        load_file(path)
    assert info.value.reason == "feed has no items" and info.value.path == path


def test_garbage_with_a_feed_name_is_not_a_readable_feed(tmp_path):
    path = tmp_path / "broken.rss"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(1, 256)))
    with pytest.raises(LoadError) as info:
        feed.load(str(path), path.read_bytes())
    assert info.value.reason.startswith("not a readable feed: ")


def test_file_holding_a_path_is_not_followed(tmp_path):
    # feedparser.parse(bytes) would open() those bytes as a file name
    other = tmp_path / "elsewhere.rss"
    other.write_text(
        '<rss version="2.0"><channel><title>Elsewhere</title>'
        "<item><title>secret item outside the corpus</title></item></channel></rss>"
    )
    pointer = tmp_path / "pointer.rss"
    pointer.write_text(str(other))
    with pytest.raises(LoadError):
        load_file(str(pointer))


def test_item_markup_and_scripts_become_plain_text():
    (brief,) = load("hostile-markup.rss")
    assert "The navy awarded a four-year contract for shipborne air search radars." in brief.body
    assert "Deliveries begin in the second quarter & run to 2029." in brief.body
    for bad in ("<", ">", "stealCookies", "payload-from-script", "color: red"):
        assert bad not in brief.body
    assert brief.links == [Link("the second quarter", "https://procurement-wire.example/schedule")]
    # markup-looking titles stay literal text; the screens never parse them as markup
    assert brief.title == "Radar contract awarded [bold red]x[/] [@click=app.quit]now[/]"


def test_escape_bytes_never_reach_the_title():
    (brief,) = load("escape-title.rss")
    assert "\x1b" not in brief.title and "\x07" not in brief.title
    assert not has_unsafe(every_text(brief))
    assert brief.title.startswith("Jammer test [bold red]x[/]")


def test_repeated_guids_still_give_unique_ids(tmp_path):
    item = "<item><title>Sortie {n}</title><guid>same</guid></item>"
    path = tmp_path / "dupes.rss"
    path.write_text(
        '<rss version="2.0"><channel><title>Dupes</title>'
        + "".join(item.format(n=n) for n in range(3))
        + "</channel></rss>"
    )
    briefs = load_file(str(path))
    assert len({b.id for b in briefs}) == 3


def test_items_without_title_or_text_are_skipped(tmp_path):
    data = (
        b'<rss version="2.0"><channel><title>Sparse</title><item><guid>a</guid></item>'
        b"<item><description>Convoy escort drill completed. More later.</description></item>"
        b"</channel></rss>"
    )
    (brief,) = feed.load("sparse.rss", data)
    assert brief.title == "Convoy escort drill completed. More later."
    assert brief.id == ""  # identity is assigned by load_file
    with pytest.raises(LoadError):
        feed.load("blank.rss", b"<rss><channel><item><guid>a</guid></item></channel></rss>")


def test_unexpected_errors_become_load_errors(monkeypatch):
    import feedparser

    monkeypatch.setattr(feedparser, "parse", lambda *a, **k: 1 / 0)
    with pytest.raises(LoadError) as info:
        feed.load("x.rss", b"<rss/>")
    assert "ZeroDivisionError" in info.value.reason


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ['<rss version="2.0">', "<channel>", "</channel>", "<item>", "</item>", "<title>",
             "</title>", "<description>", "</description>", "<![CDATA[<p>x</p>]]>", "&lt;b&gt;",
             "<!DOCTYPE r [<!ENTITY e 'x'>]>", "&e;", "<pubDate>", "</pubDate>", "2025-13-45",
             "Fri, 07 Mar 2025", "\x1b", "\xe9", "word ",
             '<feed xmlns="http://www.w3.org/2005/Atom">',
             "<entry>", "</entry>", "</rss>"]
        ),
        max_size=40,
    )
)
def test_any_feed_gives_briefs_or_a_load_error(pieces):
    try:
        briefs = feed.load("fuzz.rss", "".join(pieces).encode("utf-8"))
    except LoadError:
        return
    assert briefs and all(b.title or b.body for b in briefs)


def corpus_feed(name: str) -> str:
    """A feed from ../shared/corpus; skipped when absent (failed in CI, like tests/conftest)."""
    path = CORPUS / "feeds" / name
    if not path.is_file():
        if os.environ.get("BRIEF_CI"):
            pytest.fail(f"{path} is missing in CI: ../shared must be beside the checkout")
        pytest.skip(f"{path} is absent (../shared/corpus is only beside CI and dev checkouts)")
    return str(path)


@pytest.mark.corpus
def test_gao_feed_from_the_corpus():
    briefs = load_file(corpus_feed("gao-reports.xml"))
    assert len(briefs) == 25
    first = briefs[0]
    assert first.title == (
        "Quantum Computing: Updating the National Strategy Could Promote U.S. Leadership"
    )
    assert first.date == date(2026, 3, 18)
    assert first.source == "GAO"
    assert "National Quantum Initiative Act" in first.body
    assert all(b.date for b in briefs) and len({b.id for b in briefs}) == 25


@pytest.mark.corpus
def test_crs_feed_from_the_corpus():
    path = corpus_feed("crs-reports.xml")
    started = time.perf_counter()
    briefs = load_file(path)
    assert time.perf_counter() - started < 5.0
    assert len(briefs) == 1000
    assert all(b.date for b in briefs)
    assert len({b.id for b in briefs}) == 1000
    assert all(b.source == "CRS" and b.body.strip() for b in briefs)
