"""Score doccheck on held-out cases: ``python -m bench.holdout.evaluate OUT_DIR [--cli] [--quiet]``.

For every case in OUT_DIR/labels.json it runs doccheck (the Python API ``check_case`` by default, or the
``doccheck check CASE --format json`` command with ``--cli``) and takes each error or warning finding
as flagging every field in its ``fields`` list. It reports:

- field-level precision and recall over the mismatch cases, three ways: *strict* (exact field names,
  as the project's target is stated), *term-grouped* (end_date and duration_months count as one
  field: the same term stated two ways) and *lenient* (also ignoring the fields a label lists as
  ``tolerated``, e.g. a job title that no longer fits a mutated NOC code);
- the clean-case pass rate (no error or warning at all);
- per-case failures: false positives (field, rule, message), misses (with what each document stated
  and what doccheck extracted for the field), and clean cases that drew findings;
- an extraction audit: documents classified as another kind, and stated values missed or misread,
  grouped by template and field, with examples.

Always exits 0: it is a measurement, not a gate.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

TERM = {"end_date": "term", "duration_months": "term"}
FLAG_SEVERITIES = {"error", "warning"}


def group(field: str) -> str:
    return TERM.get(field, field)


def run_case(case_dir: Path, use_cli: bool) -> dict:
    """doccheck's JSON report for one case folder (as a dict)."""
    if use_cli:
        proc = subprocess.run(["doccheck", "check", str(case_dir), "--format", "json"], capture_output=True, text=True)
        try:
            return json.loads(proc.stdout)
        except json.JSONDecodeError:
            return {"documents": [], "findings": [], "crash": proc.stderr[-2000:]}
    from doccheck.pipeline import check_case

    try:
        return check_case(case_dir).model_dump(mode="json")
    except Exception as exc:  # noqa: BLE001 - a crash is a result to report
        return {"documents": [], "findings": [], "crash": f"{exc.__class__.__name__}: {exc}"}


# -- comparing a stated value with an extracted one ------------------------------------------------

def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().casefold()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text).split())


_SUFFIXES = {"inc", "ltd", "corp", "ulc", "llp", "limited", "incorporated", "corporation"}


def _date_values(value) -> set[str]:
    if isinstance(value, list):
        return {str(v) for v in value}
    if isinstance(value, dict):
        return {str(v) for v in value.values()}
    return {str(value)}


def same_value(field: str, stated, extracted: dict) -> bool:
    """Whether doccheck's extracted field means what the document states (lenient on form)."""
    value = extracted.get("value")
    alternatives = extracted.get("alternatives") or []
    try:
        if field == "worker_name":
            return sorted(_fold(stated).split()) == sorted(_fold(value).split())
        if field == "employer_name":
            strip = lambda s: [w for w in _fold(s).split() if w not in _SUFFIXES]  # noqa: E731
            return strip(stated) == strip(value)
        if field == "job_title":
            return _fold(stated) == _fold(value)
        if field == "wage":
            hourly = value.get("hourly") if isinstance(value, dict) else None
            annual = value.get("annual") if isinstance(value, dict) else None
            if hourly and abs(hourly - stated["hourly"]) <= 0.011 * stated["hourly"]:
                return True
            if isinstance(value, dict) and value.get("period") == stated["period"] and abs(value.get("amount", 0) - stated["amount"]) < 0.01 * stated["amount"]:
                return True
            return bool(annual) and abs(annual - stated["annual"]) <= 0.011 * stated["annual"]
        if field == "hours_per_week":
            return abs(float(value) - float(stated)) < 0.01
        if field == "work_location":
            return isinstance(value, dict) and _fold(value.get("city") or "") in {_fold(stated["city"]), _fold(stated["city"]).replace("st ", "saint ")} \
                and (value.get("province") or "") == stated["province"]
        if field in ("start_date", "end_date", "passport_expiry"):
            return stated in _date_values(value) or any(stated in _date_values(a) for a in alternatives)
        if field == "duration_months":
            return int(value) == int(stated)
        if field == "citizenship":
            return str(value).upper() == stated
        return str(value).upper().replace(" ", "") == str(stated).upper().replace(" ", "")
    except (TypeError, ValueError, AttributeError):
        return False


def _show(extracted: dict | None) -> str:
    if extracted is None:
        return "—"
    value = extracted.get("value")
    if isinstance(value, dict) and "amount" in value:
        value = f"{value.get('amount')}/{value.get('period')} (hourly {value.get('hourly')})"
    elif isinstance(value, dict) and "city" in value:
        value = f"{value.get('city')}, {value.get('province')}"
    return f"{value!s} ← {extracted.get('raw', '')!r}"


def _show_stated(value) -> str:
    if isinstance(value, dict) and "period" in value:
        return f"{value['amount']}/{value['period']} (hourly {value['hourly']})"
    if isinstance(value, dict) and "city" in value:
        return f"{value['city']}, {value['province']}"
    return str(value)


