"""The machine a run came from: cores, CPU model, memory, Python and OS."""

from __future__ import annotations

import os
import platform
from datetime import date
from pathlib import Path


def facts() -> dict[str, str]:
    cpu = "unknown"
    memory = "unknown"
    cpuinfo, meminfo = Path("/proc/cpuinfo"), Path("/proc/meminfo")
    if cpuinfo.exists():
        cpu = next(
            (
                line.split(":", 1)[1].strip()
                for line in cpuinfo.read_text().splitlines()
                if line.startswith("model name")
            ),
            cpu,
        )
    if meminfo.exists():
        total = next(
            (line.split()[1] for line in meminfo.read_text().splitlines() if line.startswith("MemTotal")), None
        )
        memory = f"{int(total) / 2**20:.1f} GiB" if total else memory
    release = Path("/etc/os-release")
    system = platform.platform()
    if release.exists():
        names = dict(line.split("=", 1) for line in release.read_text().splitlines() if "=" in line)
        pretty = names.get("PRETTY_NAME", "").strip('"')
        system = f"{pretty} ({platform.system()} {platform.release()})"
    return {
        "date": date.today().isoformat(),
        "cores (nproc)": str(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()),
        "CPU": cpu,
        "memory": memory,
        "Python": platform.python_version(),
        "OS": system,
    }


def summary() -> str:
    f = facts()
    return f"{f['cores (nproc)']} cores, {f['CPU']}, {f['memory']}, Python {f['Python']}, {f['OS']}"


def markdown() -> str:
    return "\n".join(f"- {name}: {value}" for name, value in facts().items())


def engine() -> str:
    """The store's engine the servers will use: DATABASE_URL's scheme when it is set, else SQLite."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        return "sqlite"
    return url.split(":", 1)[0].split("+", 1)[0] or "sqlite"
