"""Two applicants' copies of one certificate checked at the same moment: exactly the one stored later is
flagged, on SQLite and PostgreSQL; a re-photographed copy is found through the stored perceptual hashes."""

from __future__ import annotations

import threading
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from api import auth, cross_duplicates
from api.cross_duplicates import applicant_key
from api.database import make_engine, migrate, session_factory
from api.tables import Fingerprint, Submission
from verifier.duplicates import DocFingerprint
from verifier.settings import Settings

# The duplicate check's part of the settings tree, as the service passes it down.
DUPLICATES = Settings().duplicates


def _sessions(database_url: str) -> sessionmaker[Session]:
    engine = make_engine(database_url)
    migrate(engine)
    return session_factory(engine)


def _submission(sessions: sessionmaker[Session], name: str) -> Submission:
    submission_id = uuid.uuid4().hex
    with sessions.begin() as session:
        auth.create_tenant(session, "t", "t")
        submission = Submission(
            id=submission_id,
            tenant_id="t",
            applicant={"name": name},
            applicant_key=applicant_key(name, submission_id),
            request_hash="x",
        )
        session.add(submission)
    return submission


def _certificate(number: str, sha: str, phash: int = 0x0F0F_3C3C_A5A5_FF00) -> DocFingerprint:
    return DocFingerprint(
        file="获奖证书/证书.jpg",
        sha256=sha,
        phashes=[phash],
        certificate_no=number,
        holder="张晓梅",
        issuer="六盘水市教育局",
        issue_date="2023-11-20",
        grade="first",
        text_signature="荣誉证书在2023年六盘水市中小学优质课竞赛中荣获初中数学组一等奖六盘水市教育局",
    )


def test_copies_checked_at_the_same_moment_flag_exactly_the_later_one(database_url: str) -> None:
    sessions = _sessions(database_url)
    for round_ in range(6):
        number = f"LPS-{uuid.uuid4().hex[:12]}"  # far from other rounds' numbers (one digit apart reads as a typo)
        first, second = _submission(sessions, "申报人甲"), _submission(sessions, "申报人乙")
        copies = {
            first.id: _certificate(number, f"{round_:02d}" + "a" * 62),
            second.id: _certificate(number, f"{round_:02d}" + "b" * 62),
        }
        start = threading.Barrier(2)
        flagged: dict[str, bool] = {}

        def check(submission: Submission) -> None:
            start.wait()  # noqa: B023
            with sessions.begin() as session:
                copy = copies[submission.id]  # noqa: B023
                matches = cross_duplicates.check_and_remember(session, submission, 0, copy, DUPLICATES)
                flagged[submission.id] = bool(matches)  # noqa: B023

        threads = [threading.Thread(target=check, args=(s,)) for s in (first, second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        with sessions() as session:
            order = session.scalars(
                select(Fingerprint.submission_id)
                .where(Fingerprint.submission_id.in_([first.id, second.id]))
                .order_by(Fingerprint.id)
            ).all()
        assert len(order) == 2
        assert flagged == {order[0]: False, order[1]: True}, f"round {round_}"


def test_a_retried_job_keeps_the_place_its_documents_took(database_url: str) -> None:
    sessions = _sessions(database_url)
    first, second = _submission(sessions, "申报人甲"), _submission(sessions, "申报人乙")
    copy = _certificate("LPS2023-7777", "c" * 64)
    with sessions.begin() as session:
        assert not cross_duplicates.check_and_remember(session, first, 0, copy, DUPLICATES)
    with sessions.begin() as session:
        other = copy.model_copy(update={"sha256": "d" * 64})
        assert cross_duplicates.check_and_remember(session, second, 0, other, DUPLICATES)
    with sessions.begin() as session:  # the first submission's job runs again
        assert not cross_duplicates.check_and_remember(session, first, 0, copy, DUPLICATES)


def test_a_rephotographed_copy_is_a_candidate_through_its_perceptual_hash(database_url: str) -> None:
    sessions = _sessions(database_url)
    first, second = _submission(sessions, "申报人甲"), _submission(sessions, "申报人乙")
    original = _certificate("", "e" * 64).model_copy(update={"holder": "李明"})
    # The copy's holder was read with a slip and no number is printed: no indexed key agrees, so only the
    # pHash (20 bits away, a re-photographed page) proposes the pair; the fields decide it.
    rephotographed = original.model_copy(
        update={"sha256": "f" * 64, "holder": "李明", "phashes": [original.phashes[0] ^ 0xFFFFF]}
    )
    with sessions.begin() as session:
        cross_duplicates.check_and_remember(session, first, 0, original, DUPLICATES)
    with sessions.begin() as session:
        session.execute(  # hide the holder key so the candidate can only come from the Hamming index
            Fingerprint.__table__.update().where(Fingerprint.submission_id == first.id).values(holder="")
        )
    with sessions.begin() as session:
        [match] = cross_duplicates.check_and_remember(session, second, 0, rephotographed, DUPLICATES)
    assert match.submission_id == first.id and "感知哈希" in match.reason
