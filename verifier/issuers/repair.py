"""Body names put right: one misread character in the body word or in its place, against the gazetteer and
against the places the document prints whole elsewhere.
"""

from __future__ import annotations

import functools
import itertools
import re

from rapidfuzz.distance import Levenshtein

from models.vocab import Level
from verifier.issuers.bodies import BODY_SUFFIXES, NATIONAL_BODY, SCHOOL_BODY
from verifier.issuers.fuzzy import FuzzyPlace, fuzzy_place, lookalike_place
from verifier.issuers.gazetteer import Alias, AliasKind, Division, load_gazetteer
from verifier.issuers.known import known_body
from verifier.lookalike import LOOKALIKE, lookalike

# Body words long or common enough that one odd character inside them is a misreading, not another body.
# 师范大学 and 师范学院 are no body words of their own (a 大学 is a body) but end most diplomas' signing names.
_REPAIRABLE = sorted(
    {s for s in BODY_SUFFIXES if len(s) >= 4} | {"教育局", "教育厅", "教育部", "师范大学", "师范学院"},
    key=len,
    reverse=True,
)


# A body word this long keeps its meaning with two characters misread (面资源和社会保障厅 for 人力资源…).
_TWO_MISREAD_WORD = 9


_KINDERGARTEN = "幼儿园"
_GOVERNMENT_LOST_FIRST = "民政府"


# A party body names its place after the party (中共六盘水市委, 共青团贵州省委): the place is what may be misread.
_PARTY_PREFIX = re.compile(r"^(?:中共|中国共产党|共青团)")


def repair_body_name(name: str, context: str = "") -> str:
    """Undo one misread character: in the body word (教肓局 → 教育局, 人资源和社会保障局 → 人力资源和社会保障局), and
    in the leading place name when the document prints that place correctly elsewhere (双山市 → 双鸭山市); a
    national body's name that names no place, towards the listed body it nearly spells."""
    if not load_gazetteer().find(name) and (listed := known_body(name)):
        return listed
    party = _PARTY_PREFIX.match(name)
    if party and len(name) > party.end() + 1:
        return party.group(0) + repair_body_name(name[party.end() :], context)
    repaired = _strip_seal_prefix(_without_stray_before_provincial_body(_repair_place(repair_suffix(name), context)))
    return _nationalities_school(repaired)


# A school of the nationalities (蓬莱市民族中学) right after its place, its 民 misread (蓬莱市限族中学).
_PEOPLES_SCHOOL = re.compile(
    r"(?<=[市县区旗州])(?P<people>[\u4e00-\u9fff])族(?=(?:中学|小学|学校|幼儿园|中心学校|职业中学|高级中学|初级中学)$)"
)


def _nationalities_school(name: str) -> str:
    """X族中学 where no people's name ends in X is the 民族中学 misread; 回族中学, 苗族小学 stay as they are."""
    match = _PEOPLES_SCHOOL.search(name)
    if not match or match.group("people") in _peoples_last_characters():
        return name
    return name[: match.start("people")] + "民" + name[match.end("people") :]


# Peoples of GB 3304 whose autonomous areas leave out 族 (锡伯, 鄂伦春) or who have none (京, 俄罗斯, 高山 …).
_PEOPLES_NOT_IN_AREA_NAMES = "伯春京斯山哲巴诺昂昌孜"


@functools.cache
def _peoples_last_characters() -> frozenset[str]:
    """The last character of each people's name (苗族, 傈僳族: 苗, 僳), from the gazetteer's autonomous areas and
    the few peoples they do not name, with 汉 and 民 (民族, the nationalities together)."""
    names = (d.name for d in load_gazetteer().divisions)
    found = {m.group(1) for name in names for m in re.finditer(r"([\u4e00-\u9fff])族", name)}
    return frozenset(found | set(_PEOPLES_NOT_IN_AREA_NAMES) | {"汉", "民"})


# Bodies that only a province has follow its name directly: one character between them is a misreading (云南名数育厅,
# 省 read as 名 after the short name, comes out 云南省名教育厅; a seal's stroke read into the line does the same).
# A place in between would need a suffix of its own.
_PROVINCE_BODIES = "教育厅|人力资源和社会保障厅|人力资源社会保障厅|人社厅|人民政府"


_PROVINCE_STRAY_BODY = re.compile(
    rf"^(?P<province>[\u4e00-\u9fff]{{2,8}}?(?:省|自治区))[\u4e00-\u9fff](?P<body>{_PROVINCE_BODIES})$"
)


