#!/usr/bin/python3
"""Compare DICOM files before and after Enclave's rewrite (toEditable + serializePart10), as pydicom reads them.

Usage: /usr/bin/python3 test/unit/dicom/edit/pydicom_compare.py INPUT OUTPUT [INPUT OUTPUT ...] > result.json

Prints {"<output>": {"differences": [...], "pixels": "equal" | "skipped: ..." | "differ: ..."}}.
The output is read WITHOUT force (it must be a proper Part 10 file) and every element is accessed.
Allowed differences (the serializer's documented conversions): retired group lengths (gggg,0000)
dropped; UN that we expanded into SQ (its contents are then compared through the re-parse in the
TypeScript test instead); value padding; binary values of a big-endian input swapped to little
endian; the meta group (transfer syntax and media storage UIDs are rewritten by design).
Pixel values (ds.pixel_array) must be equal wherever pydicom decodes the input.
"""
import json
import sys
import warnings

import numpy
import pydicom

SWAP = {"US": 2, "SS": 2, "OW": 2, "AT": 2, "UL": 4, "SL": 4, "FL": 4, "OF": 4, "OL": 4,
        "FD": 8, "OD": 8, "SV": 8, "UV": 8, "OV": 8}


def strip(value):
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).rstrip(b"\0 ")
    if isinstance(value, str):
        return value.strip(" \0")
    if isinstance(value, (list, tuple, pydicom.multival.MultiValue)):
        return [strip(v) for v in value]
    return value


def swapped(raw, vr):
    unit = SWAP.get(vr)
    if not unit or len(raw) % unit:
        return raw
    return numpy.frombuffer(raw, dtype=f">u{unit}").astype(f"<u{unit}").tobytes()


def compare(a, b, big_endian, prefix, out):
    a_tags = {e.tag for e in a if e.tag.element != 0}
    b_tags = {e.tag for e in b}
    for tag in sorted(a_tags - b_tags):
        out.append(f"{prefix}{int(tag):08X}: missing")
    for tag in sorted(b_tags - a_tags):
        out.append(f"{prefix}{int(tag):08X}: unexpected")
    for tag in sorted(a_tags & b_tags):
        ea, eb = a[tag], b[tag]
        path = f"{prefix}{int(tag):08X}"
        if ea.VR != eb.VR:
            if not (ea.VR == "UN" and eb.VR == "SQ"):
                out.append(f"{path}: VR {eb.VR}, input {ea.VR}")
            continue
        va, vb = ea.value, eb.value  # accessing the value converts it: every element is read
        if ea.VR == "SQ":
            if len(va) != len(vb):
                out.append(f"{path}: {len(vb)} items, input {len(va)}")
            for i, (ia, ib) in enumerate(zip(va, vb)):
                compare(ia, ib, big_endian, f"{path}[{i}].", out)
            continue
        if isinstance(va, (bytes, bytearray)) and big_endian:
            va = swapped(bytes(va), ea.VR)
        if strip(va) != strip(vb):
            out.append(f"{path}: value differs")


def pixels(a, b):
    if "PixelData" not in a:
        return "skipped: no pixel data"
    try:
        pa = a.pixel_array
    except Exception as error:  # pydicom cannot decode the input natively (no handler)
        return f"skipped: input not decodable ({type(error).__name__})"
    pb = b.pixel_array
    if pa.shape != pb.shape or not numpy.array_equal(pa, pb):
        return f"differ: shapes {pa.shape} {pb.shape}"
    return "equal"


def main(args):
    result = {}
    for source, output in zip(args[0::2], args[1::2]):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                a = pydicom.dcmread(source, force=True)
                b = pydicom.dcmread(output)
                differences = []
                compare(a, b, not a.is_little_endian, "", differences)
                result[output] = {"differences": differences, "pixels": pixels(a, b)}
            except Exception as error:
                result[output] = {"error": f"{type(error).__name__}: {error}"}
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
