"""Where things live and which folders make a corpus: config file, env vars, options.

Precedence, highest first: command-line options, environment variables, the YAML config
file, platform defaults (platformdirs). See README "Configuration".
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs
import yaml

from briefs import frontmatter
from briefs.files import DEFAULT_MAX_BYTES

APP = "brief"
SAMPLES_CORPUS = "samples"
SAMPLES_DIR = Path(__file__).resolve().parent / "samples"

ENV_CONFIG = "BRIEF_CONFIG"
ENV_CORPUS = "BRIEF_CORPUS"
ENV_CACHE = "BRIEF_CACHE_DIR"
ENV_INDEX = "BRIEF_INDEX_DIR"
ENV_DATA = "BRIEF_DATA_DIR"

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


class ConfigError(ValueError):
    """A configuration problem, worded for one line: the file and the reason."""


@dataclass
class Settings:
    """Everything a command needs to find its corpus, index and data."""

    corpus: str
    folders: list[Path]
    index_dir: Path
    data_dir: Path
    config_file: Path
    max_file_bytes: int = DEFAULT_MAX_BYTES
    uses_samples: bool = False
    keys: dict[str, object] = field(default_factory=dict)
    """`keys:` as written (action name -> key or list of keys); the app checks each entry."""
    theme: str = ""
    """`theme:` (a theme name), or "" for the app's own choice."""
    watch_seconds: float = 10.0
    """`watch_seconds:` how often the app looks for new and changed files (0: never)."""
    problems: list[str] = field(default_factory=list)
    """One line each for config entries that were ignored (the app shows them as warnings)."""
    raw: dict[str, object] = field(default_factory=dict)


def default_config_file() -> Path:
    env = os.environ.get(ENV_CONFIG)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_config_dir(APP)) / "config.yaml"


