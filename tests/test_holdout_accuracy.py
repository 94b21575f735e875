"""Accuracy on the independent held-out simulation (bench/holdout: other templates, wordings, layouts).

bench/holdout was written apart from fixtures/generator to measure generalisation, not to tune on.
30 cases keep the suite quick; `python -m bench.holdout.evaluate` on 80+ cases gives the full picture.
"""

from __future__ import annotations

import json

from bench.holdout.make_cases import main as make_cases
from conftest import flagged
from doccheck.pipeline import CheckOptions, check_case
from datetime import date


def test_holdout_simulation_precision_recall_and_clean_rate(tmp_path):
    make_cases([str(tmp_path / "ho"), "--n", "30", "--seed", "20261128"])
    tmp_path = tmp_path / "ho"
    labels = json.loads((tmp_path / "labels.json").read_text(encoding="utf-8"))
    tp = fp = fn = clean = clean_ok = 0
    for case, label in labels.items():
        report = check_case(tmp_path / case, CheckOptions(as_of=date(2026, 11, 28))).model_dump(mode="json")
        got, truth = flagged(report), set(label["flagged"])
        tp, fp, fn = tp + len(got & truth), fp + len(got - truth), fn + len(truth - got)
        if not truth:
            clean += 1
            clean_ok += not got and not [f for f in report["findings"] if f["severity"] != "info"]
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    print(f"\nholdout simulation, 30 cases: precision {precision:.3f} recall {recall:.3f} clean {clean_ok}/{clean}")
    assert recall >= 0.9 and precision >= 0.85 and clean_ok / clean >= 0.9
