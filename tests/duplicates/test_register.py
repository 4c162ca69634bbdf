"""The in-memory register of earlier submissions: another applicant's copy is found, one's own is not."""

from __future__ import annotations

from verifier.duplicates import DocFingerprint, SubmissionRegister


def fp(file: str, sha: str, holder: str, number: str, grade: str = "first") -> DocFingerprint:
    return DocFingerprint(
        file=file, sha256=sha, phashes=[0], dhashes=[0], certificate_no=number, holder=holder,
        issuer="六盘水市教育局", issue_date="2023-11-20", grade=grade, text_signature="优质课竞赛一等奖",
    )


def test_same_certificate_from_another_applicant_matches() -> None:
    register = SubmissionRegister()
    register.add("S1", "张晓梅", fp("a.jpg", "sha-a", "张晓梅", "LPS2023001"))
    found = register.matches(fp("b.jpg", "sha-b", "张晓梅", "LPS2023001"), "李建国")
    assert [(m.submission, m.file) for m in found] == [("S1", "a.jpg")]


def test_identical_bytes_match_even_without_fields() -> None:
    register = SubmissionRegister()
    register.add("S1", "张晓梅", fp("a.jpg", "same", "", ""))
    assert register.matches(fp("x.jpg", "same", "", ""), "李建国")[0].score == 1.0


def test_own_earlier_submission_and_other_certificates_do_not_match() -> None:
    register = SubmissionRegister()
    register.add("S1", "张晓梅", fp("a.jpg", "sha-a", "张晓梅", "LPS2023001"))
    assert register.matches(fp("b.jpg", "sha-b", "张晓梅", "LPS2023001"), "张晓梅") == []
    # Same template, next certificate number, another holder: a different certificate.
    assert register.matches(fp("c.jpg", "sha-c", "王芳", "LPS2023002"), "王芳") == []
    # Same holder and number but another grade: fields that disagree rule a match out.
    assert register.matches(fp("d.jpg", "sha-d", "张晓梅", "LPS2023001", grade="second"), "李建国") == []
