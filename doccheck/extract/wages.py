"""Wages stated in sentences: an amount with a pay word before it, not a bonus or an allowance."""

from __future__ import annotations

import re

from doccheck.extract import programs
from doccheck.extract.prefilter import led
from doccheck.normalise.money import find_money

# searched in every sentence with a digit: led by their first letters (see prefilter.led)
_PAY_WORDS = led(
    r"\b(?:wage|wages|salary|salaire|paid|pay|rate|compensation|remuneration|rémunération|earn|earning|taux|horaire|gross|base)\b",
    re.IGNORECASE,
)
_NOT_WAGE = led(
    r"\b(?:bonus|allowance|relocation|signing|sign-on|stipend|reimburse\w*|fee|fees|deposit|benefits?|insurance|"
    r"vacation pay|overtime|raise|increase|increment|after (?:the )?probation|per diem|travel|housing|moving|"
    r"prime|indemnité|allocation|frais|remboursement|augmentation|heures supplémentaires|minimum|median|médian|prevailing)\b",
    re.IGNORECASE,
)
_OFFER_WORDS = led(r"\b(?:offer(?:ed)?|position|role|employ(?:ed|ment)?|poste|emploi|offert)\b", re.IGNORECASE)
_DIGIT = programs.compile(r"\d")  # an amount has one
_SENTENCE_END = led(r"(?<=[\.;!?])\s+(?=[A-ZÀ-Ý])|\n")


def wage_mentions(text: str) -> list[tuple[str, str, float]]:
    """(raw amount phrase, evidence sentence, confidence) for wage statements in running text."""
    mentions: list[tuple[str, str, float]] = []
    for sentence in _sentences(text):
        if not _DIGIT.search(sentence) or not (_PAY_WORDS.search(sentence) or _OFFER_WORDS.search(sentence)):
            continue
        for match in find_money(sentence):
            before = sentence[max(0, match.start - 60) : match.start]
            if _NOT_WAGE.search(before) or _NOT_WAGE.search(sentence[match.end : match.end + 25]):
                continue
            near = sentence[max(0, match.start - 120) : match.end + 40]
            if not _PAY_WORDS.search(near) and not (match.period and _OFFER_WORDS.search(sentence)):
                continue
            if match.period is None and match.amount < 1000:
                continue
            raw = _with_period(sentence, match)
            mentions.append((raw, sentence.strip(), 0.7))
            break
    return mentions


def _with_period(sentence: str, match) -> str:
    """The amount with the period words around it, so the normaliser sees '$42.50 per hour'."""
    amount = sentence[match.start : match.end]
    if match.period is not None:
        return amount + _period_words(match.period)
    head = sentence[max(0, match.start - 40) : match.start]
    return f"{head} {amount}{sentence[match.end : match.end + 30]}".strip()


def _period_words(period: str) -> str:
    return {"hour": " per hour", "week": " per week", "month": " per month", "year": " per year"}.get(period, "")


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]
