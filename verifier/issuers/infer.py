"""Issuer text → the administrative level of the issuing body, with the reasons."""

from __future__ import annotations

import re
from collections import Counter

from models.vocab import LEVEL_ZH, Level
from verifier.issuers import bodies
from verifier.issuers.fuzzy import fuzzy_place
from verifier.issuers.gazetteer import Alias, AliasKind, Division, load_gazetteer
from verifier.issuers.model import LevelInference
from verifier.issuers.normalize import to_simplified
from verifier.issuers.segments import split_bodies

# Where no place name is found, the suffix of an unknown one still tells its level. 市 does not:
# a 市 may be prefecture-level or county-level.
_SUFFIX_LEVEL = re.compile(r"^(?:中共)?[\u3400-\u9fff]{2,8}?(?P<suffix>自治区|省|地区|自治州|州|盟|特区|林区|县|区|旗)")
_SUFFIX_TO_LEVEL = {
    "自治区": Level.provincial,
    "省": Level.provincial,
    "地区": Level.municipal,
    "自治州": Level.municipal,
    "州": Level.municipal,
    "盟": Level.municipal,
}
_LEVEL_WORDS = {
    "国家级": Level.national,
    "全国性": Level.national,
    "省级": Level.provincial,
    "自治区级": Level.provincial,
    "市级": Level.municipal,
    "州级": Level.municipal,
    "地级": Level.municipal,
    "县级": Level.county,
    "区级": Level.county,
    "乡级": Level.township,
    "镇级": Level.township,
    "校级": Level.school,
    "园级": Level.school,
}
_TEXT_LINE_MAX = 40  # longer lines are sentences, not an issuer's name
# What is left after a region's name when a place under it was misread: two to four characters, then a
# government body word (a school's or an institute's name is read elsewhere and never reaches this).
_UNREAD_CHILD = re.compile(
    r"^(?P<child>[\u4e00-\u9fff]{2,4})(?P<body>教育局|教育体育局|教体局|人民政府|人力资源和社会保障局|人社局)$"
)
# The level one below a region's: of a place under it, or of a zone or new area it runs.
_CHILD_LEVEL = {Level.provincial: Level.municipal, Level.municipal: Level.county}


def infer_level(issuer: str | None, text: str | None = None) -> LevelInference:
    """The level of the body that issued a document: from the printed issuer, else from the document text."""
    context = _context_places(text) if text else ()
    readings = [read_body(body, context) for body in split_bodies(issuer)] if issuer else []
    known = [reading for reading in readings if reading.level is not None]
    if known:
        result = _highest(known)
        if len(known) > 1:
            result.cues.insert(0, f"{len(known)} 个发证单位，取最高级别")
    elif text:
        result = _from_text(text)
        if readings:
            result.cues[:0] = [cue for reading in readings for cue in reading.cues]
    else:
        result = LevelInference(level=None, cues=[cue for reading in readings for cue in reading.cues])
    if text and result.level is not None:
        result.cues.extend(_disagreeing_level_words(text, result.level))
    return result


def read_body(body: str, context: tuple[Division, ...] = ()) -> LevelInference:
    """Level of one normalised body name; context (places the document names) settles ambiguous names."""
    gazetteer = load_gazetteer()
    chain, rest_start = _place_chain(body, gazetteer.find(body))
    if chain and len(chain[-1]) > 1 and context:
        chain[-1] = _within(chain[-1], context) or chain[-1]
    region = chain[-1] if chain else None
    rest = body[rest_start:]
    fuzzy = None
    zone_after_place = region is not None and bodies.ZONE.match(rest)
    if (region is None or rest) and not zone_after_place and not (region is None and bodies.NATIONAL_BODY.match(body)):
        # A misread place name: after the exact places (贵州省六盘永市…) or at the start (六盘永市…).
        tail = rest if region else _strip_party(body)
        fuzzy = fuzzy_place(tail, region or context or None)
        if fuzzy is None and region is None and context:
            fuzzy = fuzzy_place(tail, None)
        if fuzzy is not None:
            region, rest = fuzzy.divisions, tail[fuzzy.consumed :]
    reading = _classify(body, region, rest)
    if fuzzy is not None:
        reading.cues.insert(0, fuzzy.cue)
        reading.confidence = round(reading.confidence * 0.8, 2)
    return reading


