"""Reference output of CLIP's image preprocessing, computed with Pillow.

Usage: python3 pil_clip_preprocess.py IMAGE OUT [IMAGE OUT ...]

Writes, for each IMAGE, the float32 little-endian tensor [3, 224, 224] that OpenAI CLIP's
transform (torchvision Resize(224, BICUBIC), CenterCrop(224), convert("RGB"),
ToTensor, Normalize) gives for IMAGE. torchvision and numpy are not needed:
the resize and crop call Pillow as torchvision does, and the float steps
round to float32 after each operation as torch does.
"""
import struct
import sys

from PIL import Image

SIZE = 224
MEAN = (0.48145466, 0.4578275, 0.40821073)
STD = (0.26862954, 0.26130258, 0.27577711)


def f32(value):
    return struct.unpack("<f", struct.pack("<f", value))[0]


def resized_size(width, height):
    short, long = (width, height) if width <= height else (height, width)
    new_long = int(SIZE * long / short)
    return (SIZE, new_long) if width <= height else (new_long, SIZE)


def main(source, target):
    image = Image.open(source)
    image.load()
    size = resized_size(*image.size)
    if size != image.size:
        image = image.resize(size, Image.BICUBIC)

    width, height = image.size
    top = int(round((height - SIZE) / 2.0))
    left = int(round((width - SIZE) / 2.0))
    image = image.crop((left, top, left + SIZE, top + SIZE)).convert("RGB")

    pixels = image.tobytes()
    out = bytearray()
    for channel in range(3):
        mean = f32(MEAN[channel])
        std = f32(STD[channel])
        table = [f32(f32(f32(v / 255) - mean) / std) for v in range(256)]
        values = [table[pixels[i * 3 + channel]] for i in range(SIZE * SIZE)]
        out += struct.pack("<%df" % len(values), *values)
    with open(target, "wb") as handle:
        handle.write(out)


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if len(arguments) == 0 or len(arguments) % 2 != 0:
        sys.exit("usage: pil_clip_preprocess.py IMAGE OUT [IMAGE OUT ...]")
    for index in range(0, len(arguments), 2):
        main(arguments[index], arguments[index + 1])
