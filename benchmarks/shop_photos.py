"""How long verifying and re-encoding a shopper's photo takes inside the upload request (issue 4).

Every upload is decoded completely, turned upright, shrunk to at most 2560 px and re-encoded, in
the web request. The worst realistic case is a full-size phone photo that the phone could not
shrink first (12 MP JPEG, also as WebP and PNG); a decompression bomb must be refused before any
pixels are decoded. Camera noise is simulated, because flat images compress unrealistically well.

    .venv/bin/python benchmarks/shop_photos.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import platform
import statistics
import time

from PIL import Image

from surveyor.services.shops.photos import PhotoRejected, clean_image


def camera_photo(image_format: str, size=(4000, 3000)) -> bytes:
    noise = Image.effect_noise(size, 40).convert("RGB")
    gradient = Image.linear_gradient("L").resize(size).convert("RGB")
    image = Image.blend(noise, gradient, 0.6)
    exif = Image.Exif()
    exif[0x0112] = 6
    out = io.BytesIO()
    options = {"quality": 90, "exif": exif} if image_format in ("JPEG", "WEBP") else {}
    image.save(out, format=image_format, **options)
    return out.getvalue()


def bomb() -> bytes:
    out = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(out, format="PNG")
    return out.getvalue()


def timed(data: bytes, repeat: int) -> list[float]:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        with contextlib.suppress(PhotoRejected):
            clean_image(io.BytesIO(data))
        runs.append(time.perf_counter() - start)
    return runs


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    cases = {
        "2048 px JPEG (as the phone sends it)": camera_photo("JPEG", (2048, 1536)),
        "12 MP JPEG": camera_photo("JPEG"),
        "12 MP WebP": camera_photo("WEBP"),
        "3 MP PNG": camera_photo("PNG", (2048, 1536)),
        "400 MP PNG bomb": bomb(),
    }
    print(f"Python {platform.python_version()}, {args.repeat} runs each")
    print("| Upload | Size | Median | Min | Max |")
    print("|---|---|---|---|---|")
    for name, data in cases.items():
        runs = timed(data, args.repeat)
        print(
            f"| {name} | {len(data) / 1e6:.1f} MB | {statistics.median(runs):.3f} s "
            f"| {min(runs):.3f} s | {max(runs):.3f} s |"
        )


if __name__ == "__main__":
    main()