def places_named(body: str) -> list[Division]:
    """The nested places a body's name starts with (贵州省六盘水市盘州市第一中学 → 贵州省, 六盘水市, 盘州市), each
    where the name settles which one it is."""
    chain, _ = _place_chain(body, load_gazetteer().find(body))
    return [candidates[0] for candidates in chain if len(candidates) == 1]


def _within(candidates: tuple[Division, ...], context: tuple[Division, ...]) -> tuple[Division, ...]:
    return tuple(d for d in candidates if any(d == c or d.descends_from(c) for c in context))


def _context_places(text: str) -> tuple[Division, ...]:
    """Provinces and prefectures named in full anywhere in the document."""
    found: list[Division] = []
    for _, alias in load_gazetteer().find(to_simplified(text)):
        if alias.kind is AliasKind.full and len(alias.divisions) == 1:
            division = alias.divisions[0]
            if division.level in {Level.provincial, Level.municipal} and division not in found:
                found.append(division)
    return tuple(found)


def _strip_party(body: str) -> str:
    return body.removeprefix("中国共产党").removeprefix("中共")


def _place_chain(body: str, hits: list[tuple[int, Alias]]) -> tuple[list[tuple[Division, ...]], int]:
    """The nested places a body name starts with (贵州省 → 六盘水市 → 盘州市), and where its rest begins."""
    chain: list[tuple[Division, ...]] = []
    end = 0
    for start, alias in hits:
        after = body[start + len(alias.text) :]
        if alias.kind is AliasKind.short and after and not bodies.BODY_AFTER_PLACE.match(after):
            continue
        if chain and start > end:
            break  # a place inside the body's own name (六盘水市钟山区大河镇…), not its region
        if not chain and start > 0 and not _only_prefix(body[:start]):
            break
        candidates = alias.divisions
        if chain:
            children = tuple(d for d in candidates if any(d.descends_from(p) for p in chain[-1]))
            if not children:
                break
            parents = tuple(p for p in chain[-1] if any(d.descends_from(p) for d in children))
            chain[-1] = parents
            candidates = children
        chain.append(candidates)
        end = start + len(alias.text)
    return chain, end


def _only_prefix(text: str) -> bool:
    return text in {"中共", "中国共产党", "共青团", "中国共产主义青年团"}


def _classify(body: str, region: tuple[Division, ...] | None, rest: str) -> LevelInference:
    place = _describe(region) if region else None
    place_unit, province, level, ambiguity = place if place else (None, None, None, [])
    cues = list(ambiguity)
    if bodies.INSIDE_UNIVERSITY.search(body):
        return LevelInference(Level.school, body, province, [*cues, f"{body}: 高校内设机构"], 0.85)
    named_like_school = not bodies.NOT_A_SCHOOL.search(body)
    if named_like_school and bodies.TOWNSHIP_SCHOOL.search(body):
        return LevelInference(Level.township, body, province, [*cues, f"{body}: 乡镇中心学校"], 0.9)
    if named_like_school and bodies.SCHOOL_BODY.search(body):
        return LevelInference(Level.school, body, province, [*cues, f"{body}: 学校/幼儿园发证"], 0.9)
    township = bodies.TOWNSHIP.search(rest if region else body)
    if township and (region is None or township.start() == 0):
        unit = (place_unit or "") + township["name"]
        return LevelInference(Level.township, unit, province, [*cues, f"{township['name']}: 乡镇"], 0.85)
    # Searched in the whole name from where the places end, so a regiment right after its division (第一师一团)
    # still sees the 师 before it.
    regiment = bodies.BINGTUAN_REGIMENT.search(body, len(body) - len(rest) if region else 0)
    if regiment and (region is None or region[0].province == "新疆生产建设兵团" or "兵团" in body):
        unit = (place_unit or "新疆生产建设兵团") + regiment.group(0)
        return LevelInference(Level.county, unit, "新疆生产建设兵团", [*cues, f"{regiment.group(0)}: 兵团团场"], 0.85)
    if region is not None and level is not None:
        zone = bodies.ZONE.match(rest)
        if zone and level in _CHILD_LEVEL:
            # A province's own new area (贵州省贵安新区, 河北雄安新区) ranks with a prefecture; a municipality's
            # (天津经济技术开发区) with its districts.
            zone_level = _CHILD_LEVEL[level] if not region[0].name.endswith("市") else Level.county
            unit = f"{place_unit}{zone.group(0)}"
            cue = f"{unit}: 开发区/新区（{LEVEL_ZH[zone_level]}）"
            return LevelInference(zone_level, unit, province, [*cues, cue], 0.75)
        below = _UNREAD_CHILD.match(rest)
        if below and level in _CHILD_LEVEL:
            # 赤峰市教汉维教育局: a government body of a place under the region whose name OCR misread.
            cue = f"{place_unit}{below['child']}: 未识别的下级行政区（{below['body']}）"
            return LevelInference(_CHILD_LEVEL[level], place_unit, province, [*cues, cue], 0.6)
        confidence = 0.95 if not ambiguity else 0.8
        cues.append(f"{place_unit}: {_level_phrase(region)}")
        return LevelInference(level, place_unit, province, cues, confidence)
    if bodies.NATIONAL_BODY.match(body):
        return LevelInference(Level.national, body, None, [f"{body}: 国家部委或全国性组织"], 0.9)
    suffix = _SUFFIX_LEVEL.match(body)
    if suffix:
        guessed = _SUFFIX_TO_LEVEL.get(suffix["suffix"], Level.county)
        name = suffix.group(0)
        return LevelInference(guessed, name, None, [f"{name}: 未收录的地名，按“{suffix['suffix']}”推断"], 0.5)
    return LevelInference(None, None, None, [f"{body}: 未识别发证单位级别"], 0.0)


