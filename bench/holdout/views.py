"""The facts of one case as one document sees them (a View), and a recorder of what a document states.

A case has one true View; a mismatch case gives one document a View with one field changed. Templates
read a View and call ``Stated`` to note, in canonical form, each contract field they put on the page:
the evaluator uses these notes to tell a missed mismatch from a value that was never extracted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from bench.holdout.fmt import end_date, wage_amount
from bench.holdout.pools import Employer, Job, Place


@dataclass
class View:
    category: str  # exemption category of the case: C63, T36, C16, C20, C10
    given: str
    family: str
    dob: date
    birth_city: str
    nat: str  # the worker's real country (alpha-2); passports are issued by it
    citizenship: str  # what this document says (alpha-2); = nat unless mutated
    passport: str
    passport_issue: date
    passport_expiry: date
    employer: Employer
    employer_name: str  # legal name as this document has it
    head: Place  # employer's head office
    job: Job
    title: str
    noc: str
    hourly: float
    hours: float
    place: Place  # work location
    start: date
    months: int
    end_shift: int  # months added to the end date only (end-date mismatches)
    code: str
    oe: str
    bn: str
    letter_date: date
    submitted: date
    wage_periods: tuple[str, ...] = ("hour", "year", "month")  # periods documents may use
    extra: dict = field(default_factory=dict)  # category evidence (reference, degree, test, partner)


@dataclass
class Stated:
    view: View
    values: dict = field(default_factory=dict)

    def name(self) -> None:
        self.values["worker_name"] = f"{self.view.given} {self.view.family}"

    def employer(self) -> None:
        self.values["employer_name"] = self.view.employer_name

    def title(self) -> None:
        self.values["job_title"] = self.view.title

    def noc(self) -> None:
        self.values["noc_code"] = self.view.noc

    def wage(self, period: str) -> float:
        amount = wage_amount(self.view.hourly, self.view.hours, period)
        self.values["wage"] = {"amount": amount, "period": period, "hourly": round(self.view.hourly, 2),
                               "annual": round(self.view.hourly * self.view.hours * 52, 2)}
        return amount

    def hours(self) -> None:
        self.values["hours_per_week"] = self.view.hours

    def location(self) -> None:
        self.values["work_location"] = {"city": self.view.place.city, "province": self.view.place.province,
                                        "postal_code": self.view.place.postal}

    def start(self) -> date:
        self.values["start_date"] = self.view.start.isoformat()
        return self.view.start

    def end(self, convention: str) -> date:
        d = end_date(self.view.start, self.view.months + self.view.end_shift, convention)
        self.values["end_date"] = d.isoformat()
        return d

    def months(self) -> int:
        self.values["duration_months"] = self.view.months
        return self.view.months

    def code(self) -> None:
        self.values["exemption_code"] = self.view.code

    def oe(self) -> None:
        self.values["oe_number"] = self.view.oe

    def passport(self) -> None:
        self.values["passport_number"] = self.view.passport

    def citizenship(self) -> None:
        self.values["citizenship"] = self.view.citizenship

    def expiry(self) -> None:
        self.values["passport_expiry"] = self.view.passport_expiry.isoformat()
