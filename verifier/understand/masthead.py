"""A journal page's masthead: the journal and issue it names stand in for a signing body and a date."""

from __future__ import annotations

import itertools
import re
from datetime import date

from verifier.text import DocumentText
from verifier.understand.signature import Signature

# A journal prints its name and issue in the running head: 中学物理教学参考 2018年第11期.
_MASTHEAD = re.compile(
    r"^(?P<journal>[\u4e00-\u9fff]{2,20}?)\s*(?P<year>(?:19|20)\d{2})\s*年\s*第\s*(?P<issue>\d{1,2})\s*期"
)


# The running head sits in the top margin; a photo's framing or tilt moves it down a little.
_MASTHEAD_ZONE = 0.25


# A cover or title page sets the journal's name on a line of its own, its issue on the next.
_JOURNAL_NAME = re.compile(r"^[\u4e00-\u9fff]{2,20}$")


# A journal named in title marks with its issue, anywhere on the page: a running foot, 原载《贵州教育》2021年第11期.
_BRACKETED_ISSUE = re.compile(
    r"《(?P<journal>[^《》]{2,20})》\s*(?P<year>(?:19|20)\d{2})\s*年\s*第\s*(?P<issue>\d{1,2})\s*期"
)


# A sentence about an issue is no running head: 拟刊登于我刊2021年第11期 (an acceptance letter).
_NOT_A_JOURNAL = re.compile(r"刊登|发表|录用|刊用|拟|我刊|本刊")


def read_masthead(text: DocumentText) -> Signature | None:
    """A journal page names its journal and issue, not a signing body. A monthly's 第N期 is its month."""
    top = [line for line in text.lines if line.top < _MASTHEAD_ZONE]
    heads = [line.text.replace(" ", "") for line in top]
    # The running head on one line, or the name with its issue on the line below it.
    heads += [name + issue for name, issue in itertools.pairwise(heads) if _JOURNAL_NAME.match(name)]
    running = (m for head in heads if (m := _MASTHEAD.match(head)) and not _NOT_A_JOURNAL.search(m.group("journal")))
    bracketed = (m for line in text.lines if (m := _BRACKETED_ISSUE.search(line.text.replace(" ", ""))))
    match = next(itertools.chain(running, bracketed), None)  # the running head first, looked for lazily
    if match is None:
        return None
    issue, year = int(match.group("issue")), int(match.group("year"))
    # A year still to come is a misread one (2036年第1期).
    when = f"{year}-{issue:02d}" if 1 <= issue <= 12 and year <= date.today().year else None
    return Signature([match.group("journal")], when, ["刊名与期号"])
