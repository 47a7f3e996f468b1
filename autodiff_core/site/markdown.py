"""A notebook's Markdown as HTML for the static site: math as MathML, nothing fetched.

* Math (``$...$``, ``$$...$$``) is written as MathML when the site is built
  (latex2mathml), which every current browser draws with its own fonts: no script,
  no font file, no CDN.
* A link to another lesson (``03_reverse_mode.ipynb#adjoints``) points at its page
  (``03_reverse_mode.html#adjoints``).
* An image from the network (a badge) is not fetched: its words stay, as text.
* Headings get ids, so a page's sections can be linked to.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

import latex2mathml.converter
import mistune
from mistune.renderers.html import HTMLRenderer

_NOTEBOOK_LINK = re.compile(r"^(?P<stem>[^/:?#]+)\.ipynb(?P<rest>[?#].*)?$")


def slug(text: str) -> str:
    """A heading's id: its words, lower case, joined by hyphens (as JupyterLab makes them, near enough)."""
    words = re.sub(r"<[^>]+>", "", html.unescape(text))
    return re.sub(r"[^\w]+", "-", words.strip().lower(), flags=re.UNICODE).strip("-") or "section"


def math(tex: str, display: bool) -> str:
    """LaTeX as MathML; text the converter cannot read stays visible as its source."""
    try:
        mathml = latex2mathml.converter.convert(tex.strip(), display="block" if display else "inline")
    except Exception:  # noqa: BLE001 - any parser failure: show the source rather than lose it
        return f'<code class="tex">{html.escape(tex)}</code>'
    return f'<div class="math">{mathml}</div>' if display else mathml


def is_remote(url: str) -> bool:
    return urlsplit(url).scheme in ("http", "https") or url.startswith("//")


class _Renderer(HTMLRenderer):
    def __init__(self, pages: set[str]):
        super().__init__(escape=False)
        self.pages = pages
        self.ids: dict[str, int] = {}

    def heading(self, text: str, level: int, **attrs) -> str:
        base = slug(text)
        n = self.ids.get(base, 0)
        self.ids[base] = n + 1
        anchor = base if n == 0 else f"{base}-{n}"
        return f'<h{level} id="{anchor}">{text}<a class="anchor" href="#{anchor}" aria-hidden="true">#</a></h{level}>\n'

    def link(self, text: str, url: str, title: str | None = None) -> str:
        found = _NOTEBOOK_LINK.match(url)
        if found and found["stem"] in self.pages:
            url = f"{found['stem']}.html{found['rest'] or ''}"
        return super().link(text, url, title)

    def image(self, text: str, url: str, title: str | None = None) -> str:
        if is_remote(url):
            return f'<span class="remote-image">{html.escape(text or "image")}</span>'
        return super().image(text, url, title)


def renderer(pages: set[str]):
    """A Markdown-to-HTML function for one page; ``pages`` are the notebook stems the site has."""
    md = mistune.create_markdown(renderer=_Renderer(pages), plugins=["math", "table", "strikethrough", "url"])
    md.renderer.register("block_math", lambda _r, text: math(text, True))
    md.renderer.register("inline_math", lambda _r, text: math(text, False))
    return md


def plain(markdown_text: str) -> str:
    """Markdown as plain words (for a title): no marks, no links' targets."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown_text)
    return re.sub(r"[*_`#]", "", text).strip()
