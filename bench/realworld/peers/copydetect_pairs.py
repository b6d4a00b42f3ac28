"""copydetect similarity for every (reference, test) file pair, as JSON on stdout.

Runs in the copydetect virtual environment that `bench/realworld/peers.py --install` makes
(copydetect is not a dependency of the project):

    VENV/bin/python copydetect_pairs.py REF_DIR TEST_DIR --ext js,mjs [--language javascript]

Prints {"pairs": [{"a": ref path, "b": test path, "test_share", "ref_share", "overlap"}],
"files": {"a", "b"}, "seconds"}, paths relative to their directory. `test_share` is the share
of the test file's fingerprints found in the reference file (copydetect's headline figure).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import time
from pathlib import Path

from copydetect import CopyDetector


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("ref", type=Path)
    parser.add_argument("test", type=Path)
    parser.add_argument("--ext", default="js,mjs,cjs")
    parser.add_argument("--language", default=None)
    args = parser.parse_args()
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        detector = CopyDetector(
            test_dirs=[str(args.test)],
            ref_dirs=[str(args.ref)],
            extensions=args.ext.split(","),
            display_t=0.0,
            autoopen=False,
            silent=True,
            force_language=args.language,
        )
        detector.run()
    seconds = time.perf_counter() - started
    pairs = []
    matrix = detector.similarity_matrix
    overlap = detector.token_overlap_matrix
    for i, test in enumerate(detector.test_files):
        for j, ref in enumerate(detector.ref_files):
            if len(matrix) == 0 or matrix[i, j, 0] < 0:
                continue
            pairs.append({
                "a": Path(ref).relative_to(args.ref).as_posix(),
                "b": Path(test).relative_to(args.test).as_posix(),
                "test_share": float(matrix[i, j, 0]),
                "ref_share": float(matrix[i, j, 1]),
                "overlap": int(overlap[i, j]),
            })
    json.dump({
        "pairs": pairs,
        "files": {"a": len(detector.ref_files), "b": len(detector.test_files)},
        "seconds": seconds,
    }, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
