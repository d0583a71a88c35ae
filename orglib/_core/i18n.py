"""Bilingual text: every user-facing string exists in zh and en.

Examples
--------
>>> tr("组织", "organisation", "zh")
'组织'
>>> check_lang("fr")
Traceback (most recent call last):
...
orglib._core.errors.OrgInputError: unknown language 'fr': use 'zh' or 'en' / 未知语言 'fr':请用 zh 或 en
"""

from __future__ import annotations

from .errors import OrgInputError

LANGS = ("zh", "en")


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is "zh" or "en", else raise a clear error."""
    if lang not in LANGS:
        raise OrgInputError(f"unknown language {lang!r}: use 'zh' or 'en' / 未知语言 {lang!r}:请用 zh 或 en")
    return lang


def tr(zh: str, en: str, lang: str) -> str:
    """Pick the zh or en text."""
    return zh if check_lang(lang) == "zh" else en


def count_en(n: float, one: str, many: str = "") -> str:
    """A count and its English noun, singular or plural, with thousands separators
    (never ``unit(s)``): ``1 unit``, ``3 units``, ``1,516 people``, ``2.5 posts``.

    >>> count_en(1, "unit"), count_en(3.0, "layer"), count_en(1516, "person", "people")
    ('1 unit', '3 layers', '1,516 people')
    """
    f = float(n)
    shown = f"{f:,.0f}" if f == round(f) else f"{f:,.2f}".rstrip("0").rstrip(".")
    return f"{shown} {one if f == 1 else (many or one + 's')}"


def pick(row: dict, field: str, lang: str) -> str:
    """Field in ``lang``: ``title`` for zh, ``title_en`` (falling back to ``title``) for en.

    >>> pick({"title": "经理", "title_en": "Manager"}, "title", "en")
    'Manager'
    """
    if lang == "en":
        val = row.get(f"{field}_en") or ""
        if isinstance(val, str) and val.strip():
            return val
    val = row.get(field)
    return "" if val is None else str(val)
