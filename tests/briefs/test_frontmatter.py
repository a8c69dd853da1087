"""Front matter is read safely: no aliases, no objects, no YAML 1.1 surprises."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from briefs import frontmatter
from briefs.load import load_file


def brief_from(tmp_path: Path, text: str, name: str = "b.md"):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    [brief] = load_file(str(path))
    return brief


def test_known_keys_map_to_fields_and_the_rest_is_kept(tmp_path: Path) -> None:
    brief = brief_from(
        tmp_path,
        "---\ntitle: Skynet 6 update\ndate: 2026-02-03\nsource: Defence Desk\nauthor: R. Vance\n"
        "url: https://example.com/s6\ntags: [Space, UK]\nclassification: OFFICIAL\n"
        "region: Europe\nprogramme: Skynet 6\n---\nBody.\n",
    )
    assert brief.title == "Skynet 6 update"
    assert brief.date.isoformat() == "2026-02-03"
    assert (brief.source, brief.author, brief.url) == ("Defence Desk", "R. Vance", "https://example.com/s6")
    assert brief.tags == ["Space", "UK"]
    assert brief.marking == "OFFICIAL"
    assert brief.meta["region"] == "Europe" and brief.meta["programme"] == "Skynet 6"
    assert brief.body == "Body.\n"


def test_yaml_11_surprises_stay_strings(tmp_path: Path) -> None:
    brief = brief_from(tmp_path, "---\ntitle: NO\nsource: Yes\nwhen: 12:30:00\ncode: 0777\n---\nx\n")
    assert brief.title == "NO" and brief.source == "Yes"
    assert brief.meta["when"] == "12:30:00" and brief.meta["code"] == "0777"


def test_comma_separated_tags(tmp_path: Path) -> None:
    assert brief_from(tmp_path, "---\ntags: space, launch; Space\n---\nx\n").tags == ["space", "launch"]


@pytest.mark.parametrize(
    "yaml_text,reason",
    [
        ("a: &x [1, 2]\nb: [*x, *x]\n", "aliases"),
        ("x: !!python/object/apply:os.system ['echo pwned > /tmp/brief-pwned']\n", "invalid YAML"),
        ("x: " + "[" * 2000 + "\n", "YAML"),
        ("- one\n- two\n", "is a list"),
        ("title: [unclosed\n", "invalid YAML"),
    ],
    ids=["alias", "python-tag", "deep-nesting", "list", "unclosed"],
)
def test_hostile_or_broken_front_matter_is_reported_and_the_text_kept(
    tmp_path: Path, yaml_text: str, reason: str
) -> None:
    brief = brief_from(tmp_path, f"---\n{yaml_text}---\nThe words the analyst wrote.\n")
    assert any(reason in w for w in brief.warnings), brief.warnings
    assert "The words the analyst wrote." in brief.body
    assert not Path("/tmp/brief-pwned").exists()


def test_billion_laughs_is_refused_quickly() -> None:
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for n in range(ord("b"), ord("j")):
        prev = chr(n - 1)
        bomb += f"{chr(n)}: &{chr(n)} [" + ",".join([f"*{prev}"] * 9) + "]\n"
    started = time.monotonic()
    with pytest.raises(frontmatter.FrontMatterError, match="aliases"):
        frontmatter.parse(bomb)
    assert time.monotonic() - started < 1


def test_unterminated_front_matter_is_reported(tmp_path: Path) -> None:
    brief = brief_from(tmp_path, "---\ntitle: Never closed\n\nBody goes on.\n")
    assert any("never closed" in w for w in brief.warnings)
    assert "Body goes on." in brief.body


def test_oversized_front_matter(tmp_path: Path) -> None:
    brief = brief_from(tmp_path, "---\n" + "k: " + "v" * 70_000 + "\n---\nbody\n")
    assert any("larger than" in w for w in brief.warnings)
