"""Jinja2 for export layouts and file names: the default layout, and the user's own.

User templates run in Jinja's `SandboxedEnvironment`: they are the user's files, but a
template copied from somewhere should not reach Python internals (`__class__`, `__globals__`)
or run for ever over `range(10**9)`. Autoescape is off: the output is Markdown, not HTML,
and escaping would turn `&` into `&amp;` in every quote. Undefined names are errors, so a
misspelt variable is reported instead of silently printing nothing.
"""

from __future__ import annotations

from pathlib import Path

import yaml

DEFAULT_LAYOUT = """\
{{ front_matter }}
{% set single = briefs|length == 1 %}
{% set h = "#" if single else "##" %}
{% if not single %}
# {{ title }}

{{ briefs|length }} briefs, exported {{ exported_at }}.
{% endif %}
{% for b in briefs %}

{{ h }} {{ b.title }}

{{ b.citation }}
{% if b.tags %}

Tags: {{ b.tags|join(", ") }}
{% endif %}
{% if b.orphan %}

*This brief is no longer in the corpus (last seen at {{ b.path }}); its notes are kept.*
{% endif %}
{% if b.notes %}

{{ h }}# Notes
{% for n in b.notes %}

{{ n.text }}

*— note {{ n.id }}, {{ n.updated }}*
{% endfor %}
{% endif %}
{% if b.highlights %}

{{ h }}# Highlights
{% for hl in b.highlights %}

{{ hl.text|quote }}

— {{ hl.citation }}{{ "" if hl.attached else " (detached: no longer found in the brief's text)" }}
{% if hl.comment %}

**Comment:** {{ hl.comment }}
{% endif %}
{% endfor %}
{% endif %}
{% if b.facts %}

{{ h }}# Key facts
{% for group in b.facts %}

{{ h }}## {{ group.heading }}

{% for f in group.entries %}
- {{ f.label }}{% if f.count > 1 %} (×{{ f.count }}){% endif %} — {{ f.short_citation }}
{% endfor %}
{% endfor %}
{% endif %}
{% endfor %}
"""

DEFAULT_NAME = None  # per-brief files are "<title>-<id>.md" unless --name-template is given


class TemplateProblem(ValueError):
    """A user template that cannot be used or failed; the message fits one line."""


def block_quote(text: str) -> str:
    """Text as a Markdown block quote, every line prefixed (blank lines too)."""
    return "\n".join(f"> {line}".rstrip() for line in str(text).split("\n"))


def yaml_value(value: object) -> str:
    """A value as YAML (flow style, one line when it fits)."""
    return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000).strip()


def environment():  # type: ignore[no-untyped-def]
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(autoescape=False, undefined=StrictUndefined, trim_blocks=True,
                               lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["quote"] = block_quote
    env.filters["yaml"] = yaml_value
    return env


def compile_template(source: str, name: str = "<template>"):  # type: ignore[no-untyped-def]
    from jinja2 import TemplateSyntaxError

    try:
        return environment().from_string(source)
    except TemplateSyntaxError as exc:
        raise TemplateProblem(f"{name}: line {exc.lineno}: {exc.message}") from None


def load_template(path: str | Path):  # type: ignore[no-untyped-def]
    try:
        source = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateProblem(f"{path}: cannot read the template: {exc}") from None
    return compile_template(source, str(path))


def render(template, name: str, **context: object) -> str:  # type: ignore[no-untyped-def]
    """Render, turning every template failure into one line naming the template."""
    from jinja2 import TemplateError

    try:
        return str(template.render(**context))
    except TemplateError as exc:
        first = str(getattr(exc, "message", None) or exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise TemplateProblem(f"{name}: {first}") from None
    except (ArithmeticError, ValueError, TypeError, OverflowError, RecursionError) as exc:
        raise TemplateProblem(f"{name}: {type(exc).__name__}: {exc}") from None
