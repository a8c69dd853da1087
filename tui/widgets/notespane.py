"""The notes pane: the open brief's notes and highlights; Enter on a highlight shows it.

A third view of the side pane (beside key facts and related briefs). Highlights are listed
in reading order as quotes with their comment; one whose text is no longer in the brief is
marked detached (kept, never dropped). The pane asks the screen to edit or delete an item
(`NoteItem`); the screen owns the store.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets.option_list import Option

from briefs.notes import Annotations, Highlight, Note
from briefs.notes.anchor import locate
from tui.annotations import plural
from tui.messages import ShowSpan
from tui.safe import joined, safe_line, safe_text
from tui.widgets.keylist import KeyList

PREVIEW_LINES = 4
QUOTE_CHARS = 240


@dataclass
class NoteItem(Message):
    """The pane asks the screen to act on a note or highlight: "edit", "editor", "delete"."""

    action: str
    kind: str       # "note" or "highlight"
    item_id: int


def note_prompt(note: Note) -> Text:
    """`Note · 2026-06-01` and the first lines of the note."""
    lines = note.text.strip().split("\n")
    shown = "\n".join(lines[:PREVIEW_LINES]) + ("\n…" if len(lines) > PREVIEW_LINES else "")
    head = Text(f"Note · {note.updated[:10]}", style="bold")
    return joined(head, Text("\n"), safe_text(shown))


def highlight_prompt(h: Highlight, body: str) -> Text:
    """`Highlight · paragraph 3` (or DETACHED), the quoted passage, and its comment."""
    if h.attached and h.end <= len(body):
        where = locate(body, h.start, h.end)
        head = Text(f"Highlight · paragraph {where.paragraph}, line {where.line}", style="bold")
    else:
        head = Text("Highlight · DETACHED: no longer found in the brief", style="bold italic")
    quote = " ".join(h.text.split())
    if len(quote) > QUOTE_CHARS:
        quote = quote[:QUOTE_CHARS].rstrip() + "…"
    parts = [head, Text("\n"), Text("“", style="dim"), safe_line(quote, "italic"), Text("”", style="dim")]
    if h.comment.strip():
        parts += [Text("\n"), Text("— ", style="dim"), safe_text(h.comment.strip())]
    return joined(*parts)


class NotesPane(KeyList):
    """The open brief's notes and highlights (from the notes store)."""

    BINDINGS: list[BindingType] = [
        Binding("enter", "select", "Show / edit", show=True),
        Binding("e", "item('edit')", "Edit", show=True, id="notes_edit"),
        Binding("E", "item('editor')", "Edit in $EDITOR", show=False, id="notes_editor_edit"),
        Binding("d,delete", "item('delete')", "Delete", show=True, id="notes_delete"),
    ]
    """Enter on a highlight scrolls the reader to it (on a note: edits it); e edits a note
    (or a highlight's comment), E edits a note in $EDITOR, d deletes (after a question)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.items: dict[str, Note | Highlight] = {}

    def on_mount(self) -> None:
        self.show(None, "", "Open a brief to see its notes and highlights.")

    def show(self, ann: Annotations | None, body: str, note: str = "") -> None:
        """Fill the pane with one brief's notes and highlights (keeping the cursor's row)."""
        keep = self.highlighted
        self.items = {}
        self.clear_options()
        options: list[Option | None] = []
        if ann is not None:
            if ann.notes:
                options.append(Option(Text(f"Notes ({len(ann.notes)}) · a: add", style="bold underline"), disabled=True))
                for n in ann.notes:
                    self.items[f"note:{n.id}"] = n
                    options += [Option(note_prompt(n), id=f"note:{n.id}"), None]
            if ann.highlights:
                label = f"{plural(len(ann.highlights), 'highlight').capitalize()} · Enter: show"
                options.append(Option(Text(label, style="bold underline"), disabled=True))
                for h in ann.highlights:
                    self.items[f"highlight:{h.id}"] = h
                    options += [Option(highlight_prompt(h, body), id=f"highlight:{h.id}"), None]
        while options and options[-1] is None:
            options.pop()
        if not options:
            empty = note or "No notes or highlights yet. a: add a note · v in the reader: select a passage, h: highlight it."
            options.append(Option(safe_text(empty, "dim"), disabled=True))
        self.add_options(options)
        if keep is not None and keep < self.option_count and not self.get_option_at_index(keep).disabled:
            self.highlighted = keep
        else:
            self.action_first()

    def current(self) -> Note | Highlight | None:
        option = self.highlighted_option
        return self.items.get(option.id or "") if option is not None else None

    def on_option_list_option_selected(self, event: KeyList.OptionSelected) -> None:
        """Enter: show a highlight in the reader; edit a note."""
        event.stop()
        item = self.items.get(event.option.id or "")
        if isinstance(item, Highlight):
            if item.attached:
                self.post_message(ShowSpan(item.start, item.end))
            else:
                self.app.notify("This highlight is detached: its text is no longer in the brief (it is kept).",
                                markup=False)
        elif isinstance(item, Note):
            self.post_message(NoteItem("edit", "note", item.id))

    def action_item(self, action: str) -> None:
        """e / E / d on the row under the cursor."""
        item = self.current()
        if item is None:
            return
        kind = "note" if isinstance(item, Note) else "highlight"
        self.post_message(NoteItem(action, kind, item.id))
