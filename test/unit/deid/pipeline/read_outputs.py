"""Reads de-identified outputs with pydicom, as a researcher's Python would: every element, and
the pixels wherever pydicom 2.3 can decode them without extra plug-ins. Prints one JSON line per
file: {"path", "elements", "pixels": "ok" | "no-handler" | "unknown-transfer-syntax" |
"not-an-image" | "none", "error"}."""
import json
import sys

import pydicom

for path in sys.argv[1:]:
    row = {"path": path, "elements": 0, "pixels": "none", "error": None}
    try:
        ds = pydicom.dcmread(path)  # no force: a valid Part 10 file is required
        for _ in ds.iterall():
            row["elements"] += 1
        str(ds)  # converts every value, sequences and private tags included
        if "PixelData" in ds and "Rows" not in ds:
            row["pixels"] = "not-an-image"  # e.g. a corpus file holding PixelData without image attributes
        elif "PixelData" in ds:
            try:
                ds.pixel_array
                row["pixels"] = "ok"
            except ValueError as exc:
                # pydicom 2.3 predates some transfer syntaxes (e.g. Deflated Image Frame Compression)
                if "not a transfer syntax" not in str(exc):
                    raise
                row["pixels"] = "unknown-transfer-syntax"
            except (NotImplementedError, RuntimeError) as exc:
                # pydicom 2.3 needs plug-ins (pylibjpeg, GDCM) for JPEG-family transfer syntaxes
                if ds.file_meta.TransferSyntaxUID.is_compressed and "handler" in str(exc).lower():
                    row["pixels"] = "no-handler"
                else:
                    raise
    except Exception as exc:  # noqa: BLE001 - every failure is reported, not hidden
        row["error"] = f"{type(exc).__name__}: {exc}"
    print(json.dumps(row))
