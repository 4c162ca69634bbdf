"""A page read: prepared, turned upright, read by OCR and measured, as one frozen noun every later stage takes."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import cv2
import numpy as np

from models.flags import FlagCode
from models.page import Page, PageSource, TextLine
from models.report import Flag
from verifier.ocr import OcrEngine
from verifier.ocr.base import read_lines, reading_order
from verifier.ocr.cache import CachedRead, ReadCache, page_key
from verifier.orient import OrientedRead, detect_adaptive, orient_and_read, rotate_boxes, rotate_image
from verifier.prepare import BlurKernel, prepare_page, smoothed_screen_seals
from verifier.quality import PageQuality, assess_page
from verifier.quality.recapture import looks_like_screen
from verifier.seals.detect import detect_seals
from verifier.seals.model import Seal
from verifier.settings import OcrSettings, Settings
from verifier.settings.quality import QualitySettings
from verifier.understand.date_lines import is_cut_short_date

# A page as the text stage takes it: its number, its lines, and its upright width and height.
PageText = tuple[int, list[TextLine], int, int]

# Upright pages are kept at most this long a side for the duplicate check and viewers; OCR sees full size.
PREVIEW_SIDE = 1600

# How the caller times a stage of the reading ("prepare", "ocr", "quality").
Timer = Callable[[str], AbstractContextManager[None]]


@dataclass
class SealSearches:
    """The seals found on a page's pictures other than the one read (a text layer's rendering, a screen photo
    smoothed), kept the first time a reader asks: no picture of a page is searched twice. Shared by every
    PageRead a re-read makes of the page."""

    text_layer: list[Seal] | None = None
    smoothed_screen: tuple[np.ndarray, list[Seal]] | None = None


@dataclass(frozen=True)
class PageRead:
    """One page as read. A later reading of part of it (a re-read) makes a new PageRead with other lines."""

    number: int
    source: PageSource
    upright: np.ndarray = field(repr=False)  # the page as uploaded, turned upright
    lines: list[TextLine]  # the lines the recogniser does not doubt, in the upright page's pixels
    rotation: int = 0  # how far the upload was turned to stand upright
    columns: bool = False  # written in columns (竖排)
    # The seals found on the upright page; None for a text layer (looked for only when a reader needs them:
    # `seals_found`).
    seals: list[Seal] | None = None
    small: np.ndarray | None = field(default=None, repr=False)  # upright, at the quality stage's working width
    screen: bool = False  # a photo of a screen
    # The page as OCR read it, upright, kept only where a later reading may need it (a cut-short date line, or
    # every page with the second look on): a prepared copy is as large as the page.
    read_image: np.ndarray | None = field(default=None, repr=False)
    quality: PageQuality | None = None  # None for a text layer
    scores: dict[str, float] = field(default_factory=dict)  # the page's measures as the report shows them
    flags: tuple[Flag, ...] = ()  # the page's own flags (turned, blurred …), in the order raised
    picture_share: float = 0.0  # a text layer's page: the share of it its largest picture covers
    searches: SealSearches = field(default_factory=SealSearches, repr=False, compare=False)

    def seals_found(self, settings: QualitySettings) -> list[Seal]:
        """The page's seals: those found when it was read, or a text layer's, looked for on its picture the
        first time a reader asks."""
        if self.seals is not None:
            return self.seals
        if self.searches.text_layer is None:
            self.searches.text_layer = detect_seals(self.upright, settings)
        return self.searches.text_layer

    def smoothed_screen(self, settings: Settings) -> tuple[np.ndarray, list[Seal]]:
        """A photo of a screen with its lattice smoothed away, and the seals found there (verifier/prepare
        `smoothed_screen_seals`), made the first time a re-read asks."""
        if self.searches.smoothed_screen is None:
            self.searches.smoothed_screen = smoothed_screen_seals(self.upright, settings)
        return self.searches.smoothed_screen

    @property
    def text_page(self) -> PageText:
        return (self.number, self.lines, self.upright.shape[1], self.upright.shape[0])

    def with_lines(self, lines: list[TextLine]) -> PageRead:
        return dataclasses.replace(self, lines=lines)


@dataclass
class PageView:
    """An upright page as viewers show it: a downscaled image and the lines in its coordinates."""

    number: int
    image: np.ndarray
    lines: list[TextLine]
    rotation: int  # how far the upload was turned to show it upright
    source: str
    columns: bool = False  # written in columns (竖排): read a quarter anticlockwise of upright, shown upright


def read_page(page: Page, engine: OcrEngine, settings: Settings, timer: Timer) -> PageRead:
    """A page prepared, turned upright, read and measured; a text layer is taken as it is."""
    if page.source == PageSource.pdf_text:
        scores = {"text_layer": 1.0, "picture_share": page.picture_share}
        return PageRead(
            page.number, page.source, page.image, page.lines, scores=scores, picture_share=page.picture_share
        )
    with timer("prepare"):
        prepared = prepare_page(page.image, engine, settings)
    with timer("ocr"):
        read = _read_page(prepared.seen, engine, settings)
    lines, rotation = sure(read.lines, settings.ocr), read.rotation
    upright = rotate_image(page.image, rotation) if prepared.seen is not page.image else read.image
    small = rotate_image(prepared.small, rotation)
    # Telling a seal from a red title's characters needs to know which way the lines run: the upload's
    # candidates are decided again upright, not searched for again.
    seals = prepared.search.seals(rotation) if rotation else prepared.seals
    flags = [_turned(page.number, read.upload_turned)] if read.upload_turned else []
    with timer("quality"):
        quality = assess_page(upright, lines, page.number, settings.quality, prepared.screen, prepared.sharpness, small)
        scores = quality.scores
        kernel: BlurKernel | None = prepared.kernel
        if kernel is not None:  # read after undoing this blur; the measures are of the upload
            scores[f"deblurred_{kernel.kind}_px"] = round(kernel.size, 1)
        flags += quality.flags
    may_read_again = settings.ocr.second_look or any(is_cut_short_date(line.text) for line in lines)
    return PageRead(
        page.number,
        page.source,
        upright,
        lines,
        read.upload_turned,
        read.columns,
        seals,
        small,
        looks_like_screen(prepared.screen, settings.quality),
        read.image if may_read_again else None,
        quality,
        scores,
        tuple(flags),
    )


def _turned(number: int, upload_turned: int) -> Flag:
    uploaded_at = (360 - upload_turned) % 360  # how the upload is turned, clockwise from upright
    turned = {90: "顺时针旋转了 90°", 180: "上下颠倒（旋转了 180°）", 270: "逆时针旋转了 90°"}[uploaded_at]
    return Flag.make(FlagCode.NOT_UPRIGHT, page=number, value=uploaded_at, detail=f"第 {number} 页{turned}")


def sure(lines: list[TextLine], ocr: OcrSettings) -> list[TextLine]:
    """The lines of a page reading that the recogniser itself does not doubt: one below its score bar is a smudge
    or an arc read from a rectangle (作生要会学式 at 0.16), not text to read facts from. Every reading of the
    document's pages (the first, and every re-read) is held to it."""
    return [line for line in lines if line.confidence >= ocr.text_score]