# -- scoring ---------------------------------------------------------------------------------------------

def score(labels: dict, reports: dict) -> dict:
    totals = {name: Counter() for name in ("strict", "grouped", "lenient")}
    clean_total = clean_pass = 0
    clean_fp = Counter()
    per_case = {}
    fp_rules = Counter()
    missed_fields = Counter()
    for case, label in labels.items():
        report = reports[case]
        flags = [f for f in report.get("findings", []) if f.get("severity") in FLAG_SEVERITIES]
        info = {"fp": [], "missed": [], "clean_findings": []}
        if label["kind"] == "clean":
            clean_total += 1
            if not flags and "crash" not in report:
                clean_pass += 1
            else:
                info["clean_findings"] = flags
                for f in flags:
                    for fld in f.get("fields") or ["(no field)"]:
                        clean_fp[(fld, f["rule"])] += 1
        else:
            expected = set(label["flagged"])
            tolerated = set(label.get("tolerated", []))
            predicted = {fld for f in flags for fld in f.get("fields", [])}
            for mode in totals:
                if mode == "strict":
                    exp, pred, tol = expected, predicted, set()
                else:
                    exp, pred = {group(x) for x in expected}, {group(x) for x in predicted}
                    tol = {group(x) for x in tolerated} - exp if mode == "lenient" else set()
                totals[mode]["tp"] += len(exp & pred)
                totals[mode]["fn"] += len(exp - pred)
                totals[mode]["fp"] += len(pred - exp - tol)
            exp_g = {group(x) for x in expected}
            for f in flags:
                for fld in f.get("fields", []):
                    if group(fld) not in exp_g:
                        info["fp"].append((fld, f["rule"], f["severity"], f["message"], fld in tolerated))
                        fp_rules[(fld, f["rule"])] += 1
            pred_g = {group(x) for x in predicted}
            for fld in expected:
                if group(fld) not in pred_g:
                    info["missed"].append(fld)
                    missed_fields[fld] += 1
        per_case[case] = info

    def pr(c: Counter) -> tuple[float, float]:
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        return p, r

    return {"totals": totals, "pr": {k: pr(v) for k, v in totals.items()}, "clean_total": clean_total,
            "clean_pass": clean_pass, "per_case": per_case, "fp_rules": fp_rules, "missed_fields": missed_fields,
            "clean_fp": clean_fp}


def audit(labels: dict, reports: dict) -> dict:
    """Classification and extraction problems, doc by doc."""
    wrong_kind = Counter()
    kind_examples: dict = defaultdict(list)
    missing = Counter()
    misread = Counter()
    examples: dict = defaultdict(list)
    for case, label in labels.items():
        by_path = {d["path"]: d for d in reports[case].get("documents", [])}
        for path, meta in label["documents"].items():
            doc = by_path.get(path)
            key_t = meta["template"]
            if doc is None:
                wrong_kind[(key_t, meta["kind"], "(not in report)")] += 1
                continue
            if doc["kind"] != meta["kind"]:
                wrong_kind[(key_t, meta["kind"], doc["kind"])] += 1
                kind_examples[(key_t, meta["kind"], doc["kind"])].append(f"{case}/{path}")
                continue
            fields = doc.get("fields", {})
            for fld, stated in meta["stated"].items():
                got = fields.get(fld)
                if got is None:
                    missing[(key_t, fld)] += 1
                    if len(examples[("missing", key_t, fld)]) < 3:
                        examples[("missing", key_t, fld)].append(f"{case}/{path}: stated {_show_stated(stated)}")
                elif not same_value(fld, stated, got):
                    misread[(key_t, fld)] += 1
                    if len(examples[("misread", key_t, fld)]) < 3:
                        examples[("misread", key_t, fld)].append(f"{case}/{path}: stated {_show_stated(stated)}; got {_show(got)}")
    return {"wrong_kind": wrong_kind, "kind_examples": kind_examples, "missing": missing, "misread": misread, "examples": examples}


# -- printing ----------------------------------------------------------------------------------------------

def _fields_by_doc(label: dict, report: dict, fld: str) -> list[str]:
    """For a missed field: what each document stated and what doccheck extracted (the whole term for dates)."""
    by_path = {d["path"]: d for d in report.get("documents", [])}
    names = ("start_date", "end_date", "duration_months") if fld in ("start_date", "end_date", "duration_months") else (fld,)
    out = []
    for path, meta in label["documents"].items():
        doc = by_path.get(path, {})
        for name in names:
            got = doc.get("fields", {}).get(name)
            if name in meta["stated"] or got is not None:
                stated = _show_stated(meta["stated"][name]) if name in meta["stated"] else "(not stated)"
                tag = f" {name}" if len(names) > 1 else ""
                out.append(f"      {path} [{meta['kind']}→{doc.get('kind', '?')}]{tag} stated {stated}; extracted {_show(got)}")
    return out


