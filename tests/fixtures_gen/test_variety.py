"""The real-world variety of the generator (issue 28), run through the pipeline: what the verifier should read
from each kind. Text-layer PDFs under the null engine, so the cases cost no OCR."""

from __future__ import annotations

import random

import pytest

from fixtures.content import DocRequest, random_person
from fixtures.places import IssuerFactory
from fixtures.produce import Produced, Recipe, produce
from models import DocType, Level
from models.report import DocumentReport
from verifier.document import analyze_document
from verifier.ocr import get_engine
from verifier.settings import OcrSettings, Settings

SEEDS = (3, 8)


def _made(kind: str, doc_type: DocType, seed: int, level: Level | None = None) -> Produced:
    rng = random.Random(seed)
    person = random_person(rng, IssuerFactory(rng))
    req = DocRequest(doc_type, person, seed, seed, level=level, variant=f"real:{kind}")
    return produce(req, Recipe([], fmt="pdf_text"), seed)


def _report(made: Produced) -> DocumentReport:
    engine = get_engine(OcrSettings(engine="null"))
    return analyze_document(made.data, "upload.pdf", None, engine, Settings()).report


@pytest.mark.parametrize("seed", SEEDS)
def test_a_team_award_is_the_winners_not_their_instructors(seed: int) -> None:
    """Class 2: winners named together with a 指导教师 caption: an award_certificate held by the first winner,
    every winner a member (the report's members may name the coach too: it counts for the teacher applying)."""
    made = _made("team", DocType.award_certificate, seed)
    teacher = made.label.printed_text.split("教师：")[-1].split("老师：")[-1].splitlines()[0]
    report = _report(made)
    assert report.doc_type == DocType.award_certificate
    assert report.fields.holder == made.label.fields.holder
    assert report.fields.holder != teacher
    winners_line = next(line for line in made.label.printed_text.splitlines() if "同学" in line or "队员" in line)
    winners = winners_line.split("：")[-1] if "队员" in winners_line else winners_line.split(" ")[0]
    assert set(winners.replace("、", " ").split()) <= set(report.members)


@pytest.mark.parametrize("seed", SEEDS)
def test_other_parties_captions_are_not_the_issuer(seed: int) -> None:
    """Class 4: 指导/承办/协办/支持/参赛单位 name other bodies; the issuer is the body that signs and seals."""
    made = _made("parties", DocType.award_certificate, seed)
    report = _report(made)
    assert report.doc_type == DocType.award_certificate
    assert (report.fields.holder, report.fields.issuer) == (made.label.fields.holder, made.label.fields.issuer)
    assert report.fields.level == made.label.fields.level


@pytest.mark.parametrize("level", [Level.school, Level.provincial, Level.national])
def test_the_scope_printed_in_the_title_gives_the_level(level: Level) -> None:
    """Class 5: 校级比赛 → school, 省级选拔赛 → provincial, 全国总决赛 → national, whatever the issuer's seat."""
    made = _made("scope", DocType.award_certificate, 5, level)
    report = _report(made)
    assert made.label.fields.level == level
    assert report.doc_type == DocType.award_certificate
    assert report.fields.holder == made.label.fields.holder
    assert report.fields.level == level


def test_a_zone_in_the_title_is_provincial() -> None:
    """Class 5: a province's 赛区 is provincial, though a university issues the page."""
    for seed in range(40):
        made = _made("scope", DocType.award_certificate, seed)
        if "赛区" in made.label.printed_text:
            break
    else:
        pytest.fail("no 赛区 page in 40 seeds")
    report = _report(made)
    assert report.fields.level == Level.provincial


@pytest.mark.parametrize("kind", ["gilded", "brush"])
def test_display_kinds_read_whole_from_their_text_layer(kind: str) -> None:
    """A foil title and a brush-set name still carry their text: the fields read as from any honour."""
    made = _made(kind, DocType.honor_certificate, 6)
    assert not made.label.seal_only_sign_off  # the issuer is printed, so the text layer carries it
    report = _report(made)
    assert report.doc_type == DocType.honor_certificate
    label = made.label.fields
    read = report.fields
    assert (read.holder, read.issuer, read.level) == (label.holder, label.issuer, label.level)