def with_its_picture_read(page: PageRead, engine: OcrEngine, ocr: OcrSettings) -> PageRead:
    """A text layer's page with the lines of its picture added (an electronic certificate's title, award and
    issuer drawn under a layer of names and numbers): the rendering is read as a scan is, and only lines the layer
    does not already hold are added, the layer's own text being exact."""
    read = sure(read_upright(page.upright, engine, ocr), ocr)
    added = [line for line in read if not _held_by(line, page.lines)]
    lines = sorted([*page.lines, *added], key=lambda line: reading_order(line.top, line.left))
    scores = {**page.scores, "picture_lines": float(len(added))}
    return dataclasses.replace(page, lines=lines, scores=scores)


def _held_by(line: TextLine, layer: list[TextLine]) -> bool:
    """A line read from the picture that a layer line already holds: its centre within that line's box (widened by
    half the line's height, as a reading's box is looser than a font's), or its text part of that line's."""
    cx, cy = line.centre
    text = "".join(line.text.split())
    for held in layer:
        xs, ys, pad = [x for x, _ in held.box], [y for _, y in held.box], held.height / 2
        if min(xs) - pad <= cx <= max(xs) + pad and min(ys) - pad <= cy <= max(ys) + pad:
            return True
        if text and text in "".join(held.text.split()):
            return True
    return False


