"""Prevailing (median) wages from ESDC's Job Bank "Wages" open-data CSV, kept in a local store.

``doccheck data import-wages FILE`` reads the CSV (UTF-8 with BOM; column names drift between
yearly releases, so they are matched tolerantly) and writes ``wages.json`` to the user's data folder
(``$DOCCHECK_DATA_DIR``, else ``$XDG_DATA_HOME/doccheck``, else ``~/.local/share/doccheck``).
Nothing is downloaded: the user brings the file.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ANNUAL_HOURS = 2080  # 40 h x 52 weeks: converts an annual median to hourly (recorded as an assumption)

_COLUMNS = {
    "noc": (r"^noc(_cnp)?$", r"noc"),
    "prov": (r"^prov", r"province"),
    "er_code": (r"^er_code", r"er.*code"),
    "er_name": (r"^er_name", r"er.*name|region"),
    "median": (r"median", r"median"),
    "annual": (r"annual_wage_flag", r"annual"),
    "period": (r"reference_period", r"period|year"),
}


class WageImportError(Exception):
    """The file is not a Job Bank wages CSV we can read."""


@dataclass(frozen=True)
class Median:
    hourly: float
    region: str
    period: str
    note: str | None


def data_dir() -> Path:
    return _data_dir(os.environ.get("DOCCHECK_DATA_DIR"), os.environ.get("XDG_DATA_HOME"), os.environ.get("HOME"))


@lru_cache(maxsize=8)  # asked once per case: the path only changes with these variables
def _data_dir(own: str | None, xdg: str | None, home: str | None) -> Path:
    if own:
        return Path(own)
    base = xdg or str(Path.home() / ".local" / "share")
    return Path(base) / "doccheck"


def store_path() -> Path:
    return data_dir() / "wages.json"


def _match_columns(header: list[str]) -> dict[str, int]:
    cleaned = [h.strip().lstrip("\ufeff").strip('"').casefold() for h in header]
    found: dict[str, int] = {}
    for key, (strict, loose) in _COLUMNS.items():
        for pattern in (strict, loose):
            index = next((i for i, h in enumerate(cleaned) if re.search(pattern, h) and i not in found.values()), None)
            if index is not None:
                found[key] = index
                break
    missing = [k for k in ("noc", "prov", "median") if k not in found]
    if missing:
        raise WageImportError(f"not a Job Bank wages CSV: no column for {', '.join(missing)} (columns: {', '.join(header[:12])})")
    return found


def _number(text: str) -> float | None:
    text = text.strip().replace("$", "").replace(",", "").replace("\u00a0", "").replace(" ", "")
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value > 0 else None


def parse_wages_csv(data: bytes) -> list[dict]:
    """Rows of {noc, prov, er_code, er_name, hourly, annual_flag, period} from the CSV's bytes."""
    text = data.decode("utf-8-sig", errors="replace")
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        raise WageImportError("empty file") from None
    cols = _match_columns(header)
    rows = []
    for record in reader:
        if len(record) <= max(cols.values()):
            continue
        noc = re.sub(r"\D", "", record[cols["noc"]])
        median = _number(record[cols["median"]])
        if len(noc) != 5 or median is None:
            continue
        annual = "annual" in cols and record[cols["annual"]].strip() in {"1", "1.0", "true", "True"}
        rows.append({
            "noc": noc,
            "prov": record[cols["prov"]].strip().upper(),
            "er_code": record[cols["er_code"]].strip() if "er_code" in cols else "",
            "er_name": record[cols["er_name"]].strip() if "er_name" in cols else "",
            "hourly": round(median / ANNUAL_HOURS, 2) if annual else median,
            "annual_flag": annual,
            "period": record[cols["period"]].strip() if "period" in cols else "",
        })
    if not rows:
        raise WageImportError("no wage rows with a NOC code and a median wage were found")
    return rows


def import_wages(source: Path) -> tuple[Path, int]:
    rows = parse_wages_csv(source.read_bytes())
    target = store_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = {"source_file": source.name, "rows": rows}
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps(payload), encoding="utf-8")
    tmp.replace(target)
    return target, len(rows)


def load_store() -> dict | None:
    """The imported wage table (None if there is none); parsed once per process while it is unchanged."""
    path = store_path()
    try:
        stat = path.stat()
    except OSError:
        return None
    return _read_store(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=2)
def _read_store(path: str, mtime_ns: int, size: int) -> dict | None:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def median_for(store: dict, noc: str, province: str | None, city: str | None) -> Median | None:
    """The most local median: the economic region naming the city, else the province, else Canada."""
    from doccheck.extract.knowledge import fold

    rows = [r for r in store["rows"] if r["noc"] == noc]
    if not rows:
        return None
    in_prov = [r for r in rows if province and r["prov"] == province]
    if city:
        local = [r for r in in_prov if fold(city) in fold(r["er_name"])]
        if local:
            return _median(local[0])
    from doccheck.normalise.places import province_code

    whole = [r for r in in_prov if province_code(r["er_name"] or "") == province or r["er_code"] in {"", province}]
    if whole:
        return _median(whole[0])
    if in_prov:
        return _median(min(in_prov, key=lambda r: r["hourly"]), note="no province-wide row: the lowest regional median was used")
    national = [r for r in rows if r["prov"] in {"NAT", "CA", "CAN", ""}]
    return _median(national[0], note="no provincial row: the national median was used") if national else None


def _median(row: dict, note: str | None = None) -> Median:
    extra = "annual median converted at 2,080 h/year" if row["annual_flag"] else None
    notes = "; ".join(n for n in (note, extra) if n) or None
    region = row["er_name"] or row["prov"]
    return Median(hourly=row["hourly"], region=region, period=row["period"], note=notes)