def print_report(labels: dict, reports: dict, s: dict, a: dict, quiet: bool, elapsed: float) -> None:
    n_mis = sum(1 for x in labels.values() if x["kind"] == "mismatch")
    print(f"doccheck held-out simulation: {len(labels)} cases ({s['clean_total']} clean, {n_mis} mismatch), checked in {elapsed:.1f}s")
    print()
    print("Mismatch cases, field level:           precision  recall   (tp / fp / fn)")
    for mode, title in (("strict", "strict (exact field names)"), ("grouped", "term-grouped (end_date≡duration)"),
                        ("lenient", "lenient (+ tolerated side effects)")):
        p, r = s["pr"][mode]
        c = s["totals"][mode]
        print(f"  {title:<36} {p:9.3f} {r:8.3f}   ({c['tp']} / {c['fp']} / {c['fn']})")
    rate = s["clean_pass"] / s["clean_total"] if s["clean_total"] else 1.0
    print(f"Clean cases with no error/warning: {s['clean_pass']}/{s['clean_total']} = {rate:.3f}")
    print()
    if s["missed_fields"]:
        print("Missed mismatches by field: " + ", ".join(f"{k} {v}" for k, v in s["missed_fields"].most_common()))
    if s["fp_rules"]:
        print("False positives on mismatch cases (field, rule): " + ", ".join(f"{k[0]}/{k[1]} {v}" for k, v in s["fp_rules"].most_common()))
    if s["clean_fp"]:
        print("Findings on clean cases (field, rule): " + ", ".join(f"{k[0]}/{k[1]} {v}" for k, v in s["clean_fp"].most_common()))
    if a["wrong_kind"]:
        print("Misclassified documents (template, expected → got): " + ", ".join(
            f"{k[0]}: {k[1]}→{k[2]} {v}" for k, v in a["wrong_kind"].most_common()))
    if a["missing"]:
        print("Stated but not extracted (template/field): " + ", ".join(f"{k[0]}/{k[1]} {v}" for k, v in a["missing"].most_common(25)))
    if a["misread"]:
        print("Extracted with a different value (template/field): " + ", ".join(f"{k[0]}/{k[1]} {v}" for k, v in a["misread"].most_common(25)))
    if quiet:
        return
    print()
    print("Per-case failures")
    print("-----------------")
    for case, label in labels.items():
        info = s["per_case"][case]
        report = reports[case]
        if not (info["fp"] or info["missed"] or info["clean_findings"] or "crash" in report):
            continue
        mut = label.get("mutation")
        head = f"{case} [{label['kind']}, {label['category']}]"
        if mut:
            head += f" mutated {mut['field']} in {mut['document']}: {mut['from']} → {mut['to']}"
        print(head)
        if "crash" in report:
            print(f"    CRASH: {report['crash']}")
        for fld in info["missed"]:
            print(f"    MISSED {fld}:")
            print("\n".join(_fields_by_doc(label, report, fld)))
        for fld, rule, sev, msg, tol in info["fp"]:
            print(f"    FALSE POSITIVE {fld} {rule} ({sev}{', tolerated' if tol else ''}): {msg}")
        for f in info["clean_findings"]:
            print(f"    CLEAN CASE FLAGGED {','.join(f.get('fields', [])) or '(no field)'} {f['rule']} ({f['severity']}): {f['message']}")
    if a["examples"]:
        print()
        print("Extraction examples")
        print("-------------------")
        for (what, tpl, fld), items in sorted(a["examples"].items()):
            print(f"  {what} {tpl}/{fld}:")
            for item in items:
                print(f"    {item}")
        for key, items in a["kind_examples"].items():
            print(f"  misclassified {key[0]} ({key[1]}→{key[2]}): {', '.join(items[:4])}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--cli", action="store_true", help="run the doccheck command per case instead of the Python API")
    parser.add_argument("--quiet", action="store_true", help="summary only, no per-case listing")
    parser.add_argument("--json", type=Path, help="also write the raw reports and scores to this file")
    args = parser.parse_args(argv)
    try:
        labels = json.loads((args.out_dir / "labels.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        print(f"cannot read {args.out_dir / 'labels.json'}: {exc}")
        return 0
    t0 = time.perf_counter()
    reports = {case: run_case(args.out_dir / case, args.cli) for case in labels}
    elapsed = time.perf_counter() - t0
    s = score(labels, reports)
    a = audit(labels, reports)
    print_report(labels, reports, s, a, args.quiet, elapsed)
    if args.json:
        payload = {"precision_recall": s["pr"], "clean_pass": [s["clean_pass"], s["clean_total"]], "reports": reports}
        args.json.write_text(json.dumps(payload, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
