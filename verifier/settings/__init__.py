"""One settings object for every stage's limits and thresholds, overridable by VERIFIER_* environment variables."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal, TypeVar, cast

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from verifier.settings.duplicates import DuplicateSettings
from verifier.settings.quality import QualitySettings


class IngestSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="VERIFIER_INGEST_")

    # 50 MB covers a 20-page 300 dpi colour scan; larger uploads are almost always mistakes (video, raw camera).
    max_file_bytes: int = 50 * 1024 * 1024
    # Pages past this are not verified: no evidence document in the notices runs longer.
    max_pages: int = 50
    # 50 Mpx: a 48 Mpx phone photo passes; Pillow's own bomb limit (89 Mpx warn) would let far more through.
    max_pixels: int = 50_000_000
    # All pages of one file together (a multi-page TIFF, a PDF's renders): 250 Mpx is 750 MB of decoded pages,
    # room for 28 pages of 300 dpi A4 colour scans, and keeps a worker far from memory trouble.
    max_total_pixels: int = 250_000_000
    # PDF pages are rendered at this many dpi, capped so the longest side stays under max_render_side.
    pdf_render_dpi: int = 200
    max_render_side: int = 3000
    # A page read from its text layer is rendered only for viewers and duplicate hashes: this size suffices.
    text_page_render_side: int = 1600
    # A PDF page counts as having a usable text layer when it holds at least this many CJK/alnum characters.
    pdf_min_text_chars: int = 8


class OcrSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="VERIFIER_OCR_")

    engine: str = "rapidocr"
    # Longest side the detector ever sees. Detection costs time roughly quadratically in it; recognition reads
    # crops from the full-resolution page whatever the detection size.
    max_side_len: int = 2000
    # First detection pass at this longest side; a second, larger pass only when text is too small there.
    det_first_side: int = 1024
    # Median text-line height (pixels, in the detector's input) below which detection is repeated larger.
    # PP-OCR's detector finds lines reliably from about 10 px; 14 keeps a margin for thin 宋体 strokes.
    det_min_text_px: float = 14.0
    # A document whose first read left its holder, issuer or date empty is read again with detection at
    # max_side_len, and only those fields are filled from it. Off by default: on seed 1 it read 81 of 866
    # pages again and put 6 fields right (none wrong), on seed 2 none, and on degraded pages it costs about a
    # quarter more time (docs/PERFORMANCE.md) — worth it for a reviewer's re-check, not for bulk throughput.
    second_look: bool = False
    # A document whose first read left its issuer or date empty has the area around each seal read again,
    # enlarged, with the seal taken off (verifier/seals/sign_off.py); only those fields are filled from it.
    sign_off_reread: bool = True
    # A PDF page read from its text layer whose layer names no kind of document, over a picture covering at least
    # this share of the page, has its rendering read too: electronic certificates draw their title, award and
    # issuer in a picture under a layer of names and numbers (real set: a contest's 获奖证书 whose layer held only
    # the winner, the sentence and two numbers). 0: never; a layer that names its document is never read again.
    text_layer_picture_share: float = Field(0.5, ge=0.0, le=1.0)
    # An area already larger than the re-read enlarges to (a big photo's) is detected no larger than makes the
    # page's own text (its median line) this high to the detector: a whole page is detected well from 14 px
    # (det_min_text_px) and a sign-off's print is often smaller than the body's, so about twice that. On a photo
    # of 3000–4096 px the area was otherwise detected at up to 2000 px, its text 40–80 px high there
    # (docs/PERFORMANCE.md "Real photos"). 0: always the whole size.
    sign_off_detect_text_px: float = 32.0
    # Areas enlarged to the re-read's size are sized the same way where the page's own text is already that
    # high: a big photo's small seal gives a small area, enlarged though its text is 40–60 px high, and was
    # detected at 1,280 px. A smaller page keeps its enlarged area whole (sized, a 1,000 px page read a date
    # worse: 2025年07月231日). False: enlarged areas keep their size.
    sign_off_size_enlarged: bool = True
    # The holder's name read again from its own line, several crops (verifier/ocr/name_lines.py); a name a
    # character off that most of them agree on replaces the first reading.
    name_reread: bool = True
    # Only from a line the recogniser scored below this: a sure line's name is not overruled. The names the re-read
    # put right on the real set sat on lines scored 0.88–0.93; the one it broke on seed 2 on a line at 0.998
    # (its crops read a plain 武 as 式 five times in eight). The same bar as a doubtful date's below.
    doubtful_name_confidence: float = 0.95
    # A sign-off date read from a line the recogniser scored below this is read again the same way: a character
    # the seal or a small print hid (一月三十日 read 一月十日) still makes a valid date, only a less certain one.
    # The re-reads replace it when two agree on another whole date, or one alone gives a date that took more
    # characters on its line (verifier/rereads.py `agreed_date`).
    doubtful_date_confidence: float = 0.95
    # Threads per ONNX Runtime session; 0 lets the runtime decide. Worker pools set this to cores / workers.
    threads: int = 0
    # ONNX Runtime keeps the memory its models ran in for the next call (its arena) instead of asking the system
    # for every tensor anew, as RapidOCR's own setting has it. The same arithmetic, so the same readings; the
    # verifier took 7–11% less time with it (docs/PERFORMANCE.md "Memory arena"). False: RapidOCR's setting.
    memory_arena: bool = True
    # What runs the wheel's PP-OCR ONNX models. OpenVINO (the `openvino` wheel) reads the same files, in bfloat16
    # where the processor has bfloat16 instructions: faster, but it read worse on the real set and seed 2, the
    # detector alone too (docs/PERFORMANCE.md "Memory arena, and OpenVINO's bfloat16 measured").
    backend: Literal["openvino", "onnxruntime"] = "onnxruntime"
    # The detector's runtime where it differs from `backend` (None: the same).
    det_backend: Literal["openvino", "onnxruntime"] | None = None
    # Lines the recogniser scores below this are left out of the text, as RapidOCR's own pipeline does: a smudge
    # or an arc read from a rectangle, not print to read facts from.
    text_score: float = 0.5
    # How the detector scores a candidate line: "slow" averages its probability over the line's own outline,
    # "fast" over the rectangle around it. A line on a curled page or a bent booklet runs in an arc, so its
    # rectangle is mostly paper and "fast" drops the whole line (a body line across the page, lost on a curl
    # of 2% of the page's height); "slow" keeps it and reads it whole.
    det_score_mode: Literal["slow", "fast"] = "slow"
    # Other PP-OCR ONNX models than the ones inside the rapidocr wheel (e.g. PP-OCRv4, for comparison).
    det_model_path: str | None = None
    rec_model_path: str | None = None
    # Lift the red ink of seals before the page is read, so lines a seal covers are found and read whole.
    lift_seals: bool = True
    # A page that shows a screen's pixel lattice (SCREEN_RECAPTURE) is smoothed by a Gaussian of this sigma
    # before reading: a lattice of 2–4 camera pixels per screen pixel keeps 1–30% of its contrast, strokes
    # of text the detector can find keep theirs. On the benchmark's 28 recaptured pages, sigma 1.0 read 28
    # holders against 15 unsmoothed, 23 at 1.5 and 17 at 2.2. 0 turns it off.
    screen_smoothing_sigma: float = 1.0
    # Undo a defocus or a straight shake before reading (verifier/prepare/deblur.py) when the page's cepstrum
    # shows the kernel and its detected lines measure soft (below quality.blur_soft). Thresholds are robust
    # z-scores of the cepstrum: a defocus ring averages below -1.5 over a ring dark in ≥ 70% of its
    # sectors; a shake's point lies below -15 (on the benchmark, true kernels: ring -1.5 to -6.7 with
    # 78–100% cover, shake points -17 to -80; sharp pages' rings cover ≤ 50%).
    deblur: bool = True
    deblur_ring_z: float = 1.5
    deblur_ring_cover: float = 0.7
    deblur_point_z: float = 15.0
    # ...and only when the centre of the page is soft at source resolution (the quality stage's sharpness
    # score of the same crop): true kernels ≤ 0.016 on the benchmark, sharp pages with a chance ring ≥ 0.08.
    deblur_max_softness: float = 0.04
    # Wiener noise-to-signal ratio: lower restores more and amplifies JPEG noise more.
    deblur_noise: float = 0.01
    # The lines whose softness confirms a kernel are found by a detection at this longest side: on the 82
    # benchmark pages with a kernel it decided as the reading's own detection did on 81, in 29% of its time.
    deblur_probe_side: int = 640
    # Benchmarks only: keep what OCR read per page here and reuse it while other stages are tuned.
    cache_dir: str | None = None


class OrientSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="VERIFIER_ORIENT_")

    # The upside-down reading must beat the as-is reading by this factor before we turn a page by 180°.
    margin: float = 1.25
    # When the sampled lines read as-is with at least this mean confidence, the page is taken as the right way
    # up without reading them upside down too. Upside-down Chinese reads at 0.3–0.7 with PP-OCR; upright print
    # at 0.9+. 0 disables the shortcut.
    confident_upright: float = 0.9
    # A page of tall lines is tried turned this far first (a quarter clockwise, or 270°); where it reads
    # confidently, the sampled lines are not read the other way too (the other quarter is the flip). Both are
    # read from the same crops (cut at 90°, turned half round for 270°): the order changes no line's text, only
    # which way is tried first. Sideways phone photos are righted by 270° (all 15 of the real set's turned
    # uploads), so 270 spares them the second reading of their sample.
    sideways_first: int = Field(270, description="90 or 270")

    @field_validator("sideways_first")
    @classmethod
    def _a_quarter(cls, value: int) -> int:
        if value not in (90, 270):
            raise ValueError("sideways_first is 90 or 270")
        return value


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="VERIFIER_")

    ingest: IngestSettings = Field(default_factory=IngestSettings)
    ocr: OcrSettings = Field(default_factory=OcrSettings)
    orient: OrientSettings = Field(default_factory=OrientSettings)
    quality: QualitySettings = Field(default_factory=QualitySettings)
    duplicates: DuplicateSettings = Field(default_factory=DuplicateSettings)
    # A deployment's own column → document types map (YAML like verifier/data/columns.yaml).
    columns_file: str | None = None
    # Documents verified in parallel; each worker process loads its own OCR engine.
    workers: int = 1
    # Time budget of one document in a worker process (verifier/workers.py): past it the worker is stopped and
    # the document flagged PROCESSING_TIMEOUT. A 50-page scan reads in about 150 s on one busy core; 0: none.
    document_seconds: float = 300.0
    # The time zone times are shown in to people (HTML reports, reviewer pages); stored times stay UTC.
    timezone: str = "Asia/Shanghai"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


_Kind = TypeVar("_Kind", bound=BaseSettings)


def defaults(kind: type[_Kind]) -> _Kind:
    """The code's own defaults for one part of the tree, the environment not read: what a stage uses when its
    caller passes no settings (a test, a library call). The pipeline reads the environment once, at the top
    (`get_settings`, or `Settings()` in the service), and passes that one tree down."""
    return cast(_Kind, kind.model_construct())
