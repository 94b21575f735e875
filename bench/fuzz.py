"""Mutation fuzzing of the readers and extraction on the bundled fixture PDFs and DOCX files (a script, not a test).

    python bench/fuzz.py --iterations 2000 --seed 1 [--time-limit 10] [--max-pages 20] [--ocr] [--out DIR] [-v]

Steps, for each iteration:

1. pick a seed file from ``fixtures/cases/**`` (PDF or DOCX; the unreadable ones too) and one mutator;
2. mutate its bytes: bit flips, interesting bytes, truncation, chunk deletion / duplication,
   a splice from another fixture, a PDF number token replaced by an extreme value, or, for a DOCX,
   one zip member's XML mutated, truncated or made hostile (deep nesting, a DOCTYPE) and the zip
   rebuilt so the container stays valid and the damage reaches the XML parser;
3. write the mutant to a temporary case folder and run ``doccheck.pipeline.read_and_extract`` on it
   in-process, with the per-file time limit (SIGALRM) the CLI uses;
4. classify the outcome: ``read`` (a Document of a real kind), ``unreadable`` (a Document of kind
   unreadable, with its reason), ``generic`` (unreadable, but the reason is only the class name of
   an exception the pipeline's catch-all caught: a reader bug with a bad message), ``timeout``
   (the per-file limit fired) or ``crash`` (an exception escaped ``read_and_extract``).

Before each run the mutant is also written to ``OUT/current.bin``, so an input that kills the
interpreter (a segfault in a native library) is not lost. Crashing, generic and timing-out inputs are
saved under ``OUT`` (default: a new temporary folder) and their paths printed. Exit status: 1 when any
input crashed, else 0. The same ``--seed`` always produces the same inputs.
"""

from __future__ import annotations

import argparse
import io
import logging
import random
import re
import shutil
import sys
import tempfile
import time
import traceback
import warnings
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from doccheck.pipeline import CheckOptions, read_and_extract  # noqa: E402

INTERESTING_BYTES = b"\x00\xff\x7f\x80()<>/[]%\n\r 0123456789-."
INTERESTING_NUMBERS = [b"0", b"-1", b"1", b"65535", b"2147483647", b"4294967296", b"99999999999999999999", b"-2147483648", b"3.4e38"]
# A reason that names an exception class or an errno instead of the damage: a reader bug with a bad message.
GENERIC_REASON = re.compile(r"could not be read \((\w+)\)|cannot open (?:the )?file:? \(?(?:Invalid argument|\[Errno)")

Mutator = Callable[[bytes, random.Random, list[bytes]], bytes]


# --- byte-level mutators ----------------------------------------------------------------------------


def bit_flips(data: bytes, rng: random.Random, _pool: list[bytes]) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        i = rng.randrange(len(out))
        out[i] ^= 1 << rng.randrange(8)
    return bytes(out)


def interesting_bytes(data: bytes, rng: random.Random, _pool: list[bytes]) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        out[rng.randrange(len(out))] = rng.choice(INTERESTING_BYTES)
    return bytes(out)


def truncate(data: bytes, rng: random.Random, _pool: list[bytes]) -> bytes:
    return data[: rng.randrange(len(data))]


def delete_chunk(data: bytes, rng: random.Random, _pool: list[bytes]) -> bytes:
    start = rng.randrange(len(data))
    return data[:start] + data[start + rng.randint(1, 1024) :]


def duplicate_chunk(data: bytes, rng: random.Random, _pool: list[bytes]) -> bytes:
    start = rng.randrange(len(data))
    chunk = data[start : start + rng.randint(1, 2048)]
    at = rng.randrange(len(data))
    return data[:at] + chunk * rng.randint(1, 8) + data[at:]


def splice(data: bytes, rng: random.Random, pool: list[bytes]) -> bytes:
    other = rng.choice(pool)
    start = rng.randrange(len(other))
    at = rng.randrange(len(data))
    return data[:at] + other[start : start + rng.randint(16, 4096)] + data[at + rng.randint(0, 256) :]


def number_token(data: bytes, rng: random.Random, _pool: list[bytes]) -> bytes:
    """Replace a few decimal tokens (object numbers, /Length, xref offsets, /Count) with extreme values."""
    spans = [m.span() for m in re.finditer(rb"(?<![0-9A-Za-z])\d{1,10}(?![0-9A-Za-z])", data[:2_000_000])]
    if not spans:
        return bit_flips(data, rng, _pool)
    out = data
    for start, end in sorted(rng.sample(spans, min(len(spans), rng.randint(1, 4))), reverse=True):
        out = out[:start] + rng.choice(INTERESTING_NUMBERS) + out[end:]
    return out


BYTE_MUTATORS: dict[str, Mutator] = {
    "bit_flips": bit_flips,
    "interesting_bytes": interesting_bytes,
    "truncate": truncate,
    "delete_chunk": delete_chunk,
    "duplicate_chunk": duplicate_chunk,
    "splice": splice,
    "number_token": number_token,
}


