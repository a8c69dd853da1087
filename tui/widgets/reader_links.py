"""The reader's numbered links: `o` or `y` then a number opens or copies that link.

After `o` (open) or `y` (copy) the reader waits for a number: digits add up, and the choice
is made as soon as no longer number is possible (with 12 links, `3` is link 3 at once, `1`
waits for a second digit or Enter). Backspace takes a digit back, Escape or any other key
cancels. Links are checked again here (tui.links.safe_url) before they leave the app.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import work

from tui import links as weblinks
from tui.safe import safe_line

OPEN, COPY = "open", "copy"


def links_text(links: list[weblinks.Link]) -> Text:
    """The list shown under the body: `[n] words — url`, one per line."""
    out = Text("Links · o then a number opens one, y copies it", style="bold", end="")
    for link in links:
        out.append("\n")
        out.append(f"[{link.number}] ", style="bold")
        if link.text != link.url:
            out.append_text(safe_line(link.text))
            out.append(" — ", style="dim")
        out.append_text(safe_line(link.url, "underline"))
    return out


class LinkKeys:
    """Mixed into the Reader: the pending link number and what happens to the link."""

    links: list[weblinks.Link]
    _link_mode: str = ""
    _link_digits: str = ""

    @property
    def link_keys_pending(self) -> bool:
        """True while the reader waits for a link number after `o` or `y`."""
        return bool(self._link_mode)

    def cancel_link_keys(self) -> None:
        self._link_mode, self._link_digits = "", ""

    def action_link(self, mode: str) -> None:
        """o / y: wait for the number of the link to open or copy."""
        if not self.links:
            self._status("this brief has no links")  # type: ignore[attr-defined]
            return
        self._link_mode, self._link_digits = (OPEN if mode == OPEN else COPY), ""
        self._prompt()

    def action_links_list(self) -> None:
        """L: scroll to the list of links under the body."""
        if not self.links:
            self._status("this brief has no links")  # type: ignore[attr-defined]
            return
        self.query_one("#links-list").scroll_visible(top=True, animate=False)  # type: ignore[attr-defined]

    def _prompt(self) -> None:
        verb = "open" if self._link_mode == OPEN else "copy"
        last = len(self.links)
        self._status(f"{verb} link number: {self._link_digits or '_'} (1-{last}) · Enter · Escape cancels")  # type: ignore[attr-defined]

    def link_key(self, key: str) -> bool:
        """Handle a key while a number is awaited; False lets the key do its usual job."""
        if key.isdigit() and len(key) == 1:
            self._link_digits = (self._link_digits + key)[:6]
            number = int(self._link_digits)
            if number * 10 > len(self.links) or len(self._link_digits) >= len(str(len(self.links))):
                self._choose(number)
            else:
                self._prompt()
            return True
        if key == "backspace":
            self._link_digits = self._link_digits[:-1]
            self._prompt()
            return True
        if key == "enter":
            if self._link_digits:
                self._choose(int(self._link_digits))
            else:
                self.cancel_link_keys()
                self._status()  # type: ignore[attr-defined]
            return True
        self.cancel_link_keys()
        self._status()  # type: ignore[attr-defined]
        return key == "escape"

    def _choose(self, number: int) -> None:
        mode = self._link_mode
        self.cancel_link_keys()
        if not 1 <= number <= len(self.links):
            self._status(f"no link {number}: the links are numbered 1 to {len(self.links)}")  # type: ignore[attr-defined]
            return
        link = self.links[number - 1]
        url = weblinks.safe_url(link.url)
        if url is None:  # never expected: collect() keeps only safe URLs
            self._status(f"link {number} cannot be opened or copied")  # type: ignore[attr-defined]
            return
        self._status()  # type: ignore[attr-defined]
        if mode == COPY:
            self._copy(number, url, "Copied")
        elif weblinks.over_ssh():
            self._copy(number, url, "Over SSH, so copied rather than opened on the server:")
        else:
            self._open(number, url)

    def _copy(self, number: int, url: str, what: str) -> None:
        app: Any = self.app  # type: ignore[attr-defined]
        app.copy_to_clipboard(url)
        app.notify(f"{what} link {number}: {url}", title="Link", markup=False)

    @work(thread=True, exclusive=True, group="open-link", exit_on_error=False)
    def _open(self, number: int, url: str) -> None:
        """Start a browser in a thread (some wait for the browser); report in the app."""
        try:
            opened = weblinks.launch(url)
        except Exception:
            opened = False
        app: Any = self.app  # type: ignore[attr-defined]
        if opened:
            app.call_from_thread(app.notify, f"Opened link {number} in your browser: {url}", title="Link", markup=False)
        else:
            app.call_from_thread(self._copy, number, url, "No graphical browser here, so copied")