def read_config(path: Path) -> dict[str, object]:
    """The config file as a mapping ({} when it does not exist)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None
    try:
        data = yaml.load(text, Loader=frontmatter._StringLoader)  # noqa: S506 - safe subclass
    except (yaml.YAMLError, frontmatter.FrontMatterError, RecursionError) as exc:
        raise ConfigError(f"{path}: invalid YAML: {str(exc).splitlines()[0]}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the config must be a mapping of keys")
    return data


def load_settings(
    config_file: str | os.PathLike[str] | None = None,
    corpus: str | None = None,
    index_dir: str | os.PathLike[str] | None = None,
    data_dir: str | os.PathLike[str] | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
) -> Settings:
    """Resolve settings from options (arguments), environment and the config file."""
    cfg_path = Path(config_file).expanduser() if config_file else default_config_file()
    raw = read_config(cfg_path)
    data = Path(
        data_dir or os.environ.get(ENV_DATA) or platformdirs.user_data_dir(APP)
    ).expanduser()
    name = corpus or os.environ.get(ENV_CORPUS) or str(raw.get("corpus") or "default")
    if not _NAME.match(name):
        raise ConfigError(f"corpus name {name!r}: use letters, digits, '.', '_' or '-'")
    folders = _configured_folders(raw, name, cfg_path) + registered_folders(data, name)
    folders = _dedupe(folders)
    uses_samples = False
    implicit = name == "default" and not corpus and not os.environ.get(ENV_CORPUS)
    if not folders and (implicit or name == SAMPLES_CORPUS):
        name, folders, uses_samples = SAMPLES_CORPUS, [SAMPLES_DIR], True
    cache = Path(
        cache_dir or os.environ.get(ENV_CACHE) or platformdirs.user_cache_dir(APP)
    ).expanduser()
    index_env = os.environ.get(ENV_INDEX)
    index = Path(index_dir or index_env or cache / "index" / name).expanduser()
    max_mb = raw.get("max_file_size_mb")
    max_bytes = DEFAULT_MAX_BYTES
    if max_mb not in (None, ""):
        try:
            max_bytes = int(float(str(max_mb)) * 1024 * 1024)
        except ValueError:
            raise ConfigError(f"{cfg_path}: max_file_size_mb must be a number") from None
    keys, theme, problems = _app_options(raw, cfg_path)
    watch = _watch_seconds(raw.get("watch_seconds"), cfg_path, problems)
    return Settings(
        corpus=name,
        folders=folders,
        index_dir=index,
        data_dir=data,
        config_file=cfg_path,
        max_file_bytes=max_bytes,
        uses_samples=uses_samples,
        keys=keys,
        theme=theme,
        watch_seconds=watch,
        problems=problems,
        raw=raw,
    )


def _app_options(raw: dict[str, object], cfg: Path) -> tuple[dict[str, object], str, list[str]]:
    """`keys:` and `theme:` for the app; a wrong shape is reported, never fatal."""
    problems: list[str] = []
    keys: dict[str, object] = {}
    entry = raw.get("keys")
    if isinstance(entry, dict):
        for action, value in entry.items():
            if isinstance(value, list):
                value = [str(v) for v in value]
            elif value is not None and not isinstance(value, (dict, list)):
                value = str(value)
            keys[str(action)] = value
    elif entry not in (None, ""):
        problems.append(f"{cfg}: keys: must map action names to keys; ignored")
    theme = raw.get("theme")
    if theme is not None and not isinstance(theme, (str, int, float)):
        problems.append(f"{cfg}: theme: must be a theme name; ignored")
        theme = None
    return keys, str(theme or "").strip(), problems


def _watch_seconds(value: object, cfg: Path, problems: list[str]) -> float:
    """`watch_seconds:` as a number of seconds >= 0 (a bad value: the default, and a warning)."""
    if value in (None, ""):
        return 10.0
    try:
        seconds = float(str(value))
    except ValueError:
        seconds = -1.0
    if not seconds >= 0:  # also catches NaN
        problems.append(f"{cfg}: watch_seconds: must be a number of seconds (0 turns watching off); using 10")
        return 10.0
    return max(seconds, 1.0) if seconds else 0.0


def _configured_folders(raw: dict[str, object], name: str, cfg: Path) -> list[Path]:
    entries: object = None
    corpora = raw.get("corpora")
    if isinstance(corpora, dict) and name in corpora:
        entry = corpora[name]
        entries = entry.get("folders") if isinstance(entry, dict) else entry
    elif name == str(raw.get("corpus") or "default"):
        entries = raw.get("folders")
    if entries in (None, ""):
        return []
    if isinstance(entries, str):
        entries = [entries]
    if not isinstance(entries, list):
        raise ConfigError(f"{cfg}: folders of corpus {name!r} must be a list of paths")
    base = cfg.parent
    return [_absolute(str(e), base) for e in entries if str(e).strip()]


def _absolute(value: str, base: Path) -> Path:
    path = Path(os.path.expandvars(value.strip())).expanduser()
    return path if path.is_absolute() else (base / path)


def _dedupe(paths: list[Path]) -> list[Path]:
    seen: dict[str, Path] = {}
    for p in paths:
        seen.setdefault(os.path.normpath(os.path.abspath(p)), Path(os.path.abspath(p)))
    return list(seen.values())


def _registry(data_dir: Path) -> Path:
    return data_dir / "corpora.json"


def registered_folders(data_dir: Path, corpus: str) -> list[Path]:
    """Folders added with `brief index PATH` (kept in the data folder, not the config)."""
    try:
        data = json.loads(_registry(data_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    entries = data.get(corpus, []) if isinstance(data, dict) else []
    return [Path(p) for p in entries if isinstance(p, str)]


def register_folders(data_dir: Path, corpus: str, folders: list[Path]) -> list[Path]:
    """Remember folders for a corpus so that later commands find them; returns new ones."""
    path = _registry(data_dir)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            data = {}
    except (OSError, ValueError):
        data = {}
    current = [str(p) for p in data.get(corpus, []) if isinstance(p, str)]
    added = []
    for folder in folders:
        text = os.path.abspath(folder)
        if text not in current:
            current.append(text)
            added.append(Path(text))
    if added:
        data[corpus] = current
        from briefs.safewrite import write_atomic

        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(data, indent=2).encode("utf-8"))
    return added


def unregister_folders(data_dir: Path, corpus: str, folders: list[Path]) -> list[Path]:
    """Forget folders added with `brief index PATH`; returns those that were registered."""
    path = _registry(data_dir)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    current = [str(p) for p in data.get(corpus, []) if isinstance(p, str)]
    drop = {os.path.abspath(f) for f in folders}
    removed = [Path(p) for p in current if p in drop]
    if removed:
        data[corpus] = [p for p in current if p not in drop]
        from briefs.safewrite import write_atomic

        write_atomic(path, json.dumps(data, indent=2).encode("utf-8"))
    return removed
