"""Legal bases written one per line, as clerks write them: 《法律法规名称》条款."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

TITLE_MAX = 200
ARTICLE_MAX = 200
LINE = re.compile(r"^《(?P<title>[^《》]+)》\s*(?P<article>.*)$")


def parse_legal_bases(text: str) -> list[tuple[str, str]]:
    """Each non-empty line: 《title》article, or just a title. Raises ValidationError naming
    every bad line."""
    bases: list[tuple[str, str]] = []
    problems = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        match = LINE.match(line)
        title, article = (match["title"].strip(), match["article"].strip()) if match else (line, "")
        if "《" in title or "》" in title:
            problems.append(_("第 %(n)d 行书名号不成对：%(line)s") % {"n": number, "line": line})
        elif len(title) > TITLE_MAX:
            problems.append(
                _("第 %(n)d 行法律法规名称超过 %(max)d 个字。") % {"n": number, "max": TITLE_MAX}
            )
        elif len(article) > ARTICLE_MAX:
            problems.append(
                _("第 %(n)d 行条款超过 %(max)d 个字。") % {"n": number, "max": ARTICLE_MAX}
            )
        elif (title, article) in bases:
            problems.append(_("第 %(n)d 行与前面重复：%(line)s") % {"n": number, "line": line})
        else:
            bases.append((title, article))
    if problems:
        raise ValidationError(problems)
    return bases


def format_legal_bases(bases: list[tuple[str, str]]) -> str:
    return "\n".join(f"《{title}》{article}" for title, article in bases)
