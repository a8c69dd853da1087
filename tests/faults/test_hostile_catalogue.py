"""Every file of the hostile catalogue (catalogue.py) through one `Indexer.run`.

The run must survive all of them at once; each file is then either reported with its
path and a reason, or indexed harmlessly: findable, its text free of terminal controls,
no entity expanded, no secret read, no object built.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefs.textsafe import has_unsafe
from index.indexer import IndexReport, Indexer
from index.search import Searcher
from index.store import open_index
from tests.faults.catalogue import CHANGING_VERSIONS, SECRET, Case, Rewriter, cases

MAX_BYTES = 20 << 20  # the default cap
NAMES = [c.name for c in cases(Path("secret"), Path("pwned"))]
# Terminal controls in output: C0 but tab/newline, DEL, C1 (the CSI of 8-bit terminals).
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass
class Run:
    base: Path
    corpus: Path
    index: Path
    report: IndexReport
    cases: dict[str, Case]
    paths: dict[str, Path]
    docs: dict[str, list[dict]]  # type: ignore[type-arg]
    pwned: Path

    def failure(self, path: Path) -> str | None:
        return {p: r for p, r in self.report.failed}.get(str(path))

    def warnings(self, path: Path) -> list[str]:
        return [w for p, w in self.report.warnings if p == str(path)]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    base = tmp_path_factory.mktemp("catalogue")
    corpus = base / "corpus"
    corpus.mkdir()
    secret, pwned = base / "secret.txt", base / "pwned"
    secret.write_text(f"{SECRET} in a private file beside the corpus\n")
    catalogue = {c.name: c for c in cases(secret, pwned)}
    paths = {name: case.make(corpus) for name, case in catalogue.items()}
    (corpus / "ordinary.md").write_text("# Ordinary\nordinaryword: a brief like any other.\n")
    ix = base / "ix"
    with Rewriter(paths["rewritten while read"]):
        report = Indexer(ix, MAX_BYTES, workers=1).run([corpus])
    index, _ = open_index(ix, create=False)
    assert index is not None
    docs: dict[str, list[dict]] = defaultdict(list)  # type: ignore[type-arg]
    with index.searcher() as s:
        for fields in s.reader().all_stored_fields():
            docs[fields["path"]].append(fields)
    return Run(base, corpus, ix, report, catalogue, paths, docs, pwned)


@pytest.mark.parametrize("name", NAMES)
def test_each_file_is_reported_or_indexed_harmlessly(run: Run, name: str) -> None:
    case, path = run.cases[name], run.paths[name]
    failed, docs = run.failure(path), run.docs.get(str(path), [])
    assert (failed is None) != (not docs), f"{name}: reported as {failed!r} and indexed {len(docs)} times"
    if failed is not None:
        assert case.outcome in ("failed", "either"), f"{name} failed: {failed}"
        assert not failed.startswith("unexpected"), f"{name}: a loader bug, not a reason: {failed}"
        if case.outcome == "failed" or case.reason:
            assert case.reason in failed or case.outcome == "either", failed
        return
    assert case.outcome in ("indexed", "either"), f"{name} was indexed, expected: {case.outcome}"
    if case.reason and case.outcome == "indexed":
        assert any(case.reason in w for w in run.warnings(path)), run.warnings(path)
    if case.word:
        with Searcher(run.index) as s:
            assert [h.path for h in s.search(case.word, limit=5).hits] == [str(path)]


def test_the_run_survived_and_indexed_the_ordinary_brief(run: Run) -> None:
    assert not run.report.interrupted
    assert len(run.docs[str(run.corpus / "ordinary.md")]) == 1


def test_no_stored_text_holds_terminal_controls(run: Run) -> None:
    """Text is cleaned as it is read. File names are kept exact (they must still open the
    file): `path` and `file` are cleaned when shown, which the command line test checks."""
    for path, docs in run.docs.items():
        for fields in docs:
            meta = fields.get("meta") or {}
            extra = {k: v for k, v in (meta.get("extra") or {}).items() if k != "file"}
            texts = [fields.get("title", ""), fields.get("body", ""), fields.get("source", ""),
                     fields.get("author", ""), *meta.get("tags", []), *map(str, extra.values())]
            unsafe = [t[:60] for t in texts if has_unsafe(str(t))]
            assert not unsafe, f"{path!r}: {unsafe}"


def test_no_entity_was_expanded_and_no_secret_read(run: Run) -> None:
    passwd = Path("/etc/passwd")
    first = passwd.read_text(errors="replace").splitlines()[0] if passwd.exists() else "root:x:0:0"
    bodies = [f.get("body", "") for docs in run.docs.values() for f in docs]
    assert not [b for b in bodies if SECRET in b or first in b or "root:x:0:0" in b]
    with Searcher(run.index) as s:
        assert s.search(SECRET).total == 0
    [bomb] = run.docs[str(run.paths["RSS entity bomb"])]
    assert len(bomb["body"]) < 1000 and "lollol" not in bomb["body"]


def test_no_yaml_tag_built_an_object(run: Run) -> None:
    assert not run.pwned.exists()
    [doc] = run.docs[str(run.paths["YAML python tags"])]
    assert "python/object" not in doc["title"]


def test_a_file_rewritten_while_read_is_one_whole_version(run: Run) -> None:
    docs = run.docs.get(str(run.paths["rewritten while read"]), [])
    if not docs:  # best effort: refused as never still, which the next run retries
        assert "kept changing" in (run.failure(run.paths["rewritten while read"]) or "")
        return
    [doc] = docs
    body = doc["body"]
    runs = [c for c in "AB" if c * 60_000 in body]
    assert len(runs) == 1 and f"version {runs[0]}" in body, "a torn read mixed two versions"
    assert CHANGING_VERSIONS  # the versions the rewriter alternates


def test_the_command_line_shows_hostile_names_and_text_inert(run: Run) -> None:
    from tui.cli import cli

    config = run.base / "config.yaml"
    config.write_text("folders:\n  - " + json.dumps(str(run.corpus)) + "\n")
    common = ["--config", str(config), "--index-dir", str(run.index)]
    found = CliRunner().invoke(cli, [*common, "search", "ctrlword OR escapeword OR newlineword"])
    assert found.exit_code == 0, found.output
    assert "3 briefs match" in found.output
    [doc] = run.docs[str(run.paths["terminal controls and markup in the text"])]
    shown = CliRunner().invoke(cli, [*common, "show", doc["id"]])
    assert shown.exit_code == 0, shown.output
    assert "[@click=app.quit]" in shown.output, "markup is shown as the text it is"
    for output in (found.output, shown.output):
        assert not CONTROLS.findall(output.replace("\n", "")), "a control character reached the terminal"
