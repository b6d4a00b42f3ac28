"""Cross-language convergence of the IR on fixtures/convergence (the same 12 functions written
idiomatically in all 16 grammars).

For every pair of languages and every function, the similarity of the two lowered versions is
compared with that of each non-corresponding function of similar size; the share of such
comparisons won is reported overall and per language (1.0 = every corresponding pair beats
every non-corresponding one).

    python bench/convergence.py [--out FILE]
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path

from provenance.ir.convergence import convergence, load_functions

REPO = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=RESULTS / "convergence.json")
    args = parser.parse_args()
    report = convergence(load_functions(REPO / "fixtures" / "convergence"))
    print(f"functions {report.functions}, languages {report.languages}")
    means = f"corresponding {report.corresponding_mean:.3f}, others {report.other_mean:.3f}"
    print(f"mean similarity: {means}")
    print(f"corresponding beats non-corresponding of similar size: {report.auc:.1%}")
    for language, share in report.per_language_auc.items():
        print(f"  {language:<11} {share:.1%}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(asdict(report), indent=2) + "\n")


if __name__ == "__main__":
    main()
