#!/usr/bin/python3
"""MD5 of each encapsulated frame as pydicom splits them, for the parser's frame test.

Usage: /usr/bin/python3 test/tools/pydicom_frames.py FILE... > frames.json
Prints {"<file>": ["<md5 of frame 1>", ...]}; pydicom 2.x generate_pixel_data_frame uses the
Basic Offset Table, else one frame per fragment or JPEG EOI markers.
"""
import hashlib
import json
import sys
import warnings

import pydicom
from pydicom.encaps import generate_pixel_data_frame


def frames(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ds = pydicom.dcmread(path)
        count = int(getattr(ds, "NumberOfFrames", 1) or 1)
        return [hashlib.md5(f).hexdigest() for f in generate_pixel_data_frame(ds.PixelData, count)]


print(json.dumps({path: frames(path) for path in sys.argv[1:]}))
