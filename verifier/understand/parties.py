"""Other parties a certificate names beside its issuer (class 4 of the real-certificate failures): the contestant's
school (参赛单位, 参赛学校), the bodies that guided, hosted, co-organised or sponsored a contest (指导单位, 承办单位,
协办单位, 支持单位). Their names stand near the sign-off but none of them issued the certificate."""

from __future__ import annotations

import re

from verifier.text import DocumentText, Line

_OTHER_PARTY_CAPTION = re.compile(
    r"^\s*(?:(?:参赛|获奖|选送|推荐|报送|所在|所属|战队|团队|队伍|选手|作者)(?:单位|学校|院校|高校|学院)|(?:学校|院校|单位|团队|队伍)名称"
    r"|(?:联合)?(?:指导|承办|协办|支持|赞助|合作|执行|运营|冠名|技术支持|战略合作)(?:单位|机构|方|伙伴)?"
    r"|(?:联合)?主办(?:单位|机构|方)?"
    # The caption's first character lost to the edge or a seal (导单位, 办单位, 持单位): still another party's.
    r"|[导办持]单位)\s*[:：]?"
)
# 主办单位 names the organisers: the issuer where nobody signs below, one of the parties where a committee does.
_HOST_CAPTION = re.compile(r"^\s*(?:联合)?主办(?:单位|机构|方)?\s*[:：]?")
_CONTEST = re.compile(r"赛|组委会|组织委员会")
# A list under a caption goes on in the lines just below it, indented like its first name (承办单位：甲大学 | 乙大学).
_LIST_GAP = 1.1
# How far a list's next line may start from where its first name does (share of the page width).
_ALIGNED = 0.05


def other_party_lines(text: DocumentText) -> set[int]:
    """The ids of lines that name another party: after such a caption, in its line or the box to its right in the
    row, and the lines of a list that continues below it."""
    found: set[int] = set()
    for row in text.rows():
        captioned = False
        for line in row:
            if _OTHER_PARTY_CAPTION.match(line.text):
                captioned = True
                found.add(id(line))
            elif captioned:
                found.add(id(line))  # the name in the box after a caption box (承办单位： | 重庆大学)
    for line in text.lines:
        if id(line) in found:
            found.update(id(below) for below in _list_below(text, line))
    return found


def hosts_in_a_contest(caption: str, text: DocumentText) -> bool:
    """A 主办单位 caption on a contest's certificate, whose committee signs it."""
    return bool(_HOST_CAPTION.match(caption)) and bool(_CONTEST.search(text.flat))


def _list_below(text: DocumentText, first: Line) -> list[Line]:
    """The lines a list goes on in under its caption: indented under the caption's first name, or, under a caption
    alone on its line (主办单位：), starting where the caption does."""
    height = first.bottom - first.top
    caption = _OTHER_PARTY_CAPTION.match(first.text)
    bare = caption is not None and not first.text[caption.end() :].strip()
    # Where the first name starts, after the caption: the list's next lines start there too.
    value = first.left + (first.right - first.left) * (caption.end() if caption else 0) / max(len(first.text), 1)
    listed, last = [], first
    # Under a caption alone the list is centred or starts where the caption does: it overlaps the caption, or the
    # names listed so far (a long list wraps under its own lines, 总决赛 - 安徽工程大学 | 武汉纺织大学).
    span_left, span_right = first.left, first.right
    for line in text.lines:
        if line.page != first.page or line.top <= last.top:
            continue
        gap = line.top - last.bottom
        if gap > _LIST_GAP * height:
            continue
        if bare:
            under = line.left < span_right and line.right > span_left
        else:
            under = value - _ALIGNED <= line.left <= value + _ALIGNED
        if under and not _OTHER_PARTY_CAPTION.match(line.text):
            listed.append(line)
            last = line
            if bare:
                span_left, span_right = min(span_left, line.left), max(span_right, line.right)
    return listed

