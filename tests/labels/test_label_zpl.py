"""ZPL for Zebra layouts, delivered byte for byte over TCP, a serial pty, socket:// and a folder."""

from __future__ import annotations

import contextlib
import os
import re
import select
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.printers import (
    FolderPrinter,
    LabelPrinter,
    SerialPrinter,
    TcpPrinter,
    open_printer,
    print_zpl,
)
from fieldapp.errors import DeviceError, LabelError
from fieldapp.labels.data import LabelData
from fieldapp.labels.layouts import get_layout
from fieldapp.labels.plan import plan_label
from fieldapp.labels.zpl import render_labels_zpl

LABELS = [
    LabelData(f"FA-{n:06d}", f"RH24-B03-{n}", "RH2024_017", "B03", "0.50-1.00 m", "2026-11-27",
              "glas ~ ^ 250 ml")
    for n in (1, 22, 333)
] + [LabelData("FA-1E7565XVBS", "M01-1", "2026-0142")]  # as long as FieldApp's own codes get
FORMAT = re.compile(r"\^XA(.*?)\^XZ", re.S)


@pytest.mark.parametrize("name", ["zebra-2x1-203", "zebra-2x1-300"])
def test_one_format_per_container_with_the_right_barcode_commands(name: str) -> None:
    layout = get_layout(name)
    zpl = render_labels_zpl(layout, LABELS)
    formats = FORMAT.findall(zpl)
    assert len(formats) == len(LABELS)
    assert zpl.count("^XA") == zpl.count("^XZ") == len(LABELS)
    width, length = {"zebra-2x1-203": (406, 203), "zebra-2x1-300": (600, 300)}[name]
    for body, label in zip(formats, LABELS, strict=True):
        plan = plan_label(layout, label, printer_encodes=True)
        assert f"^PW{width}" in body and f"^LL{length}" in body
        assert 2 <= plan.bar_module <= 10 and 2 <= plan.qr_module <= 10  # ^BY and ^BQ ranges
        assert (
            f"^BY{plan.bar_module},3,{plan.bar_height}^BCN,{plan.bar_height},N,N,N,A"
            f"^FD{label.barcode}^FS" in body
        )
        assert f"^BQN,2,{plan.qr_module}^FDMA,{label.barcode}^FS" in body
        # Text fields cannot inject commands: ^ and ~ travel hex-escaped.
        texts = re.findall(r"\^FH_\^FD(.*?)\^FS", body)
        assert not any("^" in t or "~" in t for t in texts)
        if label.project_code == "RH2024_017":
            assert any("_7E" in t for t in texts)
            assert "RH2024_5F017 · B03" in texts
        for x, y in re.findall(r"\^FO(\d+),(\d+)", body):
            assert 0 <= int(x) < width and 0 <= int(y) < length


def test_zpl_needs_a_zebra_layout_and_containers() -> None:
    with pytest.raises(LabelError, match="not for a Zebra printer"):
        render_labels_zpl(get_layout("avery-l7651"), LABELS)
    with pytest.raises(LabelError, match="nothing to print"):
        render_labels_zpl(get_layout("zebra-2x1-203"), [])
    too_long = LabelData("FA-" + "9X" * 14, "S", "P")
    with pytest.raises(LabelError, match="too long for a Code 128 on layout zebra-2x1-203"):
        render_labels_zpl(get_layout("zebra-2x1-203"), [LABELS[0], too_long])


class Receiver:
    """A fake printer on 127.0.0.1: accepts connections and keeps what each one sent. A slow one takes 64 kB
    every ``pause`` seconds through a small buffer; one that ``reads`` nothing holds each job unread."""

    def __init__(self, *, pause: float = 0.0, reads: bool = True) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        if pause or not reads:
            self.server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 16384)
        self.port = self.server.getsockname()[1]
        self.pause, self.reads, self.closing = pause, reads, threading.Event()
        self.jobs: list[bytes] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _addr = self.server.accept()
            except OSError:
                return
            with conn:
                chunks = []
                while self.reads and (chunk := conn.recv(65536)):
                    chunks.append(chunk)
                    if self.pause:
                        self.closing.wait(self.pause)
                if not self.reads:
                    self.closing.wait()
                self.jobs.append(b"".join(chunks))

    def close(self) -> None:
        self.closing.set()
        # shutdown() wakes the blocked accept(); close() alone does not on Linux.
        with contextlib.suppress(OSError):
            self.server.shutdown(socket.SHUT_RDWR)
        self.server.close()
        self.thread.join(timeout=5)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver()
    yield r
    r.close()


