"""Instructions executed, counted by Valgrind's callgrind: a speed measure the machine's load cannot move.

On a shared VM the wall and CPU time of the same command drift by up to 2x within minutes, so a
ratio of two timings taken a minute apart says as much about the machine as about doccheck. The
number of instructions a process executes (callgrind's ``Ir``) is the same from run to run, so
the ratio doccheck / floor of two counts is exact. It is not the targets' measure (they are wall
time) and it weighs every instruction alike (a cache miss costs more than an add), but it shows
whether a change made doccheck do less work.

Valgrind runs the program about 50x slower: ``bench/benchmark.py --instructions N`` counts the
first N cases of the batch only (1 process), and skips the row when valgrind is not installed
(``apt-get install valgrind``).
"""

from __future__ import annotations

import re
import shutil
import subprocess

_COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")


def available() -> bool:
    return shutil.which("valgrind") is not None


def count(cmd: list[str], env: dict, timeout: float = 3600.0) -> int | None:
    """Instructions ``cmd`` executed (its own process; children are not followed), or None if it failed."""
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
                          capture_output=True, text=True, env=env, timeout=timeout, check=False)
    found = _COLLECTED.findall(done.stderr)
    if done.returncode not in (0, 1) or not found:  # doccheck exits 1 when a case fails; --fail-on never: 0
        return None
    return int(found[-1])
