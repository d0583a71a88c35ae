"""The report's table of contents: built from its numbered headings, with the page of each
heading filled in from the printed PDF.

The cover cell holds an ``<ol class="toc">`` (:data:`TOC_MARK`) listing the sections (what
the notebook shows); :func:`fill_contents` replaces it at export with every section (``<h2 class="section" id=…>``) and sub-section (``<h3 id=…>``) of the
exported page in it, each with a link and an empty page slot of fixed width. After a
first print, :func:`resolve_contents_pages` writes each heading's page (from the PDF's
named destinations, the targets of those links) into its slot: the slot keeps its width,
so the pages do not move.

>>> page = ('<ol class="toc"><li>1. Summary</li></ol><h2 class="section" id="summary">1. Summary</h2>'
...         '<h3 id="summary-1">1.1 Findings</h3>')
>>> filled = fill_contents(page)
>>> filled.count('class="toc-page"')
2
>>> 'data-for="summary-1"></span>' in filled
True
>>> resolve_contents_pages(filled, {"summary": 3, "summary-1": 4}).count('">4</span>')
1
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

TOC_MARK = '<ol class="toc">'
"""Where the contents start (written by the cover cell, completed at export)."""

TOC_PAGE = 'class="toc-page"'
"""What marks a contents page slot (see :func:`resolve_contents_pages`)."""

_HEADING = re.compile(r'<h([23])\b([^>]*)\bid="([^"]+)"[^>]*>(.*?)</h\1>', re.DOTALL)
_SLOT = re.compile(r'(<span class="toc-page" data-for="([^"]*)">)[^<]*(</span>)')


def fill_contents(page: str) -> str:
    """``page`` with its contents at :data:`TOC_MARK` listing every heading (unchanged without the mark).

    Sections are the ``<h2 class="section">`` headings after the mark, sub-sections the
    ``<h3>`` headings with an id; each entry links to its heading and has an empty page slot.
    """
    at = page.find(TOC_MARK)
    if at < 0:
        return page
    end = page.find("</ol>", at) + len("</ol>")
    items = []
    for m in _HEADING.finditer(page, end):
        level, attrs, anchor, text = m.groups()
        if level == "2" and 'class="section"' not in attrs:
            continue
        text = re.sub(r"<[^>]+>", "", text).strip()  # already escaped HTML: drop tags only
        cls = "toc-h2" if level == "2" else "toc-h3"
        items.append(f'<li class="{cls}"><a href="#{anchor}">{text}</a><span class="toc-dots"></span>'
                     f'<span class="toc-page" data-for="{anchor}"></span></li>')
    return page[:at] + f'{TOC_MARK}{"".join(items)}</ol>' + page[end:]


def resolve_contents_pages(page: str, pages: Mapping[str, int]) -> str:
    """Write the page of each contents entry into its slot (``pages``: anchor → page, 1-based)."""
    def sub(m: re.Match[str]) -> str:
        n = pages.get(html.unescape(m.group(2)))
        return m.group(0) if n is None else f"{m.group(1)}{n}{m.group(3)}"

    return _SLOT.sub(sub, page)