def _without_stray_before_provincial_body(name: str) -> str:
    match = _PROVINCE_STRAY_BODY.match(name)
    if not match or match.group("province") not in _province_names():
        return name
    return match.group("province") + match.group("body")


@functools.cache
def _province_names() -> frozenset[str]:
    return frozenset(d.name for d in load_gazetteer().divisions if d.level is Level.provincial)


def _strip_seal_prefix(name: str) -> str:
    """Seal ring characters read into the start of a name: 资源四川省教育厅 → 四川省教育厅, 大江苏师范学院 → 江苏….."""
    for start, alias in load_gazetteer().find(name):
        if start > 3:
            break
        # A province named short (江苏师范学院) only when a body or 省 follows it: 中山东路小学 is no 山东 body.
        after = name[start + len(alias.text) :]
        province = (
            alias.kind is AliasKind.province_short
            and start == 1
            and (after.startswith("省") or _body_follows(after))
        )
        if start > 0 and ((len(alias.text) >= 3 and alias.text[-1] in "省市县区州旗盟") or province):
            prefix = name[:start]
            # A parent place (贵州省六盘水市) or a party prefix (中共) belongs to the name.
            if prefix not in ("中共", "中国", "共青团", "全国") and prefix[-1] not in "省市县区州旗盟":
                return name[start:]
            break
    return name


_LONG_BODY_WORD = 6


# Body words of real bodies one character from a repairable word (class 8 of the real-certificate failures): 教育部
# 教材局 is no misread 教育局, nor a county's 教体局 (教育体育局) or 教科局 (教育科技局).
_REAL_BODY_WORDS = ("教材局", "教材处", "教材中心", "教材研究所", "教体局", "教科局")


def repair_suffix(name: str) -> str:
    # The first and last characters must agree: 体育局 is another body, not a misread 教育局.
    if name.endswith((*(s for s in BODY_SUFFIXES if len(s) >= 3), *_REAL_BODY_WORDS)):
        return name  # already a known body word (人力资源社会保障局 and 人力资源和社会保障局 are both right)
    if len(name) > 3 and name[-2:] in ("育局", "育厅") and name[-3] not in "教体":
        return name[:-3] + "教" + name[-2:]  # 洪育局, 拉育局: of the bodies named …育局 only 体育局 is not 教育局
    if name.endswith(_GOVERNMENT_LOST_FIRST) and len(name) > 3 and name[-4] in "省市县区州旗盟":
        return name[:-3] + "人民政府"  # 仓山区民政府: no body is named 民政府; the place's 人民政府 lost its 人
    if len(name) > len(_KINDERGARTEN) and Levenshtein.distance(name[-3:], _KINDERGARTEN) == 1:
        return name[:-3] + _KINDERGARTEN  # no other body's name is two characters of 幼儿园 (刘儿园, 幼马园)
    for suffix in _REPAIRABLE:
        # A misread character first, then a lost or an added one; a short word only gains one between its ends
        # (师肺范学院), which cannot be the last character of the place before it.
        size = len(suffix)
        sizes = (size, size - 1, size + 1) if size >= 5 else (size, size + 1) if size == 4 else (size,)
        allowed = 2 if size >= _TWO_MISREAD_WORD else 1
        for size in sizes:
            tail = name[-size:]
            # A long body word keeps its meaning with any one character misread (及力资源和社会保障厅), but the
            # place before it keeps its last character (四川省力资源… lost 人, not 省).
            long_word = len(suffix) >= _LONG_BODY_WORD and tail[0] not in "省市县区州旗盟"
            # The body word's last character may itself be misread, as a look-alike of it (教育斤, 教育扃).
            last_agrees = tail[-1] == suffix[-1] or (
                tail[:-1] == suffix[:-1] and (lookalike(tail[-1], suffix[-1]) or 0.0) >= LOOKALIKE
            )
            ends_agree = last_agrees and (tail[0] == suffix[0] or long_word)
            if len(name) <= size or tail == suffix or not ends_agree:
                continue
            if 1 <= Levenshtein.distance(tail, suffix, score_cutoff=allowed) <= allowed:
                return name[:-size] + suffix
    return name


_LEADING_PLACE = re.compile(r"^[\u4e00-\u9fff]{1,8}?(?:自治州|自治县|地区|省|市|县|区|州|旗|盟)")


