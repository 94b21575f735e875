"""Field-level precision/recall of doccheck on generated labelled cases (a script, not a test).

    python bench/accuracy.py [N] [--seed S] [--keep DIR] [-v]

A finding of severity error or warning flags each field in its ``fields``; a mismatch case is
labelled with the fields it should flag, a clean case with none.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fixtures.generator import generate_batch  # noqa: E402

from doccheck.pipeline import CheckOptions, check_case  # noqa: E402


def flagged_fields(report) -> set[str]:
    return {f for finding in report.findings if finding.severity in ("error", "warning") for f in finding.fields}


def evaluate(labels, *, verbose: bool = False) -> dict:
    tp = fp = fn = 0
    clean_total = clean_ok = 0
    problems: Counter[str] = Counter()
    options = CheckOptions(as_of=date(2026, 11, 28))
    for label in labels:
        report = check_case(label.case_dir, options)
        flagged = flagged_fields(report)
        truth = set(label.mutated_fields)
        noisy = [f for f in report.findings if f.severity in ("error", "warning")]
        if not truth:
            clean_total += 1
            clean_ok += not noisy
        tp += len(flagged & truth)
        fp += len(flagged - truth)
        fn += len(truth - flagged)
        for f in flagged - truth:
            problems[f"FP {f}"] += 1
        for f in truth - flagged:
            problems[f"FN {f}"] += 1
        if verbose and (flagged != truth or (not truth and noisy)):
            print(f"{label.case_dir.name}: truth={sorted(truth)} flagged={sorted(flagged)} ({label.notes})")
            for f in noisy:
                print(f"    {f.severity} {f.rule} {f.fields}: {f.message[:200]}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {
        "cases": len(labels),
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "clean_pass_rate": round(clean_ok / clean_total, 3) if clean_total else 1.0,
        "problems": problems.most_common(12),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=60)
    parser.add_argument("--seed", type=int, default=100)
    parser.add_argument("--keep", type=Path, default=None)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or Path(tmp)
        labels = generate_batch(args.n, out, seed=args.seed)
        result = evaluate(labels, verbose=args.verbose)
    for key, value in result.items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
