"""The signature column read in black print: a red seal and a blue signature over the signer's
name made Tesseract drop the name (a scanned notice, 2025)."""
import numpy as np
from PIL import Image, ImageDraw

from pipeline.readers.ocr import black_print


def _stamped_page() -> Image.Image:
    page = Image.new("RGB", (400, 200), "white")
    draw = ImageDraw.Draw(page)
    draw.rectangle((20, 90, 380, 110), fill=(0, 0, 0))  # a line of black print
    draw.ellipse((100, 40, 220, 160), outline=(220, 30, 40), width=8)  # the seal's rim over it
    draw.line((150, 80, 330, 120), fill=(40, 60, 230), width=4)  # the signature's stroke
    return page


def test_coloured_ink_turns_white_and_black_print_stays():
    page = _stamped_page()
    out = np.asarray(black_print(page))
    assert (out[100, 30] == 0).all() and (out[100, 370] == 0).all()  # the print either side of the seal
    assert (out[44, 160] == 255).all()  # the seal's rim above the print is gone
    assert (out[90:111, 20:381].min(axis=2) == 0).mean() > 0.8  # the print mostly there, under the strokes too
    assert not ((out.max(axis=2).astype(int) - out.min(axis=2)) > 60).any()  # no colour left

def test_a_page_without_colour_is_left_to_the_plain_reading():
    page = Image.new("RGB", (100, 50), "white")
    ImageDraw.Draw(page).rectangle((10, 20, 90, 30), fill=(20, 20, 20))
    assert black_print(page) is None and black_print(page.convert("L")) is None