def _repair_place(name: str, context: str) -> str:
    gazetteer = load_gazetteer()
    hits = gazetteer.find(name)
    printed = {alias.text: alias for _, alias in gazetteer.find(context)} if context else {}
    if hits and hits[0][0] == 0 and name[len(hits[0][1].text) : len(hits[0][1].text) + 1] == "具":
        # 具 is OCR's usual misreading of 县: 卢氏具第一幼儿园 after a county's short name.
        county = hits[0][1].text + "县"
        if county in gazetteer.aliases:
            name = county + name[len(county) :]
            hits = gazetteer.find(name)
    if hits and hits[0][0] == 0 and (province := _full_province(name, hits[0][1])):
        return province
    if hits and hits[0][0] == 0 and _names_a_place(name, hits[0][1]):
        first = hits[0][1].text
        # The seal hid the first characters and left another real place: 南市教育局 under a text naming 渭南市.
        longer = {p for p in printed if p.endswith(first) and len(p) > len(first)}
        if len(longer) == 1:
            return longer.pop() + name[len(first) :]
        # Starts with a known place: only what follows it may be misread (大同市云县… for 大同市左云县…).
        name = _repair_inner_place(_expand_short_place(name, hits[0][1], printed), printed)
        return _repair_child_place(name)
    completed = _complete_from_text(name, context)
    if completed:
        return completed
    # A repaired leading place may still be followed by a misread place of its own (海峰市教汉维 → 赤峰市教汉维).
    return _repair_place_pair(name) or _repair_child_place(_repair_leading_place(name, set(printed)))


# A prefecture and one of its counties, each with a character misread: 安娱市汤明具 → 安阳市汤阴县. Either name alone
# is one character from several places; a pair that both fit is rare enough to name one.
_PLACE_PAIR = re.compile(
    r"^(?P<prefecture>[\u4e00-\u9fff]{1,7}?(?:市|州|盟|地区))(?P<county>[\u4e00-\u9fff]{1,7}?[县具区旗市])"
)


def _repair_place_pair(name: str) -> str | None:
    match = _PLACE_PAIR.match(name)
    if not match or not _body_follows(name[match.end() :]):
        return None
    prefecture, county = match.group("prefecture"), match.group("county")
    county = county[:-1] + "县" if county.endswith("具") else county
    fits = {
        (p, c)
        for p, c in _prefecture_county_pairs()
        if len(p) == len(prefecture)
        and len(c) == len(county)
        and Levenshtein.distance(p, prefecture, score_cutoff=1) <= 1
        and Levenshtein.distance(c, county, score_cutoff=1) <= 1
    }
    if len(fits) != 1:
        return None
    found_prefecture, found_county = fits.pop()
    return found_prefecture + found_county + name[match.end() :]


@functools.cache
def _prefecture_county_pairs() -> tuple[tuple[str, str], ...]:
    """(prefecture, county) for every county-level division in use, from its path (贵州省六盘水市盘州市)."""
    pairs = set()
    for d in load_gazetteer().divisions:
        if d.level is Level.county and d.current and d.path.endswith(d.name):
            parent = d.path[: -len(d.name)]
            for province in _province_names():
                if parent.startswith(province) and len(parent) > len(province):
                    pairs.add((parent[len(province) :], d.name))
    return tuple(sorted(pairs))


def _names_a_place(name: str, alias: Alias) -> bool:
    """A short name (湘西, 六盘水) is a place only before a body word: 湘西土家族… goes on to the full name."""
    return alias.kind is not AliasKind.short or _body_follows(name[len(alias.text) :])


def _body_follows(rest: str) -> bool:
    from verifier.issuers.bodies import BODY_AFTER_PLACE

    return bool(BODY_AFTER_PLACE.match(rest)) or rest.startswith(("师范", "大学", "学院"))


def _expand_short_place(name: str, alias: Alias, printed: dict[str, Alias]) -> str:
    """A place written short before a body word (汕头教育局) where OCR dropped its 市: the document prints the full
    name (汕头市) elsewhere, and a body signs with its full name."""
    if alias.kind is AliasKind.full:
        return name
    if SCHOOL_BODY.search(name):
        return name  # a college's own name keeps its short place: 贵州师范大学, 六盘水师范学院
    full = [
        text
        for text, other in printed.items()
        if other.kind is AliasKind.full and text.startswith(alias.text) and set(other.divisions) & set(alias.divisions)
    ]
    return full[0] + name[len(alias.text) :] if len(full) == 1 else name


