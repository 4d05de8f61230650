"""What the benchmarks print about the machine and the code they measured."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cpu_name() -> str:
    """The CPU's model name, from /proc/cpuinfo."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def memory_gb() -> float:
    """Physical memory, GB."""
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30


def code_version(*folders: str) -> str:
    """The git commit of the repository, and whether `folders` differ from it."""
    try:

        def git(*args: str) -> str:
            done = subprocess.run(
                ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True
            )
            return done.stdout.strip()

        commit = git("rev-parse", "--short", "HEAD")
        dirty = git("status", "--porcelain", "--", *folders) if folders else ""
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    where = " or ".join(f"{folder}/" for folder in folders)
    return f"commit {commit}" + (f" + uncommitted changes in {where}" if dirty else "")


def load_average() -> str:
    """The system load averages, with a warning when other processes compete for the CPUs."""
    loads = os.getloadavg()
    text = " ".join(f"{x:.2f}" for x in loads)
    if loads[0] > 0.5:
        text += " (other processes were busy: times are inflated)"
    return text
