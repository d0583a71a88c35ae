"""How much room a deck's text needs, estimated independently of orglib's own measure.

Greedy word wrap with the widths of Noto Sans CJK (Latin about 0.55 em, a space 0.25 em,
CJK and other non-ASCII characters a full em; CJK breaks anywhere), lines 1.2 × the
paragraph's largest size, plus the frame's margins. Used by the deck tests to find text
that runs out of its box and tables that run off the slide.
"""

from __future__ import annotations

import re

EMU = 914400
_TOKENS = re.compile(r"[!-~]+| |[^ -~]")


def em_width(text: str) -> float:
    """Width of ``text`` in ems."""
    return sum(1.0 if ord(ch) > 0x7F else 0.25 if ch == " " else 0.55 for ch in text)


def wrapped_lines(text: str, width_em: float) -> int:
    """Lines ``text`` takes in a box ``width_em`` ems wide (greedy word wrap)."""
    lines, cur = 1, 0.0
    for tok in _TOKENS.findall(text):
        w = em_width(tok)
        if tok == " ":
            cur += w
            continue
        if cur + w > width_em and cur > 0:
            lines += 1
            cur = 0.0
        while w > width_em:  # a word longer than the line breaks
            lines += 1
            w -= width_em
        cur += w
    return lines


def text_height(tf, width_in: float) -> float:
    """Inches the text of text frame ``tf`` needs in a box ``width_in`` wide."""
    def margin(v, default):
        return (default if v is None else v) / EMU

    usable = max(width_in - margin(tf.margin_left, 91440) - margin(tf.margin_right, 91440), 0.1)
    h = margin(tf.margin_top, 45720) + margin(tf.margin_bottom, 45720)
    for p in tf.paragraphs:
        size = max([r.font.size.pt for r in p.runs if r.font.size is not None] or [18])
        text = "".join(r.text for r in p.runs)
        h += wrapped_lines(text, usable * 72 / size) * size * 1.2 / 72
    return h


def overflows(deck) -> list[tuple]:
    """(slide number, what, text, inches needed, inches there) of every text box whose
    text needs more than its box, and every table whose rows need more than the slide."""
    bad = []
    slide_h = deck.slide_height / EMU
    for n, slide in enumerate(deck.slides, start=1):
        for sh in slide.shapes:
            if sh.has_text_frame and sh.text_frame.text.strip():
                need = text_height(sh.text_frame, sh.width / EMU)
                if need > sh.height / EMU + 0.02:
                    bad.append((n, "box", sh.text_frame.text[:60], round(need, 2), round(sh.height / EMU, 2)))
            if sh.has_table:
                tab = sh.table
                need = sum(max(max(text_height(c.text_frame, tab.columns[j].width / EMU)
                                   for j, c in enumerate(row.cells)), row.height / EMU) for row in tab.rows)
                if sh.top / EMU + need > slide_h - 0.3:  # above the slide number
                    bad.append((n, "table", tab.cell(0, 0).text, round(sh.top / EMU + need, 2), slide_h))
    return bad
