"""Draw the application icon (resources/icons/tlstudio.svg) as the files the installers need.

Writes ``packaging/icons/tlstudio.png`` (1024 px, Linux desktop files), ``tlstudio.ico``
(16-256 px, Windows) and ``tlstudio.icns`` (macOS). The shapes are the SVG's, drawn with
Pillow at four times the size and scaled down for smooth edges. The files are committed; run
this again only when the SVG changes: ``.venv/bin/python packaging/make_icons.py``.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
OUT = HERE / "icons"
SIZE = 1024
SVG_SIDE = 64  # the SVG's viewBox

BLUE = (0x1F, 0x6F, 0xB2)
YELLOW = (0xF2, 0xC1, 0x4E)
# White at 90 % opacity over the blue background, as the SVG draws it.
WHITE = tuple(round(0.9 * 255 + 0.1 * c) for c in BLUE)

# (x, y, width, height, corner radius, colour) in the SVG's 64-unit coordinates.
SHAPES = (
    (2, 2, 60, 60, 12, BLUE),
    (12, 14, 18, 18, 3, WHITE),
    (34, 14, 18, 18, 3, YELLOW),
    (12, 36, 18, 18, 3, YELLOW),
    (34, 36, 18, 18, 3, WHITE),
)


def draw_icon(size: int = SIZE, oversample: int = 4) -> Image.Image:
    """The icon as an RGBA image of ``size`` pixels a side."""
    big = size * oversample
    scale = big / SVG_SIDE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    for x, y, w, h, r, colour in SHAPES:
        box = (x * scale, y * scale, (x + w) * scale - 1, (y + h) * scale - 1)
        draw.rounded_rectangle(box, radius=r * scale, fill=colour + (255,))
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    icon = draw_icon()
    icon.save(OUT / "tlstudio.png", optimize=True)
    icon.save(OUT / "tlstudio.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    icon.save(OUT / "tlstudio.icns")
    for path in sorted(OUT.iterdir()):
        print(f"{path.relative_to(HERE.parent)}  {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
