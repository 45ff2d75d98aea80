#!/usr/bin/env python3
"""Draws the web app's icons (src/main/resources/public/icons/) with the standard library alone: a white quill
on Scriptorium's blue. Run it again after changing the drawing: python3 docs/draw-icons.py"""
import math
import struct
import zlib
from pathlib import Path

BLUE = (31, 95, 168)
INK = (15, 52, 96)
WHITE = (255, 255, 255)
OUT = Path(__file__).resolve().parent.parent / "src/main/resources/public/icons"


def inside_feather(x, y):
    """The quill, in a unit square: a leaf-shaped vane along a diagonal, and its shaft."""
    # Rotate so that the feather's axis is vertical.
    a = math.radians(-40)
    u = (x - 0.5) * math.cos(a) - (y - 0.5) * math.sin(a)
    v = (x - 0.5) * math.sin(a) + (y - 0.5) * math.cos(a)
    if -0.34 <= v <= 0.26:
        t = (v + 0.34) / 0.60              # 0 at the tip, 1 at the base of the vane
        half = 0.13 * math.sin(math.pi * min(1.0, t * 0.95 + 0.05)) ** 0.8
        if abs(u) <= half and not (abs(u) < 0.012 and v > -0.30):
            return WHITE
    if abs(u) < 0.014 and -0.30 < v < 0.38:
        return INK if v <= 0.26 else WHITE
    return None


def pixel(x, y, rounded, size):
    if rounded:  # a rounded square with transparent corners ("any" icons)
        r = 0.2
        cx = min(max(x, r), 1 - r)
        cy = min(max(y, r), 1 - r)
        if (x - cx) ** 2 + (y - cy) ** 2 > r * r:
            return None
    scale = 1.0 if rounded else 0.8       # maskable: the drawing stays in the safe zone
    colour = inside_feather(0.5 + (x - 0.5) / scale, 0.5 + (y - 0.5) / scale)
    return colour or BLUE


def draw(size, rounded):
    rows = []
    n = 3  # 3 x 3 samples a pixel: smooth edges
    for j in range(size):
        row = bytearray([0])
        for i in range(size):
            acc = [0, 0, 0, 0]
            for sj in range(n):
                for si in range(n):
                    c = pixel((i + (si + 0.5) / n) / size, (j + (sj + 0.5) / n) / size, rounded, size)
                    if c:
                        acc[0] += c[0]; acc[1] += c[1]; acc[2] += c[2]; acc[3] += 255
            cover = acc[3] / 255
            row += bytes([int(acc[0] / cover) if cover else 0, int(acc[1] / cover) if cover else 0,
                          int(acc[2] / cover) if cover else 0, int(acc[3] / (n * n))])
        rows.append(bytes(row))
    return png(size, b"".join(rows))


def png(size, raw):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for name, size, rounded in [("icon-32.png", 32, True), ("icon-180.png", 180, False),
                                ("icon-192.png", 192, True), ("icon-512.png", 512, True),
                                ("maskable-512.png", 512, False)]:
        (OUT / name).write_bytes(draw(size, rounded))
        print("wrote", OUT / name)
