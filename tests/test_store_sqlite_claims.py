"""SQLite delivery claims name a process by its id and start time: a process id reused after a
restart (a container's worker is often pid 7 again) does not keep a dead process's claim alive."""

from __future__ import annotations

import os
import subprocess
import sys

from bot.store_sqlite import _PID_BITS, alive, this_process


def test_this_process_is_alive() -> None:
    assert alive(this_process())


def test_the_same_pid_with_another_start_time_is_another_process() -> None:
    earlier = this_process() - (1 << _PID_BITS)  # this pid, started one tick earlier: not us
    assert earlier & ((1 << _PID_BITS) - 1) == os.getpid()
    assert not alive(earlier)


def test_a_process_that_has_exited_is_not_alive() -> None:
    child = subprocess.run(
        [sys.executable, "-c", "from bot.store_sqlite import this_process; print(this_process())"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert not alive(int(child.stdout))


def test_a_forked_worker_claims_as_itself_not_as_its_parent() -> None:
    """gunicorn forks its workers after the app is built: a claimant the parent worked out (it is
    kept once per process) must not be what a worker claims with."""
    parent = this_process()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: say who it claims as, and go
        os.write(write, str(this_process()).encode())
        os._exit(0)
    os.close(write)
    child = int(os.read(read, 64))
    os.close(read)
    os.waitpid(pid, 0)
    assert child & ((1 << _PID_BITS) - 1) == pid != os.getpid()
    assert child != parent
