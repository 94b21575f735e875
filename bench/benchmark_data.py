"""Deterministic input files for ``bench/benchmark.py``: a batch of cases, a big text PDF, a scan.

Everything is synthetic and derived from fixed seeds, so two runs read the same content:

- ``build_batch``: typical cases from ``fixtures.generator.generate_batch`` (3–6 documents,
  1–3 pages each, PDF and DOCX);
- ``build_big_pdf_case``: one long letter-like text PDF (reportlab, ~40 lines a page) next to the
  offer letter and Offer of Employment printout of a generated case;
- ``build_scan_case``: a multi-page image-only PDF (text rendered with Pillow at ~200 dpi, no text
  layer), also next to an offer letter and an Offer of Employment printout.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from random import Random

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Invented words for filler prose: letter-like, never copied from a real document.
_SUBJECTS = ("The employee", "Our team", "The company", "The project group", "Management", "The department",
             "The assignee", "The engineering unit", "Human resources", "The client services team")
_VERBS = ("has delivered", "will coordinate", "reviewed", "is responsible for", "maintains", "supports",
          "has documented", "oversees", "prepared", "will continue to lead")
_OBJECTS = ("the quarterly reporting cycle", "the migration of internal systems", "training for new staff",
            "the vendor assessment programme", "weekly status meetings", "the integration test plan",
            "compliance reviews in each region", "the design of the data platform", "customer onboarding",
            "the annual budget forecast", "a review of safety procedures", "the release schedule")
_TAILS = ("in line with company policy.", "as described in the annex.", "since the start of the assignment.",
          "with measurable results.", "under the supervision of the director.", "for the Canadian office.",
          "according to the agreed timeline.", "in cooperation with the head office.")
_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def build_batch(n: int, out_root: Path, seed: int) -> list[Path]:
    """Write ``n`` generated cases under ``out_root`` and return their folders in order."""
    from fixtures.generator import generate_batch

    labels = generate_batch(n, out_root, seed=seed)
    return [label.case_dir for label in labels]


def letter_lines(count: int, rng: Random, width: int = 95) -> list[str]:
    """``count`` lines of letter-like prose, wrapped at ``width`` characters."""
    lines: list[str] = []
    current = ""
    paragraph = 0
    while len(lines) < count:
        sentence = f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_TAILS)}"
        for word in sentence.split():
            if len(current) + len(word) + 1 > width:
                lines.append(current)
                current = word
            else:
                current = f"{current} {word}".strip()
        paragraph += 1
        if paragraph % 5 == 0:
            lines.extend([current, ""])
            current = ""
    return lines[:count]


def _letter_header(worker: str, employer: str) -> list[str]:
    return [
        employer,
        "1200 Harbour Street, Suite 400, Vancouver, British Columbia V6C 2T5",
        "",
        "Immigration, Refugees and Citizenship Canada",
        "",
        f"Re: Work permit application of {worker} - supporting submission and annexes",
        "",
        "Dear Officer,",
        "",
    ]


def write_text_pdf(path: Path, pages: int, *, seed: int, worker: str = "Amara Okonkwo-Lindqvist",
                   employer: str = "Northwind Coastal Systems Inc.", lines_per_page: int = 40) -> None:
    """A ``pages``-page text PDF of letter-like prose (deterministic bytes: reportlab invariant mode)."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    rng = Random(f"big-pdf/{seed}")
    body = _letter_header(worker, employer) + letter_lines(pages * lines_per_page, rng)
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    width, height = letter
    for page in range(pages):
        chunk = body[page * lines_per_page:(page + 1) * lines_per_page]
        c.setFont("Helvetica", 10)
        y = height - 60
        for line in chunk:
            c.drawString(60, y, line)
            y -= 16.5
        c.setFont("Helvetica", 8)
        c.drawString(width / 2 - 30, 30, f"Page {page + 1} of {pages}")
        c.showPage()
    c.save()


def write_scanned_pdf(path: Path, pages: int, *, seed: int, dpi: int = 200, lines_per_page: int = 38) -> None:
    """An image-only PDF: each page is text drawn onto a grayscale Letter-size image at ``dpi``."""
    from PIL import Image, ImageDraw, ImageFont

    rng = Random(f"scan/{seed}")
    font = ImageFont.truetype(_FONT, size=round(11 * dpi / 72))
    header = ["Harbourline Analytics Ltd.", "Employment reference letter", "",
              "To whom it may concern,", ""]
    body = header + letter_lines(pages * lines_per_page, rng, width=80)
    size = (round(8.5 * dpi), round(11 * dpi))
    images = []
    for page in range(pages):
        img = Image.new("L", size, 255)
        draw = ImageDraw.Draw(img)
        y = round(0.8 * dpi)
        for line in body[page * lines_per_page:(page + 1) * lines_per_page]:
            draw.text((round(0.9 * dpi), y), line, fill=20, font=font)
            y += round(0.24 * dpi)
        draw.text((size[0] // 2 - dpi // 2, size[1] - round(0.6 * dpi)), f"Page {page + 1} / {pages}", fill=20,
                  font=font)
        images.append(img)
    images[0].save(path, "PDF", save_all=True, append_images=images[1:], resolution=float(dpi))


def _core_documents(seed: int, scratch: Path, case_dir: Path) -> None:
    """Copy the offer letter and the Offer of Employment printout of a generated case into ``case_dir``."""
    from fixtures.generator.cases import generate_case

    label = generate_case(seed, scratch)
    case_dir.mkdir(parents=True, exist_ok=True)
    for name, kind in label.documents.items():
        if kind in ("offer_letter", "offer_of_employment"):
            shutil.copy2(scratch / name, case_dir / Path(name).name)
    shutil.rmtree(scratch)


def build_big_pdf_case(case_dir: Path, pages: int, seed: int) -> Path:
    """A case folder with a ``pages``-page text PDF, an offer letter and an OE printout; returns the big PDF."""
    _core_documents(seed, case_dir.parent / f".{case_dir.name}-scratch", case_dir)
    big = case_dir / "support_submission_with_annexes.pdf"
    write_text_pdf(big, pages, seed=seed)
    return big


def build_scan_case(case_dir: Path, pages: int, seed: int) -> Path:
    """A case folder with a ``pages``-page scanned (image-only) PDF, an offer letter and an OE printout."""
    _core_documents(seed + 1, case_dir.parent / f".{case_dir.name}-scratch", case_dir)
    scan = case_dir / "scan_0042.pdf"
    write_scanned_pdf(scan, pages, seed=seed)
    return scan


def case_documents(case_dir: Path) -> list[Path]:
    """The PDF and DOCX files of a case folder (what the floor and the peer read), sorted."""
    return sorted(p for p in case_dir.rglob("*") if p.is_file() and p.suffix.lower() in (".pdf", ".docx")
                  and not p.name.startswith("."))
