"""The run report as A4 PDF pages, drawn with matplotlib (no Qt, no browser, no new dependency).

:func:`render_pdf` lays :class:`~tlstudio.core.outputs.report_document.ReportDocument` blocks out top to bottom
on A4 pages: paragraphs wrapped by measuring the words in the font they are drawn with, tables
that break between rows and repeat their header on the next page, figures scaled to the text
width (and to the page), headings never left alone at the foot of a page, and "Page n of N" on
every page. Text stays text (TrueType fonts embedded), so it can be searched and copied.
"""

from __future__ import annotations

import io
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Sequence

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from tlstudio.core.outputs.report_document import Block, ReportDocument

PAGE_W, PAGE_H = 8.27, 11.69  # A4, inches
LEFT, RIGHT, TOP, BOTTOM = 0.75, 0.75, 0.7, 0.85
TEXT_W = PAGE_W - LEFT - RIGHT
INK, MUTED, RULE, ACCENT, SOFT = "#1d2733", "#5b6673", "#c9d1d9", "#1f6fb2", "#eef2f6"
BODY, SMALL, MONO, H1, H2, H3 = 10.0, 8.0, 7.2, 18.0, 13.5, 11.0
#: Sections (h2 text keys of core.outputs.report_texts.TEXTS) that start on a new page.
NEW_PAGE_SECTIONS = ("mistakes",)
#: Tables up to this many rows are kept on one page.
KEEP_TOGETHER_ROWS = 20
DPI = 170


@lru_cache(maxsize=20000)
def _width(text: str, size: float, bold: bool = False, mono: bool = False) -> float:
    """Width of ``text`` in inches as matplotlib draws it."""
    from matplotlib.font_manager import FontProperties

    prop = FontProperties(family="monospace" if mono else "sans-serif", weight="bold" if bold else "normal", size=size)
    width, _, _ = _TEXT_TO_PATH().get_text_width_height_descent(text.replace("$", "S"), prop, ismath=False)
    return width / 72.0


@lru_cache(maxsize=1)
def _TEXT_TO_PATH() -> Any:  # noqa: N802 - a cached singleton
    from matplotlib.textpath import TextToPath

    return TextToPath()


