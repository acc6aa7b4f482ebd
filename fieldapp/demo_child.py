"""The demo's generator process, seen from the writer (the child's side is ``fieldapp.demo_boreholes.serve``).

A plain child process, not multiprocessing: that would re-import the caller's
main script, and a script without a main guard would break. The child is this
fieldapp, interpreted or frozen; what it says goes to a file, which cannot fill
up and stall it as a pipe can. Its chunks (8 bytes of length, then a pickle) are
read by a thread as they come: a pipe holds less than one chunk, and without
the thread the child would wait for the writer at every chunk instead of
working ahead of it on its own core.

The work goes to the child's stdin as 8 bytes of length and a pickle; after it,
the writer sends one byte for each result it takes. The child so knows how far
ahead of the writer it is (:class:`Taken`), and leaves work the writer can do as
well (hashing the rows) to the writer while the writer would otherwise wait.
"""

from __future__ import annotations

import contextlib
import pickle
import queue
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from typing import IO, Any

from fieldapp.errors import FieldAppError
from fieldapp.runtime import module_command

AHEAD = 16  # chunks the child may make before the writer takes them (a few MB)


class Generator:
    """A running child: send it its work once, then take its results in order."""

    def __init__(self, process: subprocess.Popen[bytes], said: IO[bytes]) -> None:
        self.process, self.said = process, said
        self._chunks: queue.Queue[bytes | None] = queue.Queue(AHEAD)
        self._stop = threading.Event()
        self._reader: threading.Thread | None = None

    def send(self, work: object, results: int) -> None:
        """The child's work (pickled to its stdin), and how many results it will give."""
        assert self.process.stdin is not None
        data = pickle.dumps(work)
        try:
            self.process.stdin.write(len(data).to_bytes(8, "big") + data)
            self.process.stdin.flush()
        except BrokenPipeError:
            pass  # it died at once; what it said is read when a result is asked for
        self._reader = threading.Thread(target=self._read, args=(results,), name="demo generator", daemon=True)
        self._reader.start()

    def _read(self, results: int) -> None:
        stream = self.process.stdout
        assert stream is not None
        for _ in range(results):
            head = stream.read(8)
            size = int.from_bytes(head, "big")
            data = stream.read(size) if len(head) == 8 else b""
            if not self._put(data if len(head) == 8 and len(data) == size else None):
                return  # it stopped short, or the writer stopped taking

    def _put(self, item: bytes | None) -> bool:
        while not self._stop.is_set():
            with contextlib.suppress(queue.Full):
                self._chunks.put(item, timeout=0.1)
                return item is not None
        return False

    def results(self, count: int) -> Iterator[Any]:
        """The child's ``count`` results, in order; a clear error if it stops before."""
        for _ in range(count):
            data = self._chunks.get()
            if data is None:
                self.process.wait()
                self.said.seek(0)
                why = self.said.read().decode(errors="replace").strip().splitlines()
                raise FieldAppError(f"The demo generator stopped: {why[-1] if why else 'no message'}",
                                    hint="Run it again; if it stops again, report this message.")
            self._took()
            # our own child's output, read back by the program that wrote it
            yield pickle.loads(data)

    def _took(self) -> None:
        """Tell the child that one more result was taken (see :class:`Taken`)."""
        stdin = self.process.stdin
        with contextlib.suppress(OSError, ValueError):  # it finished, or died: its results say which
            if stdin is not None:
                stdin.write(b"\x01")
                stdin.flush()

    def close(self) -> None:
        self.process.kill()
        self.process.wait()
        self._stop.set()
        if self._reader is not None:
            self._reader.join()  # the child is gone: its pipe is at its end
        for pipe in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(OSError):  # a pipe to a dead child may refuse to flush
                if pipe is not None:
                    pipe.close()


class Taken:
    """The child's side of the acknowledgements: how many results the writer has taken.

    Read from ``stream`` (the child's stdin, unbuffered, after the work) by a thread, so that
    the child never waits for them; a writer that stops sending them (it died or
    finished) leaves the count where it was."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.count = 0
        self._stream = stream
        threading.Thread(target=self._read, name="results taken", daemon=True).start()

    def _read(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            while data := self._stream.read(4096):  # unbuffered: what has come, without waiting for more
                self.count += len(data)


def read_work(stream: IO[bytes]) -> Any:
    """The child's side of :meth:`Generator.send`: the work, unpickled."""
    head = _exactly(stream, 8)
    if len(head) != 8:
        raise SystemExit("FieldApp's demo generator was given no work.")
    # our own parent's input, written by the program that reads it
    return pickle.loads(_exactly(stream, int.from_bytes(head, "big")))


def _exactly(stream: IO[bytes], size: int) -> bytes:
    """``size`` bytes, or fewer at the end of the stream: an unbuffered read gives what has come so far."""
    parts, left = [], size
    while left and (part := stream.read(left)):
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


@contextlib.contextmanager
def started(module: str) -> Iterator[Generator]:
    """``python -m module`` (or the frozen program running it) as a :class:`Generator`, ended on leaving."""
    command, env = module_command(module)
    with tempfile.TemporaryFile() as said:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=said, env=env)
        child = Generator(process, said)
        try:
            yield child
        finally:
            child.close()