# --- DOCX zip-member mutators (the container stays a valid zip) ----------------------------------------


def _hostile_xml(xml: bytes, rng: random.Random) -> bytes:
    choice = rng.randrange(4)
    if choice == 0:  # deep nesting of paragraphs / tables inside the body
        tag = rng.choice([b"w:p", b"w:tbl", b"w:sdt", b"w:r"])
        depth = rng.choice([50, 500, 5000, 50000])
        nest = b"".join(b"<" + tag + b">" for _ in range(depth)) + b"".join(b"</" + tag + b">" for _ in range(depth))
        at = xml.find(b"<w:body>")
        return xml[: at + 8] + nest + xml[at + 8 :] if at >= 0 else nest + xml
    if choice == 1:  # a DOCTYPE with an entity used in the text
        head = b'<!DOCTYPE w:document [<!ENTITY x "xxxxxxxxxx"><!ENTITY y "&x;&x;&x;&x;&x;&x;&x;&x;">]>'
        body = xml.split(b"?>", 1)[-1].replace(b"<w:t>", b"<w:t>&y;", 1)
        return head + body
    if choice == 2:  # a very long run of text
        at = xml.find(b"<w:t>")
        filler = (b"$1,000 per hour 2027-03-01 Toronto ON " * rng.choice([100, 10_000, 50_000]))
        return xml[: at + 5] + filler + xml[at + 5 :] if at >= 0 else xml + filler
    return xml.replace(b"<w:t", b"<w:t xml:space='preserve'><w:t", rng.randint(1, 5))  # unbalanced tags