def wrap(text: str, size: float, width: float, *, bold: bool = False, mono: bool = False) -> list[str]:
    """``text`` broken into lines no wider than ``width`` inches (a word longer than a line is
    cut); newlines in ``text`` are kept."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = paragraph.split(" ") if not mono else [paragraph]
        line = ""
        for word in words:
            candidate = word if not line else f"{line} {word}"
            if _width(candidate, size, bold, mono) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = word
            while _width(line, size, bold, mono) > width and len(line) > 1:  # cut what cannot fit on a line
                cut = max(1, int(len(line) * width / _width(line, size, bold, mono)) - 1)
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line)
    return lines


def _fit(text: str, size: float, width: float, bold: bool = False) -> str:
    """``text`` shortened with an ellipsis in the middle to fit ``width`` inches."""
    if _width(text, size, bold) <= width:
        return text
    keep = len(text)
    while keep > 4:
        keep = int(keep * 0.9)
        short = text[: keep // 3] + "…" + text[len(text) - (2 * keep) // 3:]
        if _width(short, size, bold) <= width:
            return short
    return text[:4] + "…"


class _Pages:
    """A cursor on A4 pages: ``y`` is inches from the top of the current page."""

    def __init__(self, doc: "ReportDocument") -> None:
        self.doc = doc
        self.figures: list["Figure"] = []
        self.fig: "Figure | None" = None
        self.y = TOP

    # -- page handling ------------------------------------------------------------------------
    def new_page(self) -> None:
        from matplotlib.figure import Figure

        self.fig = Figure(figsize=(PAGE_W, PAGE_H), dpi=DPI)
        self.figures.append(self.fig)
        self.y = TOP

    def room(self) -> float:
        return PAGE_H - BOTTOM - self.y if self.fig is not None else 0.0

    def ensure(self, height: float) -> None:
        if self.fig is None or self.room() < height:
            self.new_page()

    def _fy(self, y: float) -> float:
        return 1.0 - y / PAGE_H

    def text(self, x: float, y: float, s: str, *, size: float = BODY, bold: bool = False, colour: str = INK,
             ha: str = "left", mono: bool = False) -> None:
        assert self.fig is not None
        self.fig.text(x / PAGE_W, self._fy(y), s, fontsize=size, fontweight="bold" if bold else "normal",
                      color=colour, ha=ha, va="top", family="monospace" if mono else "sans-serif")

    def rule(self, y: float, *, colour: str = RULE, width: float = 0.6, x0: float = LEFT, x1: float = PAGE_W - RIGHT) -> None:
        from matplotlib.lines import Line2D

        assert self.fig is not None
        self.fig.add_artist(Line2D([x0 / PAGE_W, x1 / PAGE_W], [self._fy(y)] * 2, color=colour, linewidth=width))

    def band(self, y: float, height: float, colour: str = SOFT) -> None:
        from matplotlib.patches import Rectangle

        assert self.fig is not None
        self.fig.add_artist(Rectangle((LEFT / PAGE_W, self._fy(y + height)), TEXT_W / PAGE_W, height / PAGE_H,
                                      facecolor=colour, edgecolor="none", zorder=-1))

    # -- blocks -------------------------------------------------------------------------------
    def paragraph(self, text: str, *, size: float = BODY, bold: bool = False, colour: str = INK,
                  mono: bool = False, after: float = 0.08) -> None:
        line_h = size * (1.18 if mono else 1.4) / 72
        for line in wrap(text, size, TEXT_W, bold=bold, mono=mono):
            self.ensure(line_h)
            self.text(LEFT, self.y, line, size=size, bold=bold, colour=colour, mono=mono)
            self.y += line_h
        self.y += after

    def heading(self, text: str, level: int) -> None:
        size = {1: H1, 2: H2}.get(level, H3)
        line_h = size * 1.5 / 72
        before = 0.22 if level == 2 else 0.12
        self.ensure(before + line_h + 0.9)  # never alone at the foot of a page
        if self.y > TOP + 0.01:
            self.y += before
        self.text(LEFT, self.y, text, size=size, bold=True, colour=ACCENT if level <= 2 else INK)
        self.y += line_h
        if level == 2:
            self.rule(self.y - 0.05, width=1.2)
            self.y += 0.06

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool], *,
              caption: str = "", size: float = 8.6) -> None:
        pad = 0.08
        n = len(header)
        right = list(right) or [False] * n
        def natural(at: float) -> list[float]:
            return [max([_width(str(h), at, True)] + [_width(str(r[i]), at) for r in rows]) + 2 * pad + 0.03
                    for i, h in enumerate(header)]

        widths = natural(size)
        total = sum(widths)
        if total > TEXT_W and size > 7.0:  # a wide table: a smaller font first, then shortened cells
            size = max(7.0, size * (TEXT_W - 0.2) / total)
            widths = natural(size)
            total = sum(widths)
        if total < 0.45 * TEXT_W:  # a narrow table looks lost on the page: widen its columns evenly
            widths = [w + (0.45 * TEXT_W - total) / n for w in widths]
            total = sum(widths)
        if total > TEXT_W:  # cap the widest columns at one width so the table fits (their text is shortened)
            ordered = sorted(widths)
            cap, rest = ordered[-1], 0.0
            for k, w in enumerate(ordered):
                cap = (TEXT_W - rest) / (n - k)
                if w >= cap:
                    break
                rest += w
            widths = [min(w, cap) for w in widths]
        xs = [LEFT]
        for w in widths[:-1]:
            xs.append(xs[-1] + w)
        row_h = size * 1.75 / 72
        table_w = min(TEXT_W, sum(widths))

        def draw_header() -> None:
            from matplotlib.patches import Rectangle

            assert self.fig is not None
            self.fig.add_artist(Rectangle((LEFT / PAGE_W, self._fy(self.y + row_h)), table_w / PAGE_W, row_h / PAGE_H,
                                          facecolor=SOFT, edgecolor="none", zorder=-1))
            for i, h in enumerate(header):
                self.cell(i, xs, widths, right, str(h), size, bold=True, row_h=row_h)
            self.y += row_h
            self.rule(self.y, colour=MUTED, width=0.8, x1=LEFT + table_w)

        caption_h = size * 1.6 / 72 if caption else 0.0
        whole = caption_h + row_h * (len(rows) + 1)
        fits_a_page = len(rows) <= KEEP_TOGETHER_ROWS and whole < PAGE_H - TOP - BOTTOM
        self.ensure(whole if fits_a_page else caption_h + row_h * min(len(rows) + 1, 4))
        if caption:
            self.text(LEFT, self.y, caption, size=size + 0.6, bold=True)
            self.y += caption_h
        draw_header()
        for row in rows:
            if self.room() < row_h:
                self.new_page()
                draw_header()
            for i, value in enumerate(row):
                self.cell(i, xs, widths, right, str(value), size, row_h=row_h)
            self.y += row_h
            self.rule(self.y, width=0.4, x1=LEFT + table_w)
        self.y += 0.14

    def cell(self, i: int, xs: Sequence[float], widths: Sequence[float], right: Sequence[bool], text: str,
             size: float, *, bold: bool = False, row_h: float) -> None:
        pad = 0.08
        shown = _fit(text, size, widths[i] - 2 * pad, bold)
        top = self.y + (row_h - size * 1.2 / 72) / 2
        if right[i]:
            self.text(xs[i] + widths[i] - pad, top, shown, size=size, bold=bold, ha="right")
        else:
            self.text(xs[i] + pad, top, shown, size=size, bold=bold)

    def image(self, data: bytes, share: float = 1.0, *, max_h: float | None = None) -> None:
        array = _decode(data)
        h_px, w_px = array.shape[:2]
        width = TEXT_W * min(1.0, share)
        height = width * h_px / w_px
        limit = max_h or (PAGE_H - TOP - BOTTOM) * 0.85
        if height > limit:
            height, width = limit, limit * w_px / h_px
        self.ensure(height + 0.1)
        x = LEFT + (TEXT_W - width) / 2
        self.place(array, x, self.y, width, height)
        self.y += height + 0.16

    def place(self, array: Any, x: float, y: float, width: float, height: float) -> None:
        assert self.fig is not None
        ax = self.fig.add_axes((x / PAGE_W, self._fy(y + height), width / PAGE_W, height / PAGE_H))
        ax.imshow(array, interpolation="antialiased")
        ax.set_axis_off()

    def gallery(self, items: Sequence[tuple[bytes, bytes | None, str]]) -> None:
        columns, gap = 2, 0.25
        card_w = (TEXT_W - gap * (columns - 1)) / columns
        side = (card_w - 0.08) / 2
        caption_lines = 3
        card_h = side + caption_lines * SMALL * 1.35 / 72 + 0.22
        for start in range(0, len(items), columns):
            self.ensure(card_h)
            for k, (picture, overlay, caption) in enumerate(items[start:start + columns]):
                x = LEFT + k * (card_w + gap)
                self.place(_decode(picture), x, self.y, side, side)
                if overlay is not None:
                    self.place(_decode(overlay), x + side + 0.08, self.y, side, side)
                y = self.y + side + 0.06
                for line in wrap(caption, SMALL, card_w)[:caption_lines]:
                    self.text(x, y, line, size=SMALL, colour=INK)
                    y += SMALL * 1.35 / 72
            self.y += card_h

    # -- finishing ----------------------------------------------------------------------------
    def footers(self) -> None:
        total = len(self.figures)
        for number, fig in enumerate(self.figures, start=1):
            y = 1.0 - (PAGE_H - BOTTOM + 0.35) / PAGE_H
            fig.text(LEFT / PAGE_W, y, _fit(self.doc.title, SMALL, TEXT_W * 0.65), fontsize=SMALL, color=MUTED,
                     ha="left", va="top")
            fig.text((PAGE_W - RIGHT) / PAGE_W, y, self.doc.page_text.format(page=number, pages=total),
                     fontsize=SMALL, color=MUTED, ha="right", va="top")


def _decode(data: bytes) -> Any:
    import numpy as np
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        return np.asarray(image.convert("RGB"))


def render_pdf(doc: "ReportDocument") -> bytes:
    """The report as the bytes of an A4 PDF (see the module docstring)."""
    import matplotlib
    from matplotlib.backends.backend_pdf import PdfPages

    from tlstudio.core.outputs.report_texts import texts

    t = texts(doc.language)
    new_page = {t[k] for k in NEW_PAGE_SECTIONS}
    with matplotlib.rc_context({"pdf.fonttype": 42}):  # TrueType text: searchable, copyable
        pages = _Pages(doc)
        pages.new_page()
        pages.paragraph(doc.title, size=H1, bold=True, colour=ACCENT, after=0.02)
        pages.paragraph(doc.subtitle, size=BODY, colour=MUTED, after=0.1)
        for block in doc.blocks:
            _render_block(pages, block, doc, new_page)
        if doc.files:
            pages.new_page()
            pages.heading(doc.files_title, 2)
            files_block = next((b for b in doc.blocks if b.kind == "files"), None)
            header = files_block.header if files_block is not None else ("split", "class", "path")
            pages.table(header, doc.files_shown(), (False, False, False), size=6.6)
        pages.footers()
        buffer = io.BytesIO()
        with PdfPages(buffer, metadata={"Title": doc.title, "Creator": "tlstudio"}) as pdf:
            for fig in pages.figures:
                pdf.savefig(fig, dpi=DPI)
    return buffer.getvalue()


def _render_block(pages: _Pages, block: "Block", doc: "ReportDocument", new_page: set[str]) -> None:
    kind = block.kind
    if kind in ("h1", "h2", "h3"):
        if kind == "h2" and block.text in new_page and pages.y > TOP + 0.01:
            pages.new_page()
        pages.heading(block.text, int(kind[1]))
    elif kind == "p":
        pages.paragraph(block.text)
    elif kind == "pre":
        pages.paragraph(block.text, size=MONO, mono=True, after=0.12)
    elif kind == "table":
        pages.table(block.header, block.rows, block.right, caption=block.caption)
    elif kind == "figure":
        pages.image(block.image, block.width)
    elif kind == "gallery":
        pages.gallery(block.items)
    elif kind == "files":
        pages.paragraph(f"→ {doc.files_title}", size=BODY, colour=MUTED)
