"""The lines but the audit chain and custody in a second process, while the first verifies the chain.

The chain is the longest line (a SHA-256 per journal entry and per row) and
reports its progress to the caller, so it stays here, and custody after it
(run.HERE). The rest, re-deriving every position from its NMEA and the rules
tables' findings, is as much work again in pure Python; a laptop has a
second core. From :data:`PARALLEL_FROM` measured boreholes those lines are
judged by a plain child process (this module run as a program, as the demo
generator is), on its own read-only connection, with the same checks; the
verdicts come back pickled on its stdout. When a child cannot be started or
dies, the lines are judged here instead: the answer is the same, only later.
(The module keeps its name from when it judged the positions alone.)
"""

from __future__ import annotations

import contextlib
import pickle
import sqlite3
import subprocess
import sys
from collections.abc import Callable

from fieldapp.inspect.requirements import Outcome, Requirement
from fieldapp.runtime import module_command

PARALLEL_FROM = 500  # below this a second process costs more to start than it saves

Verdicts = dict[str, Outcome]  # requirement id -> its outcome


def start(db: str, conn: sqlite3.Connection, project_id: str, project_code: str,
          requirements: tuple[Requirement, ...], here: Callable[[], Verdicts]) -> tuple[Callable[[], Verdicts],
                                                                                    Callable[[], None]]:
    """Start judging ``requirements`` in a second process. Returns a function that waits for the
    verdicts and one that ends the second process when they will not be asked for (the first
    process failed or was interrupted: no orphan goes on working). ``here`` judges them in this
    process (a small project, or no child to be had)."""
    if not requirements:
        return here, _nothing
    measured = conn.execute("SELECT COUNT(*) FROM borehole WHERE project_id = ? AND lat IS NOT NULL",
                            (project_id,)).fetchone()[0]
    if measured < PARALLEL_FROM:
        return here, _nothing
    try:
        command, env = module_command(__name__)
        # what a failing child says is not kept: the lines are then judged here, which says it again
        child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL, env=env)
    except (OSError, ValueError):  # no process to be had (or a frozen build that cannot run this module)
        return here, _nothing
    assert child.stdin is not None and child.stdout is not None
    with contextlib.suppress(OSError):  # a child that died at once is found out below
        child.stdin.write(pickle.dumps((db, project_id, project_code, requirements)))
        child.stdin.close()

    def result() -> Verdicts:
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
            verdicts = pickle.loads(data)  # our own child's answer
            if (isinstance(verdicts, dict) and set(verdicts) == {r.id for r in requirements}
                    and all(isinstance(o, Outcome) for o in verdicts.values())):
                return verdicts
        return here()

    def cancel() -> None:
        child.kill()
        child.wait()
        for pipe in (child.stdout, child.stdin):
            if pipe is not None:
                with contextlib.suppress(OSError):
                    pipe.close()

    return result, cancel


def _nothing() -> None:
    pass


def _serve() -> None:
    from fieldapp.inspect import run
    from fieldapp.store.database import Store

    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but the verdicts on the pipe
    db, project_id, project_code, requirements = pickle.loads(sys.stdin.buffer.read())
    with Store.open(db, actor="inspect", read_only=True) as store:
        verdicts = run.judge_here(run.Context(store, project_id, project_code), requirements)
    out.write(pickle.dumps(verdicts, protocol=pickle.HIGHEST_PROTOCOL))
    out.flush()


if __name__ == "__main__":
    _serve()