def read_upright(image: np.ndarray, engine: OcrEngine, ocr: OcrSettings) -> list[TextLine]:
    """An upright page read with the given detection settings, through the benchmark cache when configured."""
    return _through_cache(
        image,
        ocr,
        "upright",
        read=lambda: read_lines(engine, image, detect_adaptive(engine, image, ocr)),
        stored=lambda lines: CachedRead(0, None, lines, columns=False),
        served=lambda hit: hit.lines,
    )


def recognize_text(image: np.ndarray, engine: OcrEngine, ocr: OcrSettings) -> str:
    """One crop recognised as a single line (no detection), through the benchmark cache when configured: every
    reading a document gets is cached, so a second run of a benchmark asks the engine nothing."""
    height, width = image.shape[:2]
    box = [(0.0, 0.0), (float(width), 0.0), (float(width), float(height)), (0.0, float(height))]
    text, _ = _through_cache(
        image,
        ocr,
        "line",
        read=lambda: engine.recognize([image])[0],
        # Stored as one line boxed by the whole crop.
        stored=lambda read: CachedRead(0, None, [TextLine(text=read[0], box=box, confidence=read[1])], columns=False),
        served=lambda hit: (hit.lines[0].text, hit.lines[0].confidence) if hit.lines else ("", 0.0),
    )
    return text


def _read_page(image: np.ndarray, engine: OcrEngine, settings: Settings) -> OrientedRead:
    """Orientation and OCR, through the benchmark cache when one is configured."""
    return _through_cache(
        image,
        settings.ocr,
        "",
        read=lambda: orient_and_read(engine, image, settings.orient, settings.ocr),
        stored=lambda read: CachedRead(read.rotation, read.confidence, read.lines, read.columns),
        served=lambda hit: OrientedRead(
            hit.rotation, hit.confidence, rotate_image(image, hit.rotation), hit.lines, hit.columns
        ),
    )


# What one kind of reading returns (lines, a crop's text, an oriented page).
_Read = TypeVar("_Read")


def _through_cache(
    image: np.ndarray,
    ocr: OcrSettings,
    kind: str,
    read: Callable[[], _Read],
    stored: Callable[[_Read], CachedRead],
    served: Callable[[CachedRead], _Read],
) -> _Read:
    """A reading of the image by the engine (`read`), through the benchmark cache when one is configured: served
    from the cache on a hit, stored in it after the engine read. `kind` keeps a kind of reading's entries apart
    from the first reading's ("" for that one), so every key stays as it was and shared caches keep hitting."""
    if not ocr.cache_dir:
        return read()
    cache, key = ReadCache(Path(ocr.cache_dir)), page_key(image, ocr, read=kind)
    hit = cache.get(key)
    if hit is not None:
        return served(hit)
    result = read()
    entry = stored(result)
    cache.put(key, entry.rotation, entry.confidence, entry.lines, entry.columns)
    return result


def views_of(views: list[PageView], pages: list[PageRead]) -> list[PageView]:
    """The page views again, showing the lines of a later reading."""
    return [
        view_of(page.number, page.upright, page.lines, view.rotation, view.source, view.columns)
        for view, page in zip(views, pages, strict=True)
    ]


def view_of(
    number: int, upright: np.ndarray, lines: list[TextLine], rotation: int, source: str, columns: bool = False
) -> PageView:
    """The page as a viewer shows it, upright (`rotation`: how far the upload was turned for that); one written in
    columns is turned from the frame it was read in (a quarter anticlockwise of upright) to standing, its lines'
    boxes with it."""
    if columns:
        height, width = upright.shape[:2]
        boxes = rotate_boxes([np.array(line.box, np.float32) for line in lines], 90, width, height)
        lines = [
            TextLine(line.text, [(float(x), float(y)) for x, y in box], line.confidence)
            for line, box in zip(lines, boxes, strict=True)
        ]
        upright = rotate_image(upright, 90)
    scale = min(1.0, PREVIEW_SIDE / max(upright.shape[:2]))
    if scale < 1.0:
        size = (round(upright.shape[1] * scale), round(upright.shape[0] * scale))
        # INTER_AREA is only worth its cost for strong reductions; mild ones look the same with INTER_LINEAR.
        method = cv2.INTER_AREA if scale < 0.5 else cv2.INTER_LINEAR
        upright = cv2.resize(upright, size, interpolation=method)
        lines = [TextLine(ln.text, [(x * scale, y * scale) for x, y in ln.box], ln.confidence) for ln in lines]
    return PageView(number=number, image=upright, lines=lines, rotation=rotation, source=source, columns=columns)