def zpl_bytes() -> tuple[str, bytes]:
    zpl = render_labels_zpl(get_layout("zebra-2x1-203"), LABELS * 10)
    return zpl, zpl.encode("utf-8")


def wait_for_job(receiver: Receiver) -> bytes:
    for _ in range(500):
        if receiver.jobs:
            return receiver.jobs[0]
        threading.Event().wait(0.01)
    pytest.fail("the fake printer received nothing")


def test_a_printer_on_tcp_port_receives_the_zpl_byte_for_byte(receiver: Receiver) -> None:
    zpl, data = zpl_bytes()
    printer = open_printer(f"tcp:127.0.0.1:{receiver.port}")
    assert isinstance(printer, TcpPrinter) and isinstance(printer, LabelPrinter)
    print_zpl(printer, zpl)
    assert wait_for_job(receiver) == data


def test_a_printer_behind_a_socket_url_receives_the_same(receiver: Receiver) -> None:
    _zpl, data = zpl_bytes()
    SerialPrinter(f"socket://127.0.0.1:{receiver.port}").send(data)
    assert wait_for_job(receiver) == data


@contextlib.contextmanager
def _pty_printer(size: int, piece: int = 65536, pause: float = 0.0) -> Iterator[tuple[str, bytearray]]:
    """The printer's end of a pseudo-terminal, taking ``piece`` bytes every ``pause`` seconds until it has
    ``size``: (the port the job goes to, what the printer took)."""
    master, slave = os.openpty()
    received = bytearray()

    def read() -> None:
        while len(received) < size:
            ready, _w, _x = select.select([master], [], [], 10)
            if not ready:
                return
            received.extend(os.read(master, piece))
            if pause:
                threading.Event().wait(pause)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        yield os.ttyname(slave), received
        reader.join(timeout=30)
    finally:
        os.close(master)
        os.close(slave)


def test_a_printer_on_a_serial_pseudo_terminal_receives_the_same() -> None:
    _zpl, data = zpl_bytes()
    with _pty_printer(len(data)) as (port, received):
        printer = open_printer(f"serial:{port}@115200")
        assert isinstance(printer, SerialPrinter) and printer.baudrate == 115200
        printer.send(data)
    assert bytes(received) == data


