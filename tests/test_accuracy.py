"""Field-level precision and recall on 50 generated, labelled case folders (real PDF and DOCX files).

The generator varies templates, wordings, layouts, value forms and file names; a mismatch case is
labelled with the field it changed in one document. A finding of severity error or warning flags
each field it names. The figures are printed (run with -s to see them) and held to a floor.
"""

from __future__ import annotations

from bench.accuracy import evaluate
from fixtures.generator import generate_batch


def test_generated_cases_reach_precision_and_recall_floor(tmp_path):
    labels = generate_batch(50, tmp_path, seed=20261128)
    assert len(labels) == 50
    result = evaluate(labels)
    print(f"\naccuracy on 50 generated cases: {result}")
    assert result["recall"] >= 0.95, result
    assert result["precision"] >= 0.9, result
    assert result["clean_pass_rate"] >= 0.9, result
