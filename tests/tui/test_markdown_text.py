"""Markdown rendered for reading, and the map that keeps hits on their words."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.bodyview import MAX_PIECES, blocks_of, link_marks, render_body
from tui.markdown_text import blocks

FENCE = "```"

BODY = f"""# Budget overview #

The **tracking** layer and the *transport* layer, said `the_office` today,
and the second line joins the first.

Setext heading
--------------

- first **bold item** here
- second item
  continued under it
    - nested item
1. numbered item

> quoted *words* here
> > nested quote

{FENCE}python
x = 2 * y  # **not bold** and *not italic*
{FENCE}

| Name | Cost |
|:-----|-----:|
| alpha | 1 |
| beta gamma | 22,000 |

***

snake_case_name stays, 2 * 3 * 4 reads, \\*literal stars\\* and ~~gone~~ text.
"""


def rendered(body: str = BODY, marks: dict[int, str] | None = None) -> str:
    return "\n\n".join(p.rendered.plain for p in render_body(body, True, marks or {}, 40))


def styled(body: str, style: str) -> list[str]:
    out = []
    for piece in render_body(body, True, {}, 40):
        text = piece.rendered.text
        out += [text.plain[s.start:s.end] for s in text.spans if str(s.style) == style]
    return out


def test_markdown_shows_without_its_markers() -> None:
    text = rendered()
    lines = text.splitlines()
    assert "Budget overview" in lines and "Setext heading" in lines
    assert not any(line.startswith("#") or line.endswith("#") for line in lines)
    assert "The tracking layer and the transport layer, said the_office today, and the second line joins the first." in lines
    assert "• first bold item here" in lines and "• second item" in lines
    assert "    ◦ nested item" in lines and "1. numbered item" in lines
    assert "▌ quoted words here" in lines and "▌ ▌ nested quote" in lines
    assert "--------------" not in text and "***" not in text and "|" not in text


def test_emphasis_strong_code_and_strike_are_styles() -> None:
    assert styled(BODY, "bold") == ["Budget overview", "tracking", "Setext heading", "•", "bold item", "•", "◦", "1.", "Name", "Cost"]
    assert "transport" in styled(BODY, "italic") and "words" in styled(BODY, "italic")
    assert styled(BODY, "bold cyan") == ["the_office"]
    assert styled(BODY, "strike") == ["gone"]


def test_what_is_not_emphasis_stays_as_written() -> None:
    text = rendered()
    assert "snake_case_name stays, 2 * 3 * 4 reads, *literal stars* and gone text." in text
    code = [line for line in text.splitlines() if "not bold" in line]
    assert code == ["│ x = 2 * y  # **not bold** and *not italic*"]


def test_tables_line_up_and_rules_are_drawn() -> None:
    rows = [line for line in rendered().splitlines() if "│" in line and "x = 2" not in line]
    assert rows == ["Name       │   Cost", "alpha      │      1", "beta gamma │ 22,000"]
    assert "───────────┼───────" in rendered()
    assert "─" * 40 in rendered().splitlines()


def test_every_word_maps_to_itself_on_screen() -> None:
    pieces = render_body(BODY, True, {}, 40)
    for m in re.finditer(r"\w+", BODY):
        piece = next(p for p in pieces if p.start <= m.start() < max(p.end, p.start + 1))
        span = piece.rendered.span(m.start(), m.end())
        assert span and piece.rendered.plain[span[0]:span[1]] == m.group(), m.group()


def test_a_span_across_dropped_markers_covers_the_shown_words() -> None:
    body = "Say **very big** words.\n"
    piece = render_body(body, True, {}, 40)[0].rendered
    start = body.index("**very")
    assert piece.plain == "Say very big words."
    assert piece.span(start, body.index("big") + 5) == (4, 12)  # "very big", markers skipped
    assert piece.span(body.index("**", start + 2), body.index("**", start + 2) + 2) is None


def test_link_numbers_follow_their_words() -> None:
    body = "See the *programme office* now and https://example.com/x.\n"
    end = body.index("office") + len("office")
    text = rendered(body, link_marks({end: 2, body.index("/x") + 2: 3}))
    assert text == "See the programme office[2] now and https://example.com/x[3]."


def test_plain_text_is_shown_as_it_is() -> None:
    body = "# not a heading\n\n**stars** stay\n"
    pieces = render_body(body, False, {}, 40)
    assert [p.rendered.plain for p in pieces] == ["# not a heading", "**stars** stay\n"]
    assert [(p.start, p.end) for p in pieces] == blocks_of(body)


def test_a_huge_brief_makes_few_pieces_and_unclosed_fences_end_at_the_end() -> None:
    body = "\n\n".join(f"Paragraph {n} of many." for n in range(2000))
    assert len(render_body(body, True, {}, 40)) <= MAX_PIECES
    assert [b.kind for b in blocks("text\n\n```\ncode\n\nmore code")] == ["para", "code"]


_TOKENS = st.sampled_from(
    ["word", "Quarzite", " ", " ", "\n", "\n\n", "*", "**", "_", "__", "`", "~~", "#", "## ", "- ", "1. ",
     "> ", "|", " | ", "---", "```", "\\", "[", "]", "https://example.com/a_b", "\t", "  \n", "\x1b", "é"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TOKENS, max_size=60))
def test_any_body_renders_with_an_exact_map(tokens: list[str]) -> None:
    body = "".join(tokens)
    for markdown in (True, False):
        pieces = render_body(body, markdown, {}, 30)
        for piece in pieces:
            r = piece.rendered
            assert r.src == sorted(r.src)
            assert "\x1b" not in r.plain
            for s, d, n in zip(r.src, r.dst, r.size):
                assert body[s:s + n].replace("\x1b", "\ufffd").replace("\n", " ") == r.plain[d:d + n].replace("\n", " ")
        for m in re.finditer(r"[A-Za-zé]+", body):
            index = max(i for i, p in enumerate(pieces) if p.start <= m.start() or i == 0)
            span = pieces[index].rendered.span(m.start(), m.end())
            assert span is not None and pieces[index].rendered.plain[span[0]:span[1]] == m.group()
