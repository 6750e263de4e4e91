#!/usr/bin/python3
"""Dump DICOM files as pydicom reads them, for the parser's cross-check test.

Usage: /usr/bin/python3 test/tools/pydicom_dump.py FILE... > dump.json

Prints one JSON object: {"<file>": {"ok": true, "elements": [...]} | {"ok": false, "error": "..."}}.
Each element is {"path", "vr", ...}: "path" is the tag as 8 upper-case hex digits, nested
sequence items as "GGGGEEEE[i].GGGGEEEE"; text VRs carry "value" (list of strings, as pydicom
decodes them, Specific Character Set applied), number VRs "value" (list of numbers; AT as
tag integers), binary VRs "length" and "md5" of the raw value bytes, SQ "items" (count).
File meta elements (group 0002) are listed first. Needs Debian's python3-pydicom (2.x).
"""
import hashlib
import json
import sys
import warnings

import pydicom
from pydicom.multival import MultiValue

TEXT_VRS = {"AE", "AS", "CS", "DA", "DS", "DT", "IS", "LO", "LT", "PN", "SH", "ST", "TM", "UC", "UI", "UR", "UT"}
NUMBER_VRS = {"US", "SS", "UL", "SL", "FL", "FD", "SV", "UV", "AT"}


def tag_hex(tag):
    return f"{int(tag):08X}"


def as_list(value):
    if value is None:
        return []
    if isinstance(value, (list, tuple, MultiValue)):
        return list(value)
    return [value]


def number(v):
    if isinstance(v, float) and v != v:
        return "NaN"
    if isinstance(v, float) and v in (float("inf"), float("-inf")):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def dump_element(elem, path, out):
    vr = elem.VR
    entry = {"path": path, "vr": vr}
    try:
        if vr == "SQ":
            entry["items"] = len(elem.value)
            out.append(entry)
            for i, item in enumerate(elem.value):
                dump_dataset(item, f"{path}[{i}].", out)
            return
        value = elem.value
        if vr in TEXT_VRS:
            entry["value"] = [str(v) for v in as_list(value)]
        elif vr in NUMBER_VRS:
            entry["value"] = [number(int(v) if vr == "AT" else v) for v in as_list(value)]
        else:
            raw = value if isinstance(value, (bytes, bytearray)) else b""
            entry["length"] = len(raw)
            entry["md5"] = hashlib.md5(raw).hexdigest()
    except Exception as error:  # a value pydicom cannot convert: record it, keep going
        entry["error"] = f"{type(error).__name__}: {error}"
    out.append(entry)


def dump_dataset(ds, prefix, out):
    for elem in ds.iterall() if False else ds:
        dump_element(elem, prefix + tag_hex(elem.tag), out)


def dump_file(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ds = pydicom.dcmread(path, force=True)
        out = []
        meta = getattr(ds, "file_meta", None)
        if meta is not None:
            dump_dataset(meta, "", out)
        dump_dataset(ds, "", out)
    return {"ok": True, "elements": out}


def main(paths):
    result = {}
    for path in paths:
        try:
            result[path] = dump_file(path)
        except Exception as error:
            result[path] = {"ok": False, "error": f"{type(error).__name__}: {error}"}
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
