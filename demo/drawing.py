"""The demo's illustrations, drawn with Pillow (nothing is downloaded): an
800×450 JPEG of sky, sun, hills, sea or fields and houses with the topic name
on it, and the alt text that describes it.
"""

import io
import math
import random

from PIL import Image, ImageDraw, ImageFont

IMAGE_SIZE = (800, 450)


def mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def draw_hills(draw, rng, base_y, colour, amplitude):
    phase, freq = rng.uniform(0, 2 * math.pi), rng.uniform(0.005, 0.011)
    points = [(0, IMAGE_SIZE[1])]
    for x in range(0, IMAGE_SIZE[0] + 20, 20):
        y = base_y - amplitude * (math.sin(x * freq + phase) + 0.4 * math.sin(x * freq * 2.3 + phase * 1.7))
        points.append((x, y))
    points.append((IMAGE_SIZE[0], IMAGE_SIZE[1]))
    draw.polygon(points, fill=colour)


def draw_sea(draw, top, colour):
    width, height = IMAGE_SIZE
    draw.rectangle((0, top, width, height), fill=colour)
    crest = mix(colour, (255, 255, 255), 0.3)
    for row in range(5):
        y = top + 14 + row * 22
        for x in range(-40 + (row % 2) * 30, width, 60):
            draw.arc((x, y, x + 40, y + 14), 200, 340, fill=crest, width=3)


def draw_house(draw, x, ground, size, roof, stilts):
    """A small house; on stilts by the sea, as most coastal houses here are."""
    wall = (250, 244, 232)
    body_top = ground - size * (1.05 if stilts else 0.75)
    if stilts:
        for leg in (x + size * 0.1, x + size * 0.85):
            draw.rectangle((leg, ground - size * 0.35, leg + 3, ground), fill=mix(roof, (0, 0, 0), 0.3))
    draw.rectangle((x, body_top, x + size, body_top + size * 0.7), fill=wall)
    draw.polygon([(x - size * 0.15, body_top), (x + size / 2, body_top - size * 0.5),
                  (x + size * 1.15, body_top)], fill=roof)
    draw.rectangle((x + size * 0.4, body_top + size * 0.3, x + size * 0.6, body_top + size * 0.7),
                   fill=mix(roof, (0, 0, 0), 0.3))


LABEL_FONT = ImageFont.load_default(size=60)  # Pillow's bundled font: no system fonts needed
LABEL_AT = (46, 44)


def label_box(text):
    left, top, right, bottom = LABEL_FONT.getbbox(text, stroke_width=1)
    x, y = LABEL_AT
    return (x - 20, y - 16, x + right - left + 20, y + bottom - top + 22)


def draw_label(image, text, dark):
    """The topic name, large, on a translucent band, so the picture reads as an illustration."""
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    left, top, _, _ = LABEL_FONT.getbbox(text, stroke_width=1)
    draw.rounded_rectangle(label_box(text), radius=16, fill=mix(dark, (0, 0, 0), 0.35) + (200,))
    x, y = LABEL_AT
    draw.text((x - left, y - top), text, font=LABEL_FONT, fill="white", stroke_width=1, stroke_fill="white")
    return Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")


def illustration(label, light, dark, by_the_sea, seed):
    """An 800×450 JPEG: gradient sky, sun, hills, sea or fields, houses, topic name."""
    rng = random.Random(seed)
    width, height = IMAGE_SIZE
    sky = mix(light, (255, 255, 255), 0.5)
    strip = Image.new("RGB", (1, height))
    for y in range(height):
        strip.putpixel((0, y), mix(sky, light, y / (height - 1)))
    image = strip.resize(IMAGE_SIZE)
    draw = ImageDraw.Draw(image)

    # The sun keeps clear of the label: beside it when there is room, else below it.
    r = rng.randint(32, 46)
    label_right, label_bottom = label_box(label)[2], label_box(label)[3]
    if label_right + 2 * r + 40 <= width - r - 30:
        sx, sy = rng.randint(max(470, label_right + r + 40), width - r - 30), rng.randint(70, 140)
    else:
        sx, sy = rng.randint(470, width - r - 30), rng.randint(label_bottom + r + 20, label_bottom + r + 45)
    draw.ellipse((sx - r - 14, sy - r - 14, sx + r + 14, sy + r + 14), fill=mix(sky, (255, 250, 220), 0.6))
    draw.ellipse((sx - r, sy - r, sx + r, sy + r), fill=(255, 242, 196))

    draw_hills(draw, rng, rng.randint(250, 285), mix(dark, light, 0.6), rng.randint(25, 45))
    draw_hills(draw, rng, rng.randint(305, 330), mix(dark, light, 0.3), rng.randint(12, 28))
    ground = 345 if by_the_sea else 365
    if by_the_sea:
        draw_sea(draw, ground, mix((30, 105, 170), dark, 0.2))
    else:
        draw_hills(draw, rng, ground + 10, dark, rng.randint(6, 14))

    slots = rng.sample(range(60, width - 80, 95), rng.randint(2, 4))
    for x in slots:
        draw_house(draw, x + rng.randint(-15, 15), ground, rng.randint(26, 38),
                   mix(dark, (90, 40, 30), 0.4), stilts=by_the_sea)

    if label:
        image = draw_label(image, label, dark)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=70, optimize=True)
    return out.getvalue()


def logo(initial, colour):
    """A demo KIM's logo: a round badge in its colour with its initial and
    "KIM", on a transparent background (PNG, as logos often are)."""
    size = 512
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, size - 8, size - 8), fill=colour)
    draw.ellipse((44, 44, size - 44, size - 44), outline="white", width=12)
    draw.text((size / 2, 236), initial, font=ImageFont.load_default(size=230), fill="white", anchor="mm")
    draw.text((size / 2, 382), "KIM", font=ImageFont.load_default(size=62), fill="white", anchor="mm")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def alt_text(topic, by_the_sea):
    """What illustration() drew for this TopicSeed, for screen readers."""
    scene = (
        "matahari, perbukitan, laut berombak, dan rumah-rumah panggung di tepi pantai"
        if by_the_sea
        else "matahari, perbukitan berlapis, dan beberapa rumah kecil di lereng"
    )
    return f"Gambar ilustrasi berwarna {topic.colour} bertuliskan “{topic.name}”, dengan {scene}."