def docx_member(data: bytes, rng: random.Random, pool: list[bytes]) -> bytes:
    """Mutate one member of the package (document.xml most often) and rebuild the zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = [(info, zf.read(info)) for info in zf.infolist()]
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return bit_flips(data, rng, pool)
    names = [info.filename for info, _ in members]
    target = "word/document.xml" if "word/document.xml" in names and rng.random() < 0.6 else rng.choice(names)
    action = rng.choice(["bytes", "bytes", "truncate", "hostile", "drop", "duplicate_name"])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zw:
        for info, content in members:
            if info.filename != target:
                zw.writestr(info.filename, content)
                continue
            if action == "drop":
                continue
            if action == "bytes":
                content = rng.choice([bit_flips, interesting_bytes, delete_chunk, duplicate_chunk])(content or b" ", rng, pool)
            elif action == "truncate":
                content = content[: rng.randrange(len(content) or 1)]
            elif action == "hostile":
                content = _hostile_xml(content, rng)
            zw.writestr(info.filename, content)
            if action == "duplicate_name":
                zw.writestr(info.filename, b"<broken")
    return out.getvalue()


# --- the loop ---------------------------------------------------------------------------------------------


@dataclass
class Tally:
    runs: int = 0
    outcomes: Counter = field(default_factory=Counter)
    by_mutator: Counter = field(default_factory=Counter)  # (mutator, outcome) -> count
    reasons: Counter = field(default_factory=Counter)
    saved: list[tuple[str, Path, str]] = field(default_factory=list)  # (outcome, path, detail)
    seconds: float = 0.0
    slowest: tuple[float, str] = (0.0, "")


def seed_files() -> list[Path]:
    files = sorted(p for p in (ROOT / "fixtures" / "cases").rglob("*") if p.suffix.lower() in (".pdf", ".docx") and p.is_file())
    return [p for p in files if p.stat().st_size > 0]


def mutate(path: Path, data: bytes, rng: random.Random, pool: list[bytes]) -> tuple[str, bytes]:
    names = list(BYTE_MUTATORS)
    if data.startswith(b"PK"):
        names += ["docx_member"] * 4  # DOCX: most mutations go through the zip so the XML is reached
    name = rng.choice(names)
    mutator = docx_member if name == "docx_member" else BYTE_MUTATORS[name]
    mutant = mutator(data, rng, pool)
    if rng.random() < 0.25:  # stack a second byte mutation now and then
        mutant = rng.choice(list(BYTE_MUTATORS.values()))(mutant or b"\0", rng, pool)
    return name, mutant


def classify(document) -> tuple[str, str]:
    if document.kind != "unreadable":
        return "read", document.kind
    reason = "; ".join(document.errors)
    if "took longer than" in reason:
        return "timeout", reason
    if GENERIC_REASON.search(reason):
        return "generic", reason
    return "unreadable", reason


def run_one(mutant: bytes, suffix: str, work: Path, options: CheckOptions) -> tuple[str, str, float]:
    case = work / "case"
    shutil.rmtree(case, ignore_errors=True)
    case.mkdir()
    path = case / f"mutant{suffix}"
    path.write_bytes(mutant)
    start = time.perf_counter()
    try:
        result = read_and_extract(path, path.name, options)
        outcome, detail = classify(result.document)
    except Exception:  # noqa: BLE001 - this is what the fuzzer looks for
        outcome, detail = "crash", traceback.format_exc()
    return outcome, detail, time.perf_counter() - start


def warm_up(seeds: list[Path], work: Path, options: CheckOptions) -> None:
    """Read every seed once, unmutated, and load both spaCy pipelines (the French one takes ~15 s):
    lazy imports are not charged to the first mutant that needs them."""
    from doccheck.extract.nlp import pipeline

    pipeline("en")
    pipeline("fr")
    for path in seeds:
        outcome, detail, _ = run_one(path.read_bytes(), path.suffix, work, CheckOptions(max_pages=options.max_pages, ocr=False, file_timeout=0))
        if outcome == "crash":
            print(f"seed {path} crashes unmutated:\n{detail}", flush=True)


def fuzz(iterations: int, seed: int, out: Path, options: CheckOptions, verbose: bool = False) -> Tally:
    rng = random.Random(seed)
    seeds = seed_files()
    pool = [p.read_bytes() for p in seeds]
    tally = Tally()
    work = Path(tempfile.mkdtemp(prefix="doccheck-fuzz-work-"))
    current = out / "current.bin"
    warm_up(seeds, work, options)
    began = time.perf_counter()
    try:
        for i in range(iterations):
            index = rng.randrange(len(seeds))
            source = seeds[index]
            mutator, mutant = mutate(source, pool[index], rng, pool)
            current.write_bytes(mutant)
            outcome, detail, seconds = run_one(mutant, source.suffix, work, options)
            tally.runs += 1
            tally.outcomes[outcome] += 1
            tally.by_mutator[(mutator, outcome)] += 1
            if seconds > tally.slowest[0]:
                tally.slowest = (seconds, f"#{i} {mutator} on {source.relative_to(ROOT)}")
            if outcome == "unreadable":
                tally.reasons[re.sub(r"\d+", "N", detail)[:120]] += 1
            if outcome in ("crash", "generic", "timeout"):
                saved = out / f"{outcome}-{i:05d}-{mutator}-{source.stem[:30]}{source.suffix}"
                saved.write_bytes(mutant)
                tally.saved.append((outcome, saved, detail))
                print(f"[{i}] {outcome.upper()}: {saved}\n    {detail.strip().splitlines()[-1][:200]}", flush=True)
            if verbose:
                print(f"[{i}] {mutator:17} {source.name[:30]:30} {outcome:10} {seconds:6.2f}s {detail[:80]}", flush=True)
            elif (i + 1) % 250 == 0:
                print(f"... {i + 1} inputs, {dict(tally.outcomes)}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        current.unlink(missing_ok=True)
    tally.seconds = time.perf_counter() - began
    return tally


def report(tally: Tally, out: Path, seed: int) -> str:
    clean = tally.runs - tally.outcomes["crash"]
    lines = [
        f"inputs run: {tally.runs} (seed {seed}) in {tally.seconds:.0f} s; slowest {tally.slowest[0]:.1f} s ({tally.slowest[1]})",
        f"clean outcomes (a Document returned): {clean}; crashes (exception escaped): {tally.outcomes['crash']}",
        "outcomes: " + ", ".join(f"{k} {v}" for k, v in tally.outcomes.most_common()),
        "by mutator:",
    ]
    for mutator in sorted({m for m, _ in tally.by_mutator}):
        counts = {o: c for (m, o), c in tally.by_mutator.items() if m == mutator}
        lines.append(f"  {mutator:17} " + ", ".join(f"{o} {c}" for o, c in sorted(counts.items())))
    lines.append("most frequent unreadable reasons:")
    lines += [f"  {count:5}  {reason}" for reason, count in tally.reasons.most_common(12)]
    if tally.saved:
        lines.append(f"saved inputs ({len(tally.saved)}) in {out}:")
        lines += [f"  {outcome:8} {path.name}" for outcome, path, _ in tally.saved]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--iterations", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=10.0, help="seconds per input (SIGALRM, as the CLI's per-file limit)")
    parser.add_argument("--max-pages", type=int, default=20)
    parser.add_argument("--ocr", action="store_true", help="OCR pages without text (slow: off by default)")
    parser.add_argument("--out", type=Path, default=None, help="folder for saved inputs (default: a new temporary folder)")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    logging.disable(logging.CRITICAL)  # readers log damaged-file warnings by the thousand
    warnings.filterwarnings("ignore")  # zipfile's "Duplicate name" is a mutation on purpose
    out = args.out or Path(tempfile.mkdtemp(prefix="doccheck-fuzz-"))
    out.mkdir(parents=True, exist_ok=True)
    print(f"saving crashing inputs under {out}", flush=True)
    options = CheckOptions(max_pages=args.max_pages, ocr=args.ocr, file_timeout=args.time_limit)
    tally = fuzz(args.iterations, args.seed, out, options, verbose=args.verbose)
    print(report(tally, out, args.seed))
    return 1 if tally.outcomes["crash"] else 0


if __name__ == "__main__":
    sys.exit(main())
