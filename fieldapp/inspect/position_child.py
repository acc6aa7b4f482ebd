"""The position line in a second process, while the first verifies the audit chain.

Re-deriving every position from its NMEA is pure Python, a few seconds at
10,000 boreholes; so is the chain. A laptop has a second core: from
:data:`PARALLEL_FROM` measured boreholes the positions are judged by a plain
child process (this module run as a program, as the demo generator is), on its
own read-only connection, and the verdict comes back pickled on its stdout.
When a child cannot be started or dies, the line is judged here instead:
the answer is the same, only later.
"""

from __future__ import annotations

import contextlib
import pickle
import sqlite3
import subprocess
import sys
from collections.abc import Callable

from fieldapp.inspect import positions
from fieldapp.inspect.requirements import Outcome, Requirement
from fieldapp.runtime import module_command

PARALLEL_FROM = 500  # below this a second process costs more to start than it saves


def start(db: str, conn: sqlite3.Connection, project_id: str, requirement: Requirement) -> Callable[[], Outcome]:
    """Start judging the positions; the returned function waits for the verdict."""

    def here() -> Outcome:
        return positions.check(conn, project_id, requirement)

    measured = conn.execute("SELECT COUNT(*) FROM borehole WHERE project_id = ? AND lat IS NOT NULL",
                            (project_id,)).fetchone()[0]
    if measured < PARALLEL_FROM:
        return here
    try:
        command, env = module_command(__name__)
        # what a failing child says is not kept: the line is then judged here, which says it again
        child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL, env=env)
    except (OSError, ValueError):  # no process to be had (or a frozen build that cannot run this module)
        return here
    assert child.stdin is not None and child.stdout is not None
    with contextlib.suppress(OSError):  # a child that died at once is found out below
        child.stdin.write(pickle.dumps((db, project_id, requirement)))
        child.stdin.close()

    def result() -> Outcome:
        try:
            data = child.stdout.read() if child.stdout is not None else b""
            child.wait()
        except BaseException:
            child.kill()
            child.wait()
            raise
        finally:
            with contextlib.suppress(OSError):
                child.stdout.close()  # type: ignore[union-attr]
        if child.returncode == 0 and data:
            outcome = pickle.loads(data)  # our own child's answer
            if isinstance(outcome, Outcome):
                return outcome
        return here()

    return result


def _serve() -> None:
    from fieldapp.store.database import Store

    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but the verdict on the pipe
    db, project_id, requirement = pickle.loads(sys.stdin.buffer.read())
    with Store.open(db, actor="inspect", read_only=True) as store:
        outcome = positions.check(store.conn, project_id, requirement)
    out.write(pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL))
    out.flush()


if __name__ == "__main__":
    _serve()
