"""Photos between devices through a real hub on 127.0.0.1: the file travels
once, by content, and an upload cut off half-way resumes where the hub's
copy ends (issue 15 item 5)."""

from __future__ import annotations

import hashlib
import io
import os
import random
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from helpers import device, enrolled
from hubserver import serve

from fieldapp.domain import borehole, photo, project
from fieldapp.errors import HubUnreachableError
from fieldapp.hub.photo_put import HAND_OFF
from fieldapp.hub.photos import HubBlobs
from fieldapp.hub.service import HubService
from fieldapp.positions.model import Accuracy, DateFlag, Fix, FixType, SigmaSource
from fieldapp.store import journal
from fieldapp.store.verify import verify
from fieldapp.sync.client import HubClient
from fieldapp.sync.engine import sync

CHUNK = 64 * 1024


def picture(path: Path, *, seed: int = 1, side: int = 600, taken: str | None = "2026:09:14 10:31:02") -> Path:
    """A real JPEG of noise (it does not compress: some hundreds of kB), with the camera's time."""
    from PIL import Image

    rng = random.Random(seed)
    image = Image.frombytes("RGB", (side, side), rng.randbytes(side * side * 3))
    exif = Image.Exif()
    if taken:
        exif.get_ifd(0x8769)[0x9003] = taken
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=95, exif=exif)
    path.write_bytes(buf.getvalue())
    return path


def a_fix() -> Fix:
    return Fix(time=datetime(2026, 9, 14, 8, 30, tzinfo=UTC), date_flag=DateFlag.OK, lat=52.1, lon=5.2,
               alt_msl=None, alt_hae=None, fix_type=FixType.RTK_FIXED, sats=14, hdop=0.7,
               accuracy=Accuracy(0.03, 0.02, 0.02, SigmaSource.GST), bro_class=None, raw=())


@pytest.fixture()
def photo_hub(hub: tuple[HubService, str], tmp_path: Path) -> Iterator[tuple[HubService, str]]:
    """The hub of either store, with a photo folder of its own."""
    service, url = hub
    kept = service.blobs
    service.blobs = HubBlobs(tmp_path / "hub-photos")
    yield service, url
    service.blobs = kept


