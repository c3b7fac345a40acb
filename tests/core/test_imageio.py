"""load_image / thumbnail: every kind of file people keep pictures in comes out as RGB uint8."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageFile

from tlstudio.core.data.imageio import IMAGE_EXTENSIONS, is_image_path, load_image, resize_array, thumbnail


def save(img: Image.Image, path: Path, **kwargs) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, **kwargs)
    return path


def gradient(width: int, height: int) -> np.ndarray:
    y, x = np.mgrid[0:height, 0:width]
    return np.stack([x * 255 // max(1, width - 1), y * 255 // max(1, height - 1), np.full_like(x, 90)], -1).astype(np.uint8)


def test_extensions_are_the_documented_ones():
    assert IMAGE_EXTENSIONS == {".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".bmp", ".gif", ".webp", ".tif", ".tiff",
                                ".avif", ".jp2", ".j2k", ".jpx", ".ico", ".qoi", ".tga", ".ppm", ".pgm", ".pbm",
                                ".dcm", ".dicom", ".dic"}
    assert is_image_path("a/B.JPG") and is_image_path("x.Tiff")
    assert not is_image_path("notes.txt") and not is_image_path("jpg")


def test_rgb_png_round_trips_exactly(tmp_path):
    pixels = gradient(40, 30)
    path = save(Image.fromarray(pixels), tmp_path / "g.png")
    out = load_image(path)
    assert out.dtype == np.uint8 and out.shape == (30, 40, 3)
    np.testing.assert_array_equal(out, pixels)


def test_grayscale_becomes_three_equal_channels(tmp_path):
    grey = np.tile(np.arange(0, 250, 5, dtype=np.uint8), (40, 1))
    out = load_image(save(Image.fromarray(grey, mode="L"), tmp_path / "g.png"))
    assert out.shape == (40, 50, 3)
    for c in range(3):
        np.testing.assert_array_equal(out[..., c], grey)


def test_16_bit_png_is_scaled_not_clipped(tmp_path):
    values = np.array([[0, 257 * 64, 257 * 128, 65535]] * 40, dtype=np.uint16)
    img = Image.fromarray(values)
    assert img.mode == "I;16"
    out = load_image(save(img, tmp_path / "deep.png"))
    np.testing.assert_array_equal(out[0, :, 0], [0, 64, 128, 255])
    np.testing.assert_array_equal(out[..., 0], out[..., 2])


def test_32_bit_integer_grey_with_16_bit_values_is_scaled(tmp_path):
    img = Image.fromarray(np.array([[0, 65535]] * 40, dtype=np.int32), mode="I")
    out = load_image(save(img, tmp_path / "int.tif"))
    np.testing.assert_array_equal(out[0, :, 0], [0, 255])


def test_float_image_in_0_to_1_is_scaled(tmp_path):
    img = Image.fromarray(np.array([[0.0, 0.5, 1.0]] * 40, dtype=np.float32), mode="F")
    out = load_image(save(img, tmp_path / "float.tif"))
    np.testing.assert_array_equal(out[0, :, 1], [0, 128, 255])


def test_palette_with_transparency_is_laid_on_white(tmp_path):
    img = Image.new("P", (40, 40), 0)
    img.putpalette([0, 0, 0, 255, 0, 0] + [0] * (256 * 3 - 6))
    img.paste(1, (0, 0, 20, 40))  # left half red, right half palette index 0 = transparent black
    path = save(img, tmp_path / "p.png", transparency=0)
    out = load_image(path)
    np.testing.assert_array_equal(out[5, 5], [255, 0, 0])
    np.testing.assert_array_equal(out[5, 35], [255, 255, 255])


def test_rgba_is_composited_on_white(tmp_path):
    rgba = np.zeros((40, 40, 4), dtype=np.uint8)
    rgba[..., 2] = 255  # blue
    rgba[:, :20, 3] = 255  # left opaque
    rgba[:, 20:30, 3] = 128  # half transparent
    out = load_image(save(Image.fromarray(rgba, "RGBA"), tmp_path / "a.png"))
    np.testing.assert_array_equal(out[0, 0], [0, 0, 255])
    np.testing.assert_array_equal(out[0, 35], [255, 255, 255])
    assert 120 <= out[0, 25, 0] <= 135 and out[0, 25, 2] == 255


def test_grey_with_alpha_is_composited_on_white(tmp_path):
    la = Image.merge("LA", (Image.new("L", (40, 40), 0), Image.new("L", (40, 40), 0)))
    out = load_image(save(la, tmp_path / "la.png"))
    np.testing.assert_array_equal(out[0, 0], [255, 255, 255])


def test_cmyk_jpeg_becomes_rgb(tmp_path):
    cmyk = Image.new("CMYK", (48, 48), (0, 255, 255, 0))  # pure red ink
    out = load_image(save(cmyk, tmp_path / "print.jpg", quality=95))
    assert out.shape == (48, 48, 3)
    r, g, b = out[24, 24].astype(int)
    assert r > 200 and g < 50 and b < 50


def test_animated_gif_gives_its_first_frame(tmp_path):
    frames = [Image.new("RGB", (40, 40), c) for c in ((255, 0, 0), (0, 0, 255), (0, 255, 0))]
    path = tmp_path / "anim.gif"
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=100)
    assert Image.open(path).n_frames == 3
    r, g, b = load_image(path)[20, 20].astype(int)
    assert r > 200 and g < 50 and b < 50


def exif_rotated_jpeg(path: Path, orientation: int = 6) -> Path:
    """A 64x40 stored picture with a red top-left corner, tagged to be shown turned."""
    pixels = np.full((40, 64, 3), 30, dtype=np.uint8)
    pixels[:10, :10] = (255, 0, 0)
    img = Image.fromarray(pixels)
    exif = img.getexif()
    exif[0x0112] = orientation
    return save(img, path, exif=exif.tobytes(), quality=95)


def test_exif_orientation_is_applied(tmp_path):
    out = load_image(exif_rotated_jpeg(tmp_path / "phone.jpg", orientation=6))
    assert out.shape == (64, 40, 3)  # width and height swapped
    # Orientation 6 = turn 90 degrees clockwise to display: the stored top-left goes top-right.
    assert out[3, 36, 0] > 200 and out[3, 36, 1] < 60
    assert out[3, 3, 0] < 60


def test_exif_orientation_is_applied_when_resizing_with_draft(tmp_path):
    out = load_image(exif_rotated_jpeg(tmp_path / "phone.jpg", orientation=6), (32, 20))
    assert out.shape == (32, 20, 3)
    assert out[1, 18, 0] > 150 and out[1, 1, 0] < 80


def test_size_int_gives_a_square_and_tuple_gives_height_width(tmp_path):
    path = save(Image.fromarray(gradient(90, 60)), tmp_path / "g.png")
    assert load_image(path, 32).shape == (32, 32, 3)
    assert load_image(path, (20, 50)).shape == (20, 50, 3)
    with pytest.raises(ValueError):
        load_image(path, 0)


def test_large_jpeg_with_draft_decode_matches_a_full_decode(tmp_path):
    big = np.kron(gradient(100, 75), np.ones((8, 8, 1), dtype=np.uint8))  # 800x600, smooth
    path = save(Image.fromarray(big), tmp_path / "big.jpg", quality=95)
    fast = load_image(path, 64).astype(float)
    full = np.asarray(Image.open(path).convert("RGB").resize((64, 64), Image.Resampling.LANCZOS)).astype(float)
    assert np.abs(fast - full).mean() < 3.0


def test_draft_decodes_a_big_jpeg_at_reduced_scale(tmp_path, monkeypatch):
    path = save(Image.fromarray(np.zeros((800, 800, 3), np.uint8)), tmp_path / "big.jpg")
    decoded_sizes = []
    real_resize = Image.Image.resize

    def spy(self, size, *args, **kwargs):
        decoded_sizes.append(self.size)
        return real_resize(self, size, *args, **kwargs)

    monkeypatch.setattr(Image.Image, "resize", spy)
    load_image(path, 64)
    assert decoded_sizes == [(100, 100)]  # 1/8 scale, not 800x800


def test_a_png_named_jpg_loads(tmp_path):
    pixels = gradient(40, 40)
    path = save(Image.fromarray(pixels), tmp_path / "really_png.jpg", format="PNG")
    np.testing.assert_array_equal(load_image(path), pixels)


def test_non_ascii_and_spaces_in_path(tmp_path):
    path = save(Image.fromarray(gradient(40, 40)), tmp_path / "dossier été" / "radio 1 ü.png")
    assert load_image(path).shape == (40, 40, 3)


def test_truncated_jpeg_raises_and_pillow_safety_settings_stay_on(tmp_path):
    buffer = io.BytesIO()
    Image.fromarray(np.random.default_rng(0).integers(0, 255, (64, 64, 3), dtype=np.uint8)).save(buffer, "JPEG")
    path = tmp_path / "cut.jpg"
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    with pytest.raises(OSError, match="truncated"):
        load_image(path)
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
    assert Image.MAX_IMAGE_PIXELS is not None and Image.MAX_IMAGE_PIXELS > 0


def test_thumbnail_keeps_the_aspect_ratio(tmp_path):
    path = save(Image.fromarray(gradient(200, 100)), tmp_path / "wide.jpg")
    thumb = thumbnail(path, 50)
    assert thumb.dtype == np.uint8 and thumb.shape == (25, 50, 3)
    small = save(Image.fromarray(gradient(40, 30)), tmp_path / "small.png")
    assert thumbnail(small, 64).shape == (30, 40, 3)  # never enlarged


def test_resize_array_matches_load_image(tmp_path):
    pixels = gradient(90, 60)
    path = save(Image.fromarray(pixels), tmp_path / "g.png")
    np.testing.assert_array_equal(resize_array(pixels, 32), load_image(path, 32))
