"""A device syncing with a "hub" that answers garbage (a tiny HTTP server on
127.0.0.1: a proxy's error page, a cut-off answer, wrong types, a cursor that
goes back, a forged receipt) stops with a SyncError naming what is wrong; its
database is byte-for-byte what it was (an SQL dump before and after) and
still passes `fieldapp verify`.

Before the fix these were JSONDecodeError, TypeError, KeyError, an endless
pull, numbers kept in the journal as text or fractions, a stamp beyond 64 bits
kept as the clock's ``observed_hlc`` (the file could not be written again),
edits marked as sent that never were, and a forged receipt kept (every later
verify failed).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from helpers import device
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldapp.domain import project
from fieldapp.errors import SyncError
from fieldapp.store.verify import verify
from fieldapp.sync.client import HubClient
from fieldapp.sync.engine import enroll, sync
from fieldapp.sync.local import PUSHED, Replica
from fieldapp.sync.receipt import Receipt
from fieldapp.sync.replica import chain_hash

Answer = tuple[int, str, bytes]  # status, content type, body


class FakeHub:
    """Answers each request with the next of ``answers`` (the last one again when they run out)."""

    def __init__(self) -> None:
        self.answers: list[Answer] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: object) -> None:
                pass

            def _answer(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                status, kind, content = fake.answers.pop(0) if len(fake.answers) > 1 else fake.answers[0]
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            do_GET = do_POST = do_PUT = _answer

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeHub]:
    hub = FakeHub()
    yield hub
    hub.server.shutdown()
    hub.server.server_close()


def dump(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


@pytest.fixture
def pristine(tmp_path: Path) -> Path:
    """A device file with a project, enrolled (its token kept); ``sent`` copies have pushed it."""
    session = device(tmp_path, "dev")
    project.create(session, code="P1", name="one")
    Replica(session.store).put_committed(token="tok")
    session.close()
    return tmp_path / "dev.sqlite"


def copy_of(pristine: Path, name: str, *, sent: bool) -> Path:
    path = pristine.with_name(f"{name}.sqlite")
    shutil.copy(pristine, path)
    if sent:  # the project is on the hub: a sync only pulls
        conn = sqlite3.connect(path)
        with conn:
            conn.execute("INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, "
                         "(SELECT MAX(device_seq) FROM journal))", (PUSHED,))
        conn.close()
    return path


def sync_against(fake: FakeHub, path: Path, answers: list[Answer]) -> SyncError:
    """Sync the device at ``path`` with the fake hub; the SyncError it must raise."""
    fake.answers = answers
    session = device(path.parent, path.stem)
    try:
        with HubClient(fake.url, timeout=10) as client, pytest.raises(SyncError) as caught:
            sync(session.store, client)
    finally:
        session.close()
    return caught.value


def verified(path: Path) -> None:
    session = device(path.parent, path.stem)
    try:
        verify(session.store)
    finally:
        session.close()


def js(value: object) -> Answer:
    return 200, "application/json", json.dumps(value).encode()


CHANGE = {"device_id": "01900000-0000-7000-8000-000000000001", "device_seq": 1, "hlc": 117746235483226112,
          "action_id": "01900000-0000-7000-8000-000000000002", "action": "New project", "actor": "other",
          "at": "2026-01-01T00:00:00Z", "tbl": "project", "row_id": "01900000-0000-7000-8000-000000000003",
          "op": "insert", "fields": json.dumps({"id": "01900000-0000-7000-8000-000000000003", "code": "P9",
                                                "name": "nine"}, sort_keys=True), "seen": 0, "eff": 0}


def page(*changes: object, **over: Any) -> Answer:
    return js({"changes": list(changes), "cursor": 5, "more": False, "server_ms": 0, "replica": None, **over})


def change(**over: Any) -> dict[str, Any]:
    return {**CHANGE, **over}


# (name, answers, words the error must hold)
PULLS: list[tuple[str, list[Answer], str]] = [
    ("an empty 200", [(200, "application/json", b"")], "not JSON"),
    ("a proxy's HTML page", [(200, "text/html", b"<html><body>Welcome to the hotel wifi</body></html>")],
     "not JSON (text/html"),
    ("a cut-off answer", [(200, "application/json", b'{"changes": [{"device_id": "x"')], "not JSON"),
    ("a list", [js([1, 2])], "not an object"),
    ("no changes", [js({"cursor": 5, "more": False})], "changes is None"),
    ("a change that is a number", [page(1)], "change 1 is 1"),
    ("a change without fields", [page({})], "change 1 lacks"),
    ("a device_seq as text", [page(change(device_seq="5"))], "device_seq is '5'"),
    ("a device_seq with a fraction", [page(change(device_seq=1.5))], "device_seq is 1.5"),
    ("a device_seq beyond 64 bits", [page(change(device_seq=2**70))], "device_seq"),
    ("a negative device_seq", [page(change(device_seq=-3))], "device_seq is -3"),
    ("no hlc", [page(change(hlc=None))], "hlc is None"),
    ("an hlc beyond 64 bits", [page(change(hlc=2**70))], "hlc"),
    ("a stamp the clock cannot take", [page(change(eff=2**63 - 1))], "stamp"),
    ("fields as an object", [page(change(fields={"a": 1}))], "fields is {'a': 1}, not text"),
    ("an operation nobody writes", [page(change(op="drop"))], "operation 'drop'"),
    ("a row id as a number", [page(change(row_id=5))], "row_id is 5"),
    ("a cursor as text", [page(cursor="abc")], "cursor is 'abc'"),
    ("a cursor before the one asked", [page(cursor=-5)], "cursor is -5"),
    ("a cursor beyond 64 bits", [page(cursor=2**70)], "cursor"),
    ("more as text", [page(more="no")], "more is 'no'"),
    ("more without a cursor moving on", [page(cursor=0, more=True)], "cursor stays at 0"),
    ("a replica record as text", [page(replica="x")], "replica is 'x'"),
    ("a replica record without a number", [page(replica={"hash": ""})], "replica.seq is None"),
]


@pytest.mark.parametrize(("name", "answers", "words"), PULLS, ids=[c[0] for c in PULLS])
def test_a_garbage_pull_answer_is_a_sync_error_and_changes_nothing(
        fake: FakeHub, pristine: Path, name: str, answers: list[Answer], words: str) -> None:
    path = copy_of(pristine, "puller", sent=True)
    before = dump(path)
    error = sync_against(fake, path, answers)
    assert words in str(error), (name, str(error))
    assert "Nothing of it was kept" in str(error)
    assert dump(path) == before
    verified(path)


def _receipt(path: Path, *, forged: bool) -> dict[str, Any]:
    """A receipt of the device's first change: signed by a key but with a broken signature (``forged``),
    or signed right but for a hash this file does not hold."""
    session = device(path.parent, path.stem)
    replica_id, chained = session.store.device_id, chain_hash(session.store, session.store.device_id, 1)
    session.close()
    key = Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()
    receipt = Receipt(replica_id, 1, str(chained) if forged else "00" * 32, "hub-device", "2026-01-01T00:00:00Z",
                      public).signed(key)
    wire = receipt.to_wire()
    if forged:
        wire["signature"] = "11" * 64
    return wire


def pushed(upto: int = 1, **over: Any) -> dict[str, Any]:
    return {"accepted": 1, "duplicates": 0, "conflicts": 0, "upto": upto, "bounded": [], "clock_offset_ms": 0,
            "clock_flagged": False, "receipt": None, **over}


@pytest.mark.parametrize(("name", "words"), [
    ("upto beyond what was sent", "upto is 1000000"),
    ("bounded garbage", "bounded"),
    ("accepted as text", "accepted is 'x'"),
    ("a forged receipt", "not signed by the key it names"),
    ("a receipt of another chain", "holds no such change"),
])
def test_a_garbage_push_answer_marks_nothing_sent(fake: FakeHub, pristine: Path, name: str, words: str) -> None:
    path = copy_of(pristine, "pusher", sent=False)
    answers = {"upto beyond what was sent": pushed(upto=10**6), "bounded garbage": pushed(bounded=[[1]]),
               "accepted as text": pushed(accepted="x"),
               "a forged receipt": pushed(receipt=_receipt(path, forged=True)),
               "a receipt of another chain": pushed(receipt=_receipt(path, forged=False))}
    before = dump(path)
    error = sync_against(fake, path, [js(answers[name])])
    assert words in str(error), (name, str(error))
    assert dump(path) == before  # nothing marked as sent, no receipt kept
    verified(path)


def test_a_garbage_enrolment_answer_keeps_no_token(fake: FakeHub, tmp_path: Path) -> None:
    session = device(tmp_path, "new")
    fake.answers = [js({"token": None, "role": "admin"})]
    with HubClient(fake.url, timeout=10) as client, pytest.raises(SyncError, match="no usable token"):
        enroll(session.store, client, "ABCD-EFGH-JKMN")
    assert Replica(session.store).get("token") == ""
    session.close()


# --- anything at all -----------------------------------------------------------------------------------

_JUNK = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-2**70, max_value=2**70) | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=st.sampled_from(["page", "changes", "cursor", "more", "replica", *CHANGE]), junk=_JUNK)
def test_any_junk_in_a_pull_answer_is_applied_whole_or_refused_whole(
        fake: FakeHub, pristine: Path, where: str, junk: object) -> None:
    """One value of a good page (or of its one change) replaced by junk: the sync either takes the page
    (an odd but well-formed value: the change applied, or skipped and noted as invalid) or raises a
    SyncError with the file untouched; never anything else, and the file always passes verify."""
    path = copy_of(pristine, "junk", sent=True)
    before = dump(path)
    answer = (page(change(**{where: junk})) if where in CHANGE else js(junk) if where == "page"
              else page(change(), **{where: junk}))
    fake.answers = [answer, page(cursor=5)]
    session = device(path.parent, path.stem)
    try:
        with HubClient(fake.url, timeout=10) as client:
            sync(session.store, client)
        refused = False
    except SyncError:
        refused = True
    finally:
        session.close()
    if refused:
        assert dump(path) == before
    verified(path)


def _photo_device(tmp_path: Path) -> tuple[Any, str]:
    """A device holding one real JPEG, and its hash."""
    from test_sync_photos import picture

    from fieldapp.domain import photo

    session = device(tmp_path, "photos")
    proj = project.create(session, code="P2", name="photos")
    taken = photo.add(session, proj.id, picture(tmp_path / "IMG_0001.jpg", side=300))
    return session, taken.sha256


@pytest.mark.parametrize(("answers", "said"), [
    # the hub says it now holds what it held before: the device would send the same bytes forever
    ([(200, "application/json", b'{"offset": 0}')], "offset is 0, not a whole number from 1"),
    ([(200, "application/json", b'{"offset": 99999999999}')], "offset is 99999999999"),
    ([(200, "application/json", b'{"offset": "12"}')], "offset is '12'"),
    ([(200, "text/html", b"<html>proxy</html>")], "it names no offset"),
    ([(409, "application/json", b'{"offset": -5}')], "offset is -5"),
])
def test_a_photo_upload_answered_with_garbage_stops_with_a_sync_error(
        fake: FakeHub, tmp_path: Path, answers: list[Answer], said: str) -> None:
    from fieldapp.sync import photos

    session, sha = _photo_device(tmp_path)
    fake.answers = answers
    try:
        with HubClient(fake.url, timeout=10) as client, pytest.raises(SyncError) as caught:
            photos._send(session.store, client, sha, 0, photos.PhotoReport(), 64 << 10)
    finally:
        session.close()
    assert said in str(caught.value), caught.value
    assert "cannot use" in str(caught.value)


@pytest.mark.parametrize("body", [b'{"lacking": "all"}', b'{"lacking": [{"sha256": 5, "offset": 0}]}',
                                  b'{"lacking": [{"sha256": "ab", "offset": 1.5}]}', b"[]", b"{}"])
def test_a_lacking_answer_that_is_garbage_stops_with_a_sync_error(fake: FakeHub, tmp_path: Path, body: bytes) -> None:
    from fieldapp.sync import photos

    session, sha = _photo_device(tmp_path)
    fake.answers = [(200, "application/json", body)]
    try:
        with HubClient(fake.url, timeout=10) as client, pytest.raises(SyncError, match="cannot use"):
            photos._upload(session.store, client, photos.PhotoReport(), 64 << 10, None, [sha], None)
    finally:
        session.close()


_CONFLICT = {"id": "c1", "pos": 1, "tbl": "borehole", "row_id": "r1", "field": "code", "kind": "edit",
             "value": '"B02"', "loser_device": "d1", "loser_seq": 1, "loser_hlc": 1 << 40,
             "winner_device": "d2", "winner_seq": 1, "winner_hlc": 1 << 40}


@pytest.mark.parametrize(("changed", "said"), [
    # a coordinator's "take the other value" writes the value into the table and field the conflict names:
    # names that are no synced field would reach the UPDATE's SQL
    ({"tbl": "borehole; DROP TABLE journal"}, "which is no field FieldApp syncs"),
    ({"field": "code = 'x', project_id"}, "which is no field FieldApp syncs"),
    ({"tbl": "journal", "field": "hash"}, "which is no field FieldApp syncs"),
    ({"id": "../../v1/push"}, "is not one a hub gives"),
    ({"value": '"' + "9" * 500 + '"', "field": "final_depth_cm", "tbl": "borehole"}, "must be a whole number"),
    ({"loser_hlc": "soon"}, "loser_hlc is 'soon'"),
    ({"row_id": None}, "row_id is None, not text"),
])
def test_a_conflict_list_of_garbage_is_refused_before_anything_is_written(
        fake: FakeHub, pristine: Path, changed: dict[str, Any], said: str) -> None:
    from fieldapp.sync.review import open_conflicts

    path = copy_of(pristine, "coordinator", sent=True)
    session = device(path.parent, path.stem)
    Replica(session.store).put_committed(hub_url=fake.url)
    session.close()
    before = dump(path)
    fake.answers = [(200, "application/json", json.dumps([{**_CONFLICT, **changed}]).encode())]
    with pytest.raises(SyncError) as caught:
        open_conflicts(path)
    assert said in str(caught.value) and "cannot use" in str(caught.value), caught.value
    assert dump(path) == before


def test_a_sound_conflict_list_is_read(fake: FakeHub, pristine: Path) -> None:
    from fieldapp.sync.review import open_conflicts

    path = copy_of(pristine, "coordinator", sent=True)
    session = device(path.parent, path.stem)
    Replica(session.store).put_committed(hub_url=fake.url)
    session.close()
    fake.answers = [(200, "application/json", json.dumps([_CONFLICT]).encode())]
    (conflict,) = open_conflicts(path)
    assert (conflict.table, conflict.field, conflict.losing, conflict.row_exists) == ("borehole", "code", "B02", False)