def _many_labels(labels: int) -> bytes:
    _zpl, data = zpl_bytes()
    return data * (labels // data.count(b"^XZ"))


def test_a_serial_job_longer_than_the_timeout_goes_through_while_the_printer_takes_it() -> None:
    # the printer takes 8 kB every 50 ms, the whole job 2 s or so: longer than the 1 s a printer may stall
    # (at 9600 baud 1,000 labels take about six minutes; the timeout held for the whole job, so a serial
    # Zebra refused every job over 15 s of data, some 40 labels)
    data = _many_labels(1000)
    told: list[tuple[int, int]] = []
    with _pty_printer(len(data), piece=8192, pause=0.05) as (port, received):
        SerialPrinter(port, 9600, timeout=1.0).send(data, lambda done, total: told.append((done, total)))
    assert bytes(received) == data
    assert told[-1] == (len(data), len(data)) and len(told) > 100
    assert [done for done, _t in told] == sorted({done for done, _t in told})  # forward, piece by piece


def test_a_serial_printer_that_stops_taking_data_is_a_device_error_saying_how_far_it_got() -> None:
    data = _many_labels(100)
    master, slave = os.openpty()  # nobody reads: the port's buffer fills, then nothing moves
    try:
        with pytest.raises(DeviceError) as caught:
            SerialPrinter(os.ttyname(slave), timeout=0.5).send(data)
    finally:
        os.close(master)
        os.close(slave)
    found = re.search(r"did not take the job \((\d+) of (\d+) labels sent\)", caught.value.message)
    assert found is not None and 0 < int(found.group(1)) < int(found.group(2)) == data.count(b"^XZ"), \
        caught.value.message
    assert "print the labels it did not print again" in caught.value.hint


def test_a_network_job_longer_than_the_timeout_goes_through_while_the_printer_takes_it() -> None:
    data = _many_labels(13000)  # 5 MB: more than the sockets hold, a second or two for this printer
    receiver = Receiver(pause=0.02)
    told: list[tuple[int, int]] = []
    try:
        TcpPrinter("127.0.0.1", receiver.port, timeout=1.0).send(data, lambda d, t: told.append((d, t)))
        assert wait_for_job(receiver) == data
    finally:
        receiver.close()
    assert told[-1] == (len(data), len(data)) and len(told) > 10


def test_a_network_printer_that_stops_taking_data_is_a_device_error_saying_how_far_it_got() -> None:
    data = _many_labels(13000)
    receiver = Receiver(reads=False)
    try:
        with pytest.raises(DeviceError) as caught:
            TcpPrinter("127.0.0.1", receiver.port, timeout=0.5).send(data)
    finally:
        receiver.close()
    found = re.search(r"did not take the job \((\d+) of (\d+) labels sent\)", caught.value.message)
    assert found is not None and 0 < int(found.group(1)) < int(found.group(2)) == data.count(b"^XZ")


def test_the_simulated_printer_writes_one_file_per_job(tmp_path: Path) -> None:
    zpl, data = zpl_bytes()
    (tmp_path / "out").mkdir()
    printer = open_printer(f"folder:{tmp_path / 'out'}")
    assert isinstance(printer, FolderPrinter)
    print_zpl(printer, zpl)
    print_zpl(printer, "^XA^XZ\n")
    jobs = printer.jobs()
    assert [p.name for p in jobs] == ["job-00001.zpl", "job-00002.zpl"]
    assert jobs[0].read_bytes() == data
    assert not list((tmp_path / "out").glob(".job-*"))


def test_unreachable_printers_are_device_errors() -> None:
    with socket.create_server(("127.0.0.1", 0)) as s:
        port = s.getsockname()[1]
    with pytest.raises(DeviceError, match=f"127.0.0.1:{port} did not take the job"):
        TcpPrinter("127.0.0.1", port, timeout=5).send(b"^XA^XZ")
    with pytest.raises(DeviceError, match="did not take the job"):
        SerialPrinter("/dev/no-such-printer").send(b"^XA^XZ")
    for spec in ("lpt:1", "tcp", "tcp:host:port", "serial:/dev/ttyS0@fast"):
        with pytest.raises(DeviceError):
            open_printer(spec)


def run_cli(*argv: str) -> int:
    from drivers.cli import register_devices
    from fieldapp.cli import CommandLine, run_handler

    cli = CommandLine()
    register_devices(cli)
    args = cli.parser.parse_args(list(argv))
    return run_handler(args.handler, args)


def test_print_zpl_sends_a_label_file_to_a_network_printer(
    receiver: Receiver, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _zpl, data = zpl_bytes()
    path = tmp_path / "labels.zpl"
    path.write_bytes(data)
    assert run_cli("print-zpl", str(path), "--printer", f"tcp:127.0.0.1:{receiver.port}") == 0
    assert wait_for_job(receiver) == data
    assert f"{len(LABELS) * 10} labels sent" in capsys.readouterr().out


def test_print_zpl_refuses_a_file_that_is_not_zpl(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "labels.pdf"
    path.write_bytes(b"%PDF-1.4 ...")
    out = tmp_path / "jobs"
    assert run_cli("print-zpl", str(path), "--printer", f"folder:{out}") == 1
    assert "not a ZPL label file" in capsys.readouterr().err
    assert not out.exists()