def _describe(region: tuple[Division, ...]) -> tuple[str, str | None, Level | None, list[str]]:
    """Unit name, province, level and ambiguity notes for the candidates of one place name."""
    first = region[0]
    if len(region) == 1:
        cues = [] if first.current else [f"{first.name}: 旧行政区划名（{first.last_year}年前）"]
        return first.path, first.province, first.level, cues
    provinces = {d.province for d in region}
    levels = Counter(d.level for d in region)
    level = max(levels, key=lambda lv: lv.rank)
    paths = "、".join(sorted(d.path for d in region))
    cue = f"{first.name} 对应多个行政区（{paths}）"
    return first.name, (first.province if len(provinces) == 1 else None), level, [cue]


def _level_phrase(region: tuple[Division, ...]) -> str:
    division = region[0]
    if division.province == "新疆生产建设兵团":
        return {Level.provincial: "兵团（省级）", Level.municipal: "兵团师市（市级）"}.get(division.level, "兵团单位")
    return {
        Level.provincial: "省级行政区（含直辖市、自治区）",
        Level.municipal: "地级行政区（市、州、地区、盟）",
        Level.county: "县级行政区（县、县级市、区、特区、旗）",
    }[division.level]


def _highest(readings: list[LevelInference]) -> LevelInference:
    best = max(readings, key=lambda r: (r.level.rank if r.level else 0, r.confidence))
    cues = [cue for reading in readings for cue in reading.cues]
    return LevelInference(best.level, best.unit, best.province, cues, best.confidence)


def _from_text(text: str) -> LevelInference:
    """No usable issuer: the last line that names a body (where seals and dates sit), else a printed level word."""
    for line in reversed(text.splitlines()):
        for body in reversed(split_bodies(line)):
            # Two characters are no body's name (南部 of 南部赛区 ends like 教育部 but names a region).
            if len(body) > _TEXT_LINE_MAX or len(body) <= 2 or not bodies.BODY_END.search(body):
                continue
            reading = read_body(body, _context_places(text))
            if reading.level is not None:
                reading.cues.insert(0, "发证单位取自证书正文")
                reading.confidence = round(reading.confidence * 0.7, 2)
                return reading
    words = Counter(_LEVEL_WORDS[word] for word in bodies.LEVEL_WORD.findall(to_simplified(text)))
    if words:
        level, _ = words.most_common(1)[0]
        return LevelInference(level, None, None, [f"正文写明“{LEVEL_ZH[level]}”用语"], 0.5)
    return LevelInference(None, None, None, ["正文中未找到发证单位"], 0.0)


def _disagreeing_level_words(text: str, level: Level) -> list[str]:
    printed = {_LEVEL_WORDS[word] for word in bodies.LEVEL_WORD.findall(to_simplified(text))}
    return [f"正文另写有“{LEVEL_ZH[word]}”用语，与发证单位级别不同" for word in printed if word is not level]
