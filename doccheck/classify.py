"""Which kind of document is this? Scored from its content; the file name is a weak hint."""

from __future__ import annotations

from pathlib import PurePath

from doccheck.extract.knowledge import fold, kind_signals
from doccheck.readers.base import RawDocument

_SAMPLE_CHARS = 12_000


def classify(doc: RawDocument) -> tuple[str, float]:
    """The document kind (report contract list) and a 0..1 confidence."""
    scores = score_kinds(doc)
    config = kind_signals()
    best_kind, best = max(scores.items(), key=lambda item: item[1])
    if best < config["min_score"]:
        return "other", 0.3
    ordered = sorted(scores.values(), reverse=True)
    margin = best - (ordered[1] if len(ordered) > 1 else 0.0)
    confidence = min(0.99, 0.5 + 0.1 * margin + 0.03 * best)
    return best_kind, round(confidence, 2)


def score_kinds(doc: RawDocument) -> dict[str, float]:
    config = kind_signals()
    text = fold(_sample(doc))
    name = fold(PurePath(doc.rel_path).stem)
    present = config["needles"].first_starts(text)  # every signal's needed strings, looked for at once
    by_word = config["by_word"]
    hit = set(config["always"])
    for word in present:
        hit.update(by_word[word])
    scores: dict[str, float] = dict.fromkeys(config["kinds"], 0)
    signals = config["signals"]
    for number in sorted(hit):  # only the signals whose strings the text holds, in their listed order
        kind, parts, weight = signals[number]
        for part in parts:  # the signal, or its alternatives: the first that matches counts it
            needs = part.needs  # the pre-filter first: most stop at it
            if (needs is None or not needs.isdisjoint(present)) and part.search_filtered(text, text, True, present):  # the text is folded
                scores[kind] += weight
                break
    for kind, (_, filename) in config["kinds"].items():
        if filename is not None and filename.search(name):
            scores[kind] += config["filename_weight"]
    if doc.form and doc.form.upper().startswith("IMM"):
        scores["work_permit_application"] += 10
    return scores


def _sample(doc: RawDocument) -> str:
    parts: list[str] = []
    size = 0
    for page in doc.pages[:4]:
        for line in page.lines:
            parts.append(line)
            size += len(line)
            if size > _SAMPLE_CHARS:
                break
    parts.extend(f"{v.name} {v.label}" for v in doc.form_values[:200])
    return "\n".join(parts)