def _repair_inner_place(name: str, printed: dict[str, Alias]) -> str:
    """A county under its city that does not lie in it (大同市云县: 云县 is in Yunnan) is a misreading of a place
    the document prints in full elsewhere (左云县, in 大同市)."""
    hits = load_gazetteer().find(name)
    for (start, outer), (inner_start, inner) in itertools.pairwise(hits):
        end = start + len(outer.text)
        if inner_start != end:
            break  # not a chain of places at the start of the name
        if any(d.descends_from(p) for d in inner.divisions for p in outer.divisions):
            continue
        fits = {
            text
            for text, other in printed.items()
            if text.endswith(inner.text)
            and len(text) > len(inner.text)
            and any(d.descends_from(p) for d in other.divisions for p in outer.divisions)
        }
        if len(fits) == 1:
            return name[:end] + fits.pop() + name[end + len(inner.text) :]
        break
    return name


# A misread place under a named parent is matched only among that parent's divisions (a dozen or so), where one
# wrong character of three (66.7) already leaves no rival; nationwide it needs a longer name (see _PLACE_SCORE).
_CHILD_PLACE_SCORE = 66


def _repair_child_place(name: str) -> str:
    """The place after a known parent is no place of that parent (西宁市大博回族土族自治县): the parent's one
    division that reads nearly so (大通回族土族自治县) is what was printed."""
    chain_end, parent = 0, None
    for start, alias in load_gazetteer().find(name):
        if start != chain_end:
            break
        chain_end, parent = start + len(alias.text), alias.divisions
    if parent is None:
        return name
    rest = name[chain_end:]
    misread = _LEADING_PLACE.match(rest)
    if not misread and not _body_follows(rest):
        child = _child_with_misread_ending(rest, parent)
        return name[:chain_end] + child if child else name
    if not misread or misread.group(0) in load_gazetteer().aliases or _body_follows(rest):
        return name
    guess = fuzzy_place(rest, parent)
    if (
        guess is None
        or guess.rivals
        or guess.score < _CHILD_PLACE_SCORE
        or guess.consumed != len(misread.group(0))
        or len({d.name for d in guess.divisions}) != 1
    ):
        return name
    return name[:chain_end] + guess.divisions[0].name + rest[guess.consumed :]


def _child_with_misread_ending(rest: str, parent: tuple[Division, ...]) -> str | None:
    """The place after a known parent with its ending misread too (赤峰市教汉维教育局: 旗 read as 维, 敖 as 教): the
    one division of the parent whose name is as long, before a body word, and whose other characters are
    the ones read or, for one of them, a look-alike the recogniser confuses with it."""
    children = [
        d
        for d in load_gazetteer().divisions
        if d.level is Level.county and d.current and any(d.descends_from(p) for p in parent)
    ]
    for size in (2, 3, 4):
        token, after = rest[:size], rest[size:]
        if len(token) < size or not _body_follows(after):
            continue
        fits = set()
        for child in children:
            if len(child.name) != size:
                continue
            differing = [(a, b) for a, b in zip(token[:-1], child.name[:-1], strict=True) if a != b]
            if len(differing) <= 1 and all((lookalike(a, b) or 0.0) >= LOOKALIKE for a, b in differing):
                fits.add(child.name)
        return fits.pop() + after if len(fits) == 1 else None
    return None


def _complete_from_text(name: str, context: str) -> str | None:
    """The seal hid the start of the name (南师范学院, 范大学); the body text prints it whole (在湖南师范学院…,
    在贵州师范大学…): the characters before it there, from a place name on, complete it."""
    if len(name) < 3 or NATIONAL_BODY.match(name):
        return None  # a national body's name reads whole (全国…组织委员会): what precedes it is another line's
    best = None
    for match in re.finditer(re.escape(name), context):
        for size in range(1, 9):
            head = context[max(0, match.start() - size) : match.start()]
            if len(head) < size or not re.fullmatch(r"[\u4e00-\u9fff]+", head):
                break
            hits = load_gazetteer().find(head + name)
            if hits and hits[0][0] == 0 and _names_a_place(head + name, hits[0][1]):
                best = head + name
    return best


