"""Same certificate uploaded again vs. another teacher's certificate on the same template."""

from __future__ import annotations

from models.flags import FlagCode
from models.report import Fields
from models.vocab import Grade
from verifier.duplicates import DocFingerprint, find_duplicates, fingerprint_document

from .conftest import certificate_fields, certificate_text, render, rephotograph, sha256_of


def fingerprint(file: str, image, fields: Fields, text: str) -> DocFingerprint:
    return fingerprint_document(file, sha256_of(image), [image], fields, text)


def original(holder: str = "张明华", number: str = "LPS2023-0417", grade: str = "一等奖") -> DocFingerprint:
    image = render(holder, number, grade)
    grade_code = {"一等奖": Grade.first, "二等奖": Grade.second}[grade]
    return fingerprint(
        f"{holder}-{number}.png",
        image,
        certificate_fields(holder, number, grade_code),
        certificate_text(holder, number, grade),
    )


def test_byte_identical_uploads_are_exact_duplicates():
    fp = original()
    again = fp.model_copy(update={"file": "获奖证书/copy.png"})
    matches = find_duplicates([fp, again])
    assert [(m.kind, m.a, m.b) for m in matches] == [("exact", fp.file, "获奖证书/copy.png")]
    assert matches[0].flag_code == FlagCode.DUPLICATE_EXACT


def test_same_template_for_another_teacher_is_not_a_duplicate():
    a = original("张明华", "LPS2023-0417")
    b = original("李建国", "LPS2023-0418")  # next number in the same batch
    assert b.phashes and bin(a.phashes[0] ^ b.phashes[0]).count("1") <= 12  # the pHash cannot tell them apart
    assert find_duplicates([a, b]) == []


def test_same_teacher_other_grade_on_the_same_template_is_not_a_duplicate():
    a = original("张明华", "LPS2023-0417", "一等奖")
    b = original("张明华", "LPS2023-0417", "二等奖")
    assert find_duplicates([a, b]) == []


def test_rephotographed_certificate_with_ocr_noise_is_a_near_duplicate():
    a = original()
    photo = rephotograph(render("张明华", "LPS2023-0417"), seed=1)
    noisy_fields = certificate_fields("張明華", "LPS2O23-0417")  # traditional form, O read for 0
    noisy_fields.issuer = "六盘水市教育"  # last character lost under the seal
    noisy_text = certificate_text("張明華", "LPS2O23-0417").replace("优质课", "优质果").replace("鼓励", "鼓厉")
    b = fingerprint("photo.jpg", photo, noisy_fields, noisy_text)
    matches = find_duplicates([a, b])
    assert len(matches) == 1
    match = matches[0]
    assert (match.kind, match.a, match.b, match.flag_code) == ("near", a.file, "photo.jpg", FlagCode.DUPLICATE_NEAR)
    assert 0.8 <= match.score <= 1.0 and "证书编号相同" in match.reason


def test_rescan_without_certificate_number_matches_on_holder_issuer_date_and_text():
    def without_number(file: str, image) -> DocFingerprint:
        fields = certificate_fields("张明华", "x").model_copy(update={"certificate_no": None})
        text = certificate_text("张明华", "").replace("证书编号：", "")
        return fingerprint(file, image, fields, text)

    image = render("张明华", "")
    a = without_number("scan.png", image)
    b = without_number("photo.jpg", rephotograph(image, seed=2))
    other = fingerprint(
        "other.png",
        render("王芳", ""),
        certificate_fields("王芳", "x").model_copy(update={"certificate_no": None}),
        certificate_text("王芳", "").replace("证书编号：", ""),
    )
    matches = find_duplicates([a, b, other])
    assert [(m.a, m.b, m.kind) for m in matches] == [("scan.png", "photo.jpg", "near")]


def test_fuzzy_number_alone_does_not_make_a_duplicate():
    a = original("张明华", "LPS2023-0417")
    b = original("张明华", "LPS2023-0418").model_copy(update={"text_signature": "另一份证书的正文内容完全不同"})
    assert find_duplicates([a, b]) == []