class CutOff(httpx.BaseTransport):
    """Real HTTP; after ``chunks`` photo chunks have reached the hub, the device
    stops (the connection is gone), as when it is switched off mid-upload."""

    def __init__(self, chunks: int = -1, corrupt_chunk: int = -1, corrupt_fetch: bool = False) -> None:
        self.inner = httpx.HTTPTransport()
        self.chunks, self.corrupt_chunk, self.corrupt_fetch = chunks, corrupt_chunk, corrupt_fetch
        self.sent = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "PUT" and "/v1/blobs/" in request.url.path:
            if self.sent == self.chunks:
                raise httpx.ConnectError("device switched off (injected)", request=request)
            if self.sent == self.corrupt_chunk:
                body = bytearray(request.read())
                body[len(body) // 2] ^= 0xFF
                request = httpx.Request(request.method, request.url, headers=request.headers, content=bytes(body))
            self.sent += 1
        response = self.inner.handle_request(request)
        if self.corrupt_fetch and request.method == "GET" and "/v1/blobs/" in request.url.path:
            self.corrupt_fetch = False
            body = bytearray(response.read())
            body[100] ^= 0xFF
            return httpx.Response(response.status_code, headers=response.headers, content=bytes(body))
        return response

    def close(self) -> None:
        self.inner.close()


def test_photo_taken_on_one_device_appears_on_another(photo_hub: tuple[HubService, str], tmp_path: Path) -> None:
    service, url = photo_hub
    a, b = device(tmp_path, "a"), device(tmp_path, "b")
    ca, cb = enrolled(service, url, a), enrolled(service, url, b)
    proj = project.create(a, code="P1", name="one")
    hole = borehole.create(a, proj.id, code="B01")
    source = picture(tmp_path / "IMG_0001.jpg")
    sha = hashlib.sha256(source.read_bytes()).hexdigest()
    taken = photo.add(a, proj.id, source, object_kind="borehole", object_id=hole.id, caption="boorgat B01",
                      fix=a_fix())
    assert (taken.sha256, taken.taken_at, taken.time_source) == (sha, "2026-09-14T10:31:02", "exif")
    assert (taken.lat, taken.lon, taken.position_source) == (52.1, 5.2, "rtk-fixed")
    # the same picture attached to the site too: one file, one upload
    photo.add(a, proj.id, source, caption="terrein")

    sent = sync(a.store, ca)
    assert (sent.photos.sent, sent.photos.bytes_sent) == (1, source.stat().st_size)
    assert service.photo_files().held(sha).complete
    got = sync(b.store, cb)
    assert got.photos.fetched == 1 and got.photos.damaged == 0
    shown = photo.of_borehole(b.store, hole.id)
    assert [p.caption for p in shown] == ["boorgat B01"]
    stored = photo.blobs(b.store).path(sha)
    assert stored.parent.parent == tmp_path / "b.photos"
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == sha
    # never twice: later syncs send and fetch nothing, and ask the hub about nothing
    again_a, again_b = sync(a.store, ca), sync(b.store, cb)
    assert again_a.photos.bytes_sent == again_b.photos.bytes_fetched == 0
    # the audit chain names the hash, on both devices
    for s in (a, b):
        ids = [r["id"] for r in s.store.query("SELECT DISTINCT row_id AS id FROM journal WHERE tbl = 'photo'")]
        texts = [text for i in ids for _, text in journal.history(s.store.conn, "photo", i)]
        assert sum(sha in text for text in texts) == 2
        verify(s.store)
    for x in (a, b, ca, cb):
        x.close()


def test_a_cut_off_upload_sends_only_the_rest(tmp_path: Path) -> None:
    """The device stops after 3 chunks, the hub process is restarted, and the
    next sync sends only what the hub did not get."""
    hub_file = tmp_path / "hub.sqlite"
    service = HubService.open(f"sqlite:///{hub_file}")
    a = device(tmp_path, "a")
    proj = project.create(a, code="P1", name="one")
    source = picture(tmp_path / "IMG_0002.jpg", side=600)
    size = source.stat().st_size
    assert size > 5 * CHUNK
    taken = photo.add(a, proj.id, source)
    cut = CutOff(chunks=3)
    with serve(service) as url:
        client = enrolled(service, url, a, transport=cut)
        with pytest.raises(HubUnreachableError):
            sync(a.store, client, photo_chunk=CHUNK)
        client.close()
    service.close()
    restarted = HubService.open(f"sqlite:///{hub_file}")
    assert restarted.photo_files().held(taken.sha256).offset == 3 * CHUNK
    with serve(restarted) as url:
        client = HubClient(url)  # enrolled already: the token is in the device's file
        report = sync(a.store, client, photo_chunk=CHUNK)
        client.close()
    assert (report.photos.sent, report.photos.bytes_sent) == (1, size - 3 * CHUNK)
    assert report.pushed > 0  # the rows went after the file
    assert restarted.photo_files().files.verify(taken.sha256)
    restarted.close()
    a.close()


def test_a_photo_another_device_is_sending_just_now_does_not_stop_the_sync(
        photo_hub: tuple[HubService, str], tmp_path: Path) -> None:
    """The same picture on two devices: while the hub receives it from one, the
    other's sync pushes its rows and leaves the file to the next sync (it used to
    fail whole with "receiving this photo from another sync")."""
    service, url = photo_hub
    a, b = device(tmp_path, "a"), device(tmp_path, "b")
    ca, cb = enrolled(service, url, a), enrolled(service, url, b)
    proj = project.create(a, code="P1", name="one")
    source = picture(tmp_path / "IMG_0003.jpg", seed=3)
    content = source.read_bytes()
    taken = photo.add(a, proj.id, source, caption="terrein")
    # another device's upload of the same content is under way: its first chunk is in
    other = service.photo_files().begin(taken.sha256, 0, len(content))
    assert other is not None
    other.write(content[:CHUNK])
    sent = sync(a.store, ca)
    assert (sent.photos.busy, sent.photos.sent, sent.pending) == (1, 0, 0)  # the rows went all the same
    assert not a.store.query("SELECT 1 FROM photo_on_hub WHERE sha256 = ?", (taken.sha256,))
    early = sync(b.store, cb)
    assert early.photos.waiting == 1 and photo.of_project(b.store, proj.id)
    verify(b.store)  # a pulled row whose file no sync has fetched yet is not a missing photo
    # the other upload is cut off after its chunk; a's next sync sends only the rest
    service.photo_files().finish(other)
    again = sync(a.store, ca)
    assert (again.photos.busy, again.photos.sent, again.photos.bytes_sent) == (0, 1, len(content) - CHUNK)
    assert service.photo_files().files.verify(taken.sha256)
    got = sync(b.store, cb)
    assert got.photos.fetched == 1 and photo.blobs(b.store).verify(taken.sha256)
    for x in (a, b, ca, cb):
        x.close()


def test_a_damaged_upload_is_refused_and_sent_again(photo_hub: tuple[HubService, str], tmp_path: Path) -> None:
    service, url = photo_hub
    a = device(tmp_path, "a")
    proj = project.create(a, code="P1", name="one")
    source = picture(tmp_path / "IMG_0003.jpg", side=300)
    size = source.stat().st_size
    taken = photo.add(a, proj.id, source)
    client = enrolled(service, url, a, transport=CutOff(corrupt_chunk=1))
    report = sync(a.store, client, photo_chunk=CHUNK)
    # the whole file once damaged, refused when complete, then once whole
    assert (report.photos.sent, report.photos.bytes_sent) == (1, 2 * size)
    assert service.photo_files().files.verify(taken.sha256)
    client.close()
    a.close()


def test_a_damaged_download_is_not_kept(photo_hub: tuple[HubService, str], tmp_path: Path) -> None:
    service, url = photo_hub
    a, b = device(tmp_path, "a"), device(tmp_path, "b")
    ca = enrolled(service, url, a)
    cb = enrolled(service, url, b, transport=CutOff(corrupt_fetch=True))
    proj = project.create(a, code="P1", name="one")
    taken = photo.add(a, proj.id, picture(tmp_path / "IMG_0004.jpg", side=200))
    sync(a.store, ca)
    first = sync(b.store, cb)
    assert (first.photos.fetched, first.photos.damaged) == (0, 1)
    assert not photo.blobs(b.store).has(taken.sha256)
    assert "did not match their SHA-256" in first.summary()
    second = sync(b.store, cb)
    assert second.photos.fetched == 1 and photo.blobs(b.store).verify(taken.sha256)
    for x in (a, b, ca, cb):
        x.close()


def test_a_sampler_fetches_only_photos_of_its_projects(photo_hub: tuple[HubService, str], tmp_path: Path) -> None:
    service, url = photo_hub
    a, s = device(tmp_path, "a"), device(tmp_path, "s")
    ca = enrolled(service, url, a)
    cs = enrolled(service, url, s, role="sampler", projects=("P2",))
    p1 = project.create(a, code="P1", name="one")
    secret = photo.add(a, p1.id, picture(tmp_path / "IMG_0005.jpg", side=100))
    sync(a.store, ca)
    answer = cs.send("GET", f"/v1/blobs/{secret.sha256}")
    assert answer.status_code == 403
    assert sync(s.store, cs).photos.fetched == 0
    for x in (a, s, ca, cs):
        x.close()


def test_a_photo_upload_is_refused_whole_to_the_wrong_device_or_request(
        photo_hub: tuple[HubService, str], tmp_path: Path) -> None:
    """The upload route is served before FastAPI: it checks the token, the role, the schema
    version and the query itself, and a refused request leaves nothing on the hub."""
    service, url = photo_hub
    a, lab = device(tmp_path, "a"), device(tmp_path, "lab")
    ca, cl = enrolled(service, url, a), enrolled(service, url, lab, role="lab", lab="SYNLAB")
    content = picture(tmp_path / "IMG_0006.jpg", side=100).read_bytes()
    sha = hashlib.sha256(content).hexdigest()
    put = {"params": {"offset": 0, "size": len(content)}, "content": content}
    assert cl.send("PUT", f"/v1/blobs/{sha}", **put).status_code == 403
    stranger = HubClient(url, token="not-a-token")
    assert stranger.send("PUT", f"/v1/blobs/{sha}", **put).status_code == 401
    old = HubClient(url, token=ca.token, schema_version=1)
    assert old.send("PUT", f"/v1/blobs/{sha}", **put).status_code == 426
    no_size = ca.send("PUT", f"/v1/blobs/{sha}", params={"offset": 0}, content=content)
    assert no_size.status_code == 422 and "size" in no_size.json()["detail"]
    assert ca.send("PUT", "/v1/blobs/not-a-hash", **put).status_code == 422
    too_far = ca.send("PUT", f"/v1/blobs/{sha}", params={"offset": 5, "size": len(content)}, content=content)
    assert (too_far.status_code, too_far.json()["offset"]) == (409, 0)
    held = service.photo_files().held(sha)
    assert (held.offset, held.complete) == (0, False)
    ok = ca.send("PUT", f"/v1/blobs/{sha}", **put)
    assert ok.json() == {"offset": len(content), "complete": True}
    assert service.photo_files().files.verify(sha)
    for x in (a, lab, ca, cl, stranger, old):
        x.close()


class Recorded(CutOff):
    """CutOff that also notes each request the device makes; ``older_hub``
    answers a pull sent as POST as a hub from before that route does (405)."""

    def __init__(self, chunks: int = -1, *, older_hub: bool = False) -> None:
        super().__init__(chunks)
        self.older_hub = older_hub
        self.requests: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        self.requests.append(f"{request.method} {'/v1/blobs/' if request.method == 'PUT' else path}")
        if self.older_hub and (request.method, path) == ("POST", "/v1/pull"):
            return httpx.Response(405, json={"detail": "Method Not Allowed"})
        return super().handle_request(request)


def test_with_no_rows_to_push_the_first_pull_asks_for_the_photo_files(
        photo_hub: tuple[HubService, str], tmp_path: Path) -> None:
    """The rows reached a hub that kept no photos; once it keeps them, the next
    sync asks which files it lacks in its first pull and sends the file: two
    requests, where it took three. Cut off mid-file, the sync after sends the rest."""
    service, url = photo_hub
    folder, service.blobs = service.blobs, None
    a = device(tmp_path, "a")
    wire = Recorded(chunks=3)
    ca = enrolled(service, url, a, transport=wire)
    proj = project.create(a, code="P1", name="one")
    source = picture(tmp_path / "IMG_0007.jpg", seed=7)
    size = source.stat().st_size
    taken = photo.add(a, proj.id, source)
    first = sync(a.store, ca)
    assert first.photos.hub_keeps_none and first.pending == 0 and "keeps no photos" in first.summary()
    wire.requests.clear()
    still = sync(a.store, ca)  # nothing to push; the hub still keeps no photos: one request
    assert still.photos.hub_keeps_none and wire.requests == ["POST /v1/pull"]
    service.blobs = folder
    wire.requests.clear()
    with pytest.raises(HubUnreachableError):
        sync(a.store, ca, photo_chunk=CHUNK)
    assert wire.requests == ["POST /v1/pull"] + ["PUT /v1/blobs/"] * 4  # the fourth never left
    assert service.photo_files().held(taken.sha256).offset == 3 * CHUNK
    wire.chunks, wire.requests = -1, []
    rest = sync(a.store, ca)
    assert (rest.photos.sent, rest.photos.bytes_sent, rest.photos.hub_keeps_none) == (1, size - 3 * CHUNK, False)
    assert wire.requests == ["POST /v1/pull", "PUT /v1/blobs/"]
    assert service.photo_files().files.verify(taken.sha256)
    wire.requests.clear()
    idle = sync(a.store, ca)  # confirmed: not asked about again
    assert idle.photos.bytes_sent == 0 and wire.requests == ["GET /v1/pull"]
    a.close()
    ca.close()


def test_a_hub_from_before_the_question_in_the_pull_is_asked_apart(
        photo_hub: tuple[HubService, str], tmp_path: Path) -> None:
    service, url = photo_hub
    a = device(tmp_path, "a")
    wire = Recorded(older_hub=True)
    ca = enrolled(service, url, a, transport=wire)
    proj = project.create(a, code="P1", name="one")
    taken = photo.add(a, proj.id, picture(tmp_path / "IMG_0008.jpg", seed=8, side=200))
    sync(a.store, ca)
    # the hub lost the file (restored from an older copy); the device is told it lacks it again
    service.photo_files().files.path(taken.sha256).unlink()
    a.store.conn.execute("DELETE FROM photo_on_hub")
    wire.requests.clear()
    again = sync(a.store, ca)
    assert again.photos.sent == 1 and service.photo_files().files.verify(taken.sha256)
    assert wire.requests == ["POST /v1/pull", "GET /v1/pull", "POST /v1/blobs/lacking", "PUT /v1/blobs/"]
    a.close()
    ca.close()


class CutMidBody(CutOff):
    """Real HTTP; the first photo upload stops after ``after`` bytes of its body
    and the connection is gone (the device switched off in the middle of a request)."""

    def __init__(self, after: int, before_cut: Callable[[], None] = lambda: None) -> None:
        super().__init__()
        self.after = after
        self.before_cut = before_cut

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "PUT" and self.after:
            head, self.after = request.read()[:self.after], 0

            def cut() -> Iterator[bytes]:
                for start in range(0, len(head), CHUNK):
                    yield head[start:start + CHUNK]
                self.before_cut()
                raise httpx.WriteError("device switched off mid-request (injected)")

            request = httpx.Request(request.method, request.url, headers=request.headers, content=cut())
        return super().handle_request(request)


def _until_the_hub_noticed(blobs: HubBlobs, sha: str) -> None:
    """The hub learns of a cut-off request when it next reads it: wait until it has kept what came."""
    for _ in range(3000):  # a loaded CI machine can take seconds to notice
        if (blobs.partial / sha).exists() and sha not in blobs._receiving:
            return
        time.sleep(0.01)
    raise AssertionError(f"the hub never noticed the cut-off upload of {sha[:12]} (still receiving it after 30 s)")


def test_a_large_photo_cut_off_in_the_middle_of_its_request_resumes_and_hashes_right(
        photo_hub: tuple[HubService, str], tmp_path: Path) -> None:
    """Megabytes in one request: the hub writes and hashes them while more
    arrive; what it kept of a cut-off request is the photo's first bytes, and the
    next sync sends exactly the rest."""
    service, url = photo_hub
    a = device(tmp_path, "a")
    source = picture(tmp_path / "IMG_0009.jpg", seed=9, side=1600)
    content = source.read_bytes()
    assert len(content) > 5 * HAND_OFF // 2
    cut_at = len(content) * 4 // 5
    sha = hashlib.sha256(content).hexdigest()

    def hub_has_written_some() -> None:
        # the connection is cut only once the hub has written a hand-off of what it received: cut at once, a
        # loaded machine's hub may not have read the socket yet, and the reset throws its unread bytes away
        # (it then keeps nothing, which is right, but leaves nothing to resume)
        partial = service.photo_files().partial / sha
        for _ in range(3000):
            if partial.exists() and partial.stat().st_size >= HAND_OFF:
                return
            time.sleep(0.01)

    ca = enrolled(service, url, a, transport=CutMidBody(after=cut_at, before_cut=hub_has_written_some))
    try:
        taken = photo.add(a, project.create(a, code="P1", name="one").id, source)
        with pytest.raises(HubUnreachableError):
            sync(a.store, ca)
        files = service.photo_files()
        _until_the_hub_noticed(files, taken.sha256)
        kept = files.held(taken.sha256)
        assert not kept.complete and 0 < kept.offset <= cut_at
        assert (files.partial / taken.sha256).read_bytes() == content[:kept.offset]
        rest = sync(a.store, ca)
        assert (rest.photos.sent, rest.photos.bytes_sent) == (1, len(content) - kept.offset)
        assert files.files.verify(taken.sha256)
    finally:  # a failure here must not leave the client's socket to a later test's garbage collection
        a.close()
        ca.close()


def test_a_large_photo_damaged_on_the_way_or_longer_than_said_is_refused(
        photo_hub: tuple[HubService, str], tmp_path: Path) -> None:
    service, url = photo_hub
    a = device(tmp_path, "a")
    source = picture(tmp_path / "IMG_0010.jpg", seed=10, side=1600)
    content = source.read_bytes()
    sha = hashlib.sha256(content).hexdigest()
    ca = enrolled(service, url, a, transport=CutOff(corrupt_chunk=1))
    # a body longer than the size it announces: refused, and what the hub keeps is the photo's first bytes
    longer = ca.send("PUT", f"/v1/blobs/{sha}", params={"offset": 0, "size": len(content) - 1}, content=content)
    assert longer.status_code == 422 and "runs past" in longer.json()["detail"]
    files = service.photo_files()
    kept = files.held(sha)
    assert not kept.complete and (files.partial / sha).read_bytes() == content[:kept.offset]
    (files.partial / sha).unlink()
    photo.add(a, project.create(a, code="P1", name="one").id, source)
    report = sync(a.store, ca)  # the first copy damaged, dropped when whole, then sent again
    assert (report.photos.sent, report.photos.bytes_sent) == (1, 2 * len(content))
    assert files.files.verify(sha)
    a.close()
    ca.close()


def test_asking_what_the_hub_holds_while_an_upload_ends_is_never_a_server_error(tmp_path: Path) -> None:
    """finish() moves a whole upload from partial/ into place outside the hub's lock, so a device asking for
    the same photo at that moment (another device sending it too) found it gone between two looks: a
    FileNotFoundError, answered 500. Uploads end, one photo after another, while another thread asks."""
    import threading

    blobs = HubBlobs(tmp_path / "photos")
    blobs.partial.mkdir(parents=True)
    photos = [bytes([n % 256]) * (1000 + n) for n in range(600)]
    hashes = [hashlib.sha256(p).hexdigest() for p in photos]
    current = [0]
    failures: list[BaseException] = []
    done = threading.Event()

    def ask() -> None:
        while not done.is_set():
            sha = hashes[current[0]]
            try:
                held = blobs.held(sha)
            except OSError as exc:
                failures.append(exc)
                return
            assert held.offset in (0, len(photos[hashes.index(sha)]))

    asker = threading.Thread(target=ask)
    asker.start()
    try:
        for n, (data, sha) in enumerate(zip(photos, hashes, strict=True)):
            current[0] = n
            part = blobs.partial / sha
            part.write_bytes(data)
            target = blobs.files.path(sha)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(part, target)  # as finish() puts a whole upload in place
            if failures:
                break
    finally:
        done.set()
        asker.join()
    assert failures == []
    assert blobs.held(hashes[-1]).complete