def _repair_leading_place(name: str, printed: set[str]) -> str:
    leading = _LEADING_PLACE.match(name)
    if not leading:
        return name
    misread = leading.group(0)
    if len(misread) >= 2:
        # The seal often hides the first characters: 南市教育局 under a document that names 渭南市.
        longer = {p for p in printed if p.endswith(misread) and len(p) > len(misread)}
        if not longer:  # and one character of what is left misread: 冶州… under 临夏回族自治州
            longer = {
                p for p in printed if len(p) > len(misread) and Levenshtein.distance(p[-len(misread) :], misread) == 1
            }
        if len(longer) == 1:
            return longer.pop() + name[len(misread) :]
    close = [p for p in printed if len(p) >= 3 and Levenshtein.normalized_similarity(p, misread) >= 0.66]
    if len(close) == 1:
        return close[0] + name[len(misread) :]
    province = _province_ending_with(misread)
    if province:
        return province + name[len(misread) :]
    lookalike = lookalike_place(misread)
    if lookalike:
        return lookalike + name[len(misread) :]
    guess = fuzzy_place(name, None)
    if guess and len({d.name for d in guess.divisions}) == 1:
        score = round(guess.score)  # the score as the cue prints it
        # One misread character in a province's name (黑龙注省) leaves no doubt: there are only 34 of them.
        needed = _PROVINCE_SCORE if guess.divisions[0].level is Level.provincial else _PLACE_SCORE
        # A long name keeps its identity with one character misread (畴伦贝尔市: 80), when nothing else is as close
        # and no character was lost or added (中共六盘水市 is 六盘水市's party committee, not a misreading of it).
        same_length = len(guess.divisions[0].name) == guess.consumed
        if guess.consumed >= _LONG_PLACE and same_length and not guess.rivals:
            needed = min(needed, _LONG_PLACE_SCORE)
        if score >= needed and guess.consumed >= 3:
            return guess.divisions[0].name + name[guess.consumed :]
    return name


_PLACE_SCORE = 85


_PROVINCE_SCORE = 75


_LONG_PLACE = 5


_LONG_PLACE_SCORE = 80


def _full_province(name: str, alias: Alias) -> str | None:
    """A province named in full with one character misread after its short name (广西社族自治区 for 广西壮族自治区):
    the short name alone (广西) would leave the misread characters in the body's name."""
    if alias.kind is not AliasKind.province_short:
        return None
    guess = _fuzzy_province(name)
    if guess is None or guess.consumed <= len(alias.text):
        return _garbled_region(name, alias)
    full = guess.divisions[0].name
    return full + name[guess.consumed :] if not name.startswith(full) else None


_PROVINCIAL_BODY = re.compile(rf"^(?:{_PROVINCE_BODIES})")


# Of a region's name after its short name (维吾尔自治区), at least this many characters must be read as printed.
_REGION_KEPT = 2


def _garbled_region(name: str, alias: Alias) -> str | None:
    """An autonomous region's name with its rare characters misread (新疆维番尔真省溪人民政府): the short name, as many
    characters as the full name has after it, some of them as printed, and a province's own body right after."""
    if not alias.divisions:
        return None
    region = alias.divisions[0]
    if not region.name.startswith(alias.text) or region.name == alias.text:
        return None
    rest = region.name[len(alias.text) :]
    middle = name[len(alias.text) : len(region.name)]
    if len(middle) != len(rest) or not _PROVINCIAL_BODY.match(name[len(region.name) :]):
        return None
    kept = sum(a == b for a, b in zip(middle, rest, strict=True))
    if kept < _REGION_KEPT or kept == len(rest) or load_gazetteer().find(middle):
        return None
    return region.name + name[len(region.name) :]


def _fuzzy_province(name: str) -> FuzzyPlace | None:
    guess = fuzzy_place(name, None)
    if guess is None or len({d.name for d in guess.divisions}) != 1 or guess.divisions[0].level is not Level.provincial:
        return None
    return guess if round(guess.score) >= _PROVINCE_SCORE else None


def _province_ending_with(misread: str) -> str | None:
    """The seal hid a province's first character (徽省 of 安徽省): the rest names one province only."""
    if not misread.endswith(("省", "自治区")) or len(misread) < 2 or misread in load_gazetteer().aliases:
        return None
    provinces = {
        d.name
        for d in load_gazetteer().divisions
        if d.level is Level.provincial and d.current and d.name.endswith(misread) and len(d.name) > len(misread)
    }
    return provinces.pop() if len(provinces) == 1 else None
