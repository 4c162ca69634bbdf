"""The re-reads' seam: a re-read that fails leaves the document as the reading before it left it, and the ones
after it still run; the merge policy fills only what is empty."""

from __future__ import annotations

import logging
from contextlib import nullcontext

import numpy as np
import pytest

from models.page import PageSource, TextLine
from models.report import DocumentReport, Fields
from models.vocab import DocType
from verifier import rereads
from verifier.reading import PageRead, view_of
from verifier.rereads import Draft, Reading, Reread, complete, fill_empty, final_pages
from verifier.seals.sign_off import with_sign_offs
from verifier.settings import Settings
from verifier.text import build_document_text


def _line(text: str, y: float) -> TextLine:
    return TextLine(text, [(100.0, y), (600.0, y), (600.0, y + 30), (100.0, y + 30)], 0.95)


def _draft() -> Draft:
    lines = [_line("荣誉证书", 50), _line("王小明同志:", 150), _line("被评为优秀教师。", 200)]
    page = PageRead(1, PageSource.image, np.full((700, 800, 3), 255, np.uint8), lines)
    report = DocumentReport(file="a.jpg", fields=Fields(holder="王小明"))
    text = build_document_text([page.text_page])
    view = view_of(1, page.upright, page.lines, 0, "image")
    return Draft(report, DocType.honor_certificate, [page], text, None, [view], engine=None,  # type: ignore[arg-type]  # no step here reads
                 settings=Settings(), timer=lambda _stage: nullcontext())


def _declared(name: str, reading: Reading | None, fields: tuple[str, ...]) -> Reread[Reading]:
    """A re-read declared as the pipeline's are, reading what it is given, merged by the one policy."""
    return Reread(name, lambda draft: True, lambda draft: reading, lambda draft, found: fill_empty(
        draft.report, draft.doc_type, draft.applicable(fields), build_document_text([p.text_page for p in found.pages])
    ))


def test_the_rereads_are_declared_in_one_ordered_list() -> None:
    assert [reread.name for reread in rereads.REREADS] == [
        "cut-short dates", "second look", "sign-off around the seals, faded", "sign-off around the seals, lifted",
        "seal rings", "lower page", "holder's name",
    ]


def test_a_failing_reread_is_logged_and_skipped_and_the_later_ones_still_run(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    ran: list[str] = []

    def broken(draft: Draft) -> Reading:
        raise RuntimeError("engine lost")

    def later(draft: Draft) -> None:
        ran.append("lower page")

    declared = (
        Reread("sign-off around the seals", lambda draft: True, broken, lambda draft, found: True),
        Reread("lower page", lambda draft: True, later, lambda draft, found: True),
    )
    monkeypatch.setattr(rereads, "REREADS", declared)
    draft = _draft()
    with caplog.at_level(logging.ERROR, logger="verifier.rereads"):
        complete(draft)  # no exception: the file is not made CORRUPT_FILE by one re-read
    assert ran == ["lower page"]
    assert draft.report.fields.holder == "王小明"
    assert "sign-off around the seals" in caplog.text and "a.jpg" in caplog.text


def test_the_merge_policy_fills_only_the_fields_it_was_asked_for() -> None:
    draft = _draft()
    second = build_document_text(
        [(1, [_line("荣誉证书", 50), _line("李四同志:", 150), _line("宿州市教育局", 500)], 800, 700)]
    )
    assert fill_empty(draft.report, draft.doc_type, ["issuer"], second)
    assert draft.report.fields.issuer == "宿州市教育局"
    assert draft.report.fields.holder == "王小明"  # read once, never overruled by the re-read's 李四
    assert not fill_empty(draft.report, draft.doc_type, [], second)


def _reading(page: PageRead, area: tuple[int, int, int, int], lines: list[TextLine]) -> Reading:
    return Reading([page.with_lines(with_sign_offs(page.lines, [(area, lines)]))], {page.number: [(area, lines)]})


def test_the_final_text_holds_what_every_reread_a_field_was_taken_from_read(monkeypatch: pytest.MonkeyPatch) -> None:
    draft = _draft()
    page, sign_off = draft.pages[0], (0, 450, 800, 700)
    declared = (
        _declared("sign-off", _reading(page, sign_off, [_line("宿州市教育局", 500)]), ("issuer",)),
        # The holder read otherwise (never taken: it was read once), then the sign-off read again whole, its date.
        _declared("holder", _reading(page, (0, 140, 800, 190), [_line("李四同志:", 150)]), ("holder",)),
        _declared(
            "lower page", _reading(page, sign_off, [_line("宿州市教育局", 500), _line("2021年9月10日", 550)]),
            ("issue_date",),
        ),
        _declared("nothing read", None, ("issue_date",)),
    )
    monkeypatch.setattr(rereads, "REREADS", declared)
    final = complete(draft)

    fields = draft.report.fields
    assert (fields.holder, fields.issuer, fields.issue_date) == ("王小明", "宿州市教育局", "2021-09-10")
    # One text: the first reading's lines, each area as the last re-read taken read it, no re-read's text twice.
    assert final.full.split("\n") == ["荣誉证书", "王小明同志:", "被评为优秀教师。", "宿州市教育局", "2021年9月10日"]
    assert draft.views[0].lines == final_pages(draft.pages, draft.taken)[0].lines


def test_without_a_reread_taken_the_final_text_is_the_first(monkeypatch: pytest.MonkeyPatch) -> None:
    draft = _draft()
    monkeypatch.setattr(rereads, "REREADS", ())
    assert complete(draft) is draft.text
