"""Run commands as child processes and measure wall time, CPU time and peak RSS of each.

Each measured command is its own child process, spawned and reaped with ``os.wait4`` by a tiny
launcher process so that the resource usage is that child's alone (Linux: user+sys CPU of the child and of the descendants it waited
for, e.g. Tesseract or worker processes; ``ru_maxrss`` is the largest resident set of any one
of those processes, in KiB). A group of commands started together (the 2-process split) is
timed from the first start to the last exit; CPU times add up, peak RSS is the largest single
process and the sum of the per-command peaks is kept too.
"""

from __future__ import annotations

import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Measure:
    wall: float  # seconds, first start to last exit
    cpu: float  # seconds, user + sys of the children (and their reaped descendants)
    rss_mb: float  # largest peak RSS of one process, MiB
    rss_sum_mb: float  # sum of the per-command peaks, MiB (processes that ran side by side)
    status: str = "ok"  # "ok", "exit N", "timeout after N s"
    outputs: list[str] = field(default_factory=list)  # stdout of each command (first 4 KiB)
    errors: list[str] = field(default_factory=list)  # stderr tail of each command that failed
    runs: list[float] = field(default_factory=list)  # wall of every repetition (median rows)

    @property
    def ok(self) -> bool:
        return self.status.startswith("ok")


# Runs one command and writes its own wall time and os.wait4 usage as JSON. Started as
# ``python -S -E -c LAUNCHER OUT CMD...`` so the command is spawned from a small process: on Linux
# a child's ru_maxrss also counts the memory of the process it was forked from.
LAUNCHER = r"""
import json, os, signal, sys, time
out, limit, cmd = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
start = time.perf_counter()
pid = os.posix_spawnp(cmd[0], cmd, os.environ, setpgroup=0)
expired = []
def expire(signum, frame):
    expired.append(True)
    os.killpg(pid, signal.SIGKILL)
if limit > 0:
    signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, limit)
while True:
    try:
        _, status, ru = os.wait4(pid, 0)
        break
    except InterruptedError:
        continue
wall = time.perf_counter() - start
code = os.waitstatus_to_exitcode(status)
with open(out, "w") as fh:
    json.dump({"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "maxrss_kib": ru.ru_maxrss, "code": code,
               "timeout": bool(expired)}, fh)
sys.exit(code if 0 <= code < 256 else 1)
"""


def run_group(commands: list[list[str]], *, env: dict | None = None, cwd: Path | None = None,
              timeout: float | None = None, ok_codes: tuple[int, ...] = (0,)) -> Measure:
    """Start every command at once, wait for all, and return their combined measure."""
    with tempfile.TemporaryDirectory(prefix="bench-io-") as io_dir:
        procs, outs, errs, usages = [], [], [], []
        start = time.perf_counter()
        for i, cmd in enumerate(commands):
            out = open(Path(io_dir) / f"{i}.out", "w+b")
            err = open(Path(io_dir) / f"{i}.err", "w+b")
            usage = Path(io_dir) / f"{i}.json"
            outs.append(out)
            errs.append(err)
            usages.append(usage)
            launch = [sys.executable, "-S", "-E", "-c", LAUNCHER, str(usage), str(timeout or 0), *cmd]
            procs.append(subprocess.Popen(launch, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env, cwd=cwd,
                                          start_new_session=True))
        timed_out = threading.Event()

        def expire() -> None:
            timed_out.set()
            for proc in procs:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass

        # the launcher stops its command at ``timeout``; this is a safety net should the launcher hang
        timer = threading.Timer(timeout + 60, expire) if timeout else None
        if timer:
            timer.start()
        try:
            codes = [proc.wait() for proc in procs]
        finally:
            if timer:
                timer.cancel()
        wall = time.perf_counter() - start
        cpu = rss = rss_sum = 0.0
        inner_walls = []
        launcher_timeouts = False
        for usage in usages:
            try:
                data = json.loads(usage.read_text())
            except (OSError, ValueError):
                continue  # killed before it could report
            inner_walls.append(data["wall"])
            launcher_timeouts |= data["timeout"]
            cpu += data["cpu"]
            rss = max(rss, data["maxrss_kib"] / 1024)
            rss_sum += data["maxrss_kib"] / 1024
        if len(inner_walls) == len(commands) and len(commands) == 1:
            wall = inner_walls[0]  # without the launcher's own start-up
        texts, tails = [], []
        for out, err, code in zip(outs, errs, codes):
            out.seek(0)
            err.seek(0)
            texts.append(out.read(4096).decode("utf-8", "replace"))
            if code not in ok_codes:
                tails.append(err.read()[-2000:].decode("utf-8", "replace"))
            out.close()
            err.close()
    if timed_out.is_set() or launcher_timeouts:
        status = f"timeout after {timeout:g} s"
    else:
        bad = [c for c in codes if c not in ok_codes]
        status = f"exit {bad[0]}" if bad else "ok"
    return Measure(wall, cpu, rss, rss_sum, status, texts, tails, [wall])


def run_median(command: list[str], repeat: int, **kwargs) -> Measure:
    """Run ``command`` ``repeat`` times; the measure of the run with the median wall time (all walls kept)."""
    measures = [run_group([command], **kwargs) for _ in range(repeat)]
    walls = [m.wall for m in measures]
    median = statistics.median_low(walls)
    chosen = measures[walls.index(median)]
    chosen.runs = walls
    if any(not m.ok for m in measures):
        chosen.status = next(m.status for m in measures if not m.ok)
    return chosen


def median_of(measures: list[Measure]) -> Measure:
    """The measure with the median wall time of several runs of one command (all walls kept)."""
    walls = [m.wall for m in measures]
    chosen = measures[walls.index(statistics.median_low(walls))]
    chosen.runs = walls
    if any(not m.ok for m in measures):
        chosen.status = next(m.status for m in measures if not m.ok)
    return chosen
