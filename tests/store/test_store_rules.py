"""Every rule of the field record: the right error, a message that names the
field and the fix, and nothing written."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from tests_store_helpers import refused, snapshot

from fieldapp.domain import borehole, container, layer, project, sample
from fieldapp.domain.layer import Admixture
from fieldapp.domain.sample import Part
from fieldapp.errors import (
    CodeListError,
    CompositeSampleError,
    DepthError,
    DuplicateBarcodeError,
    DuplicateCodeError,
    FinalDepthError,
    LayerOverlapError,
    SampleIntervalError,
    SoilCodeError,
    StoreError,
    ValidationError,
)
from fieldapp.session import Session
from fieldapp.store.database import UniqueViolation
from fieldapp.store.verify import verify


@pytest.fixture
def site(session: Session) -> dict[str, str]:
    proj = project.create(session, code="P1", name="Gasfabriek")
    hole = borehole.create(session, proj.id, code="B01")
    layer.add(session, hole.id, upper="0", lower="0.5", soil="Zs1h2")
    layer.add(session, hole.id, upper="0.5", lower="1.2", soil="Ks3")
    return {"project": proj.id, "borehole": hole.id}


def test_layers_keep_exact_centimetres(session: Session, site: dict[str, str]) -> None:
    new = layer.add(session, site["borehole"], upper=1.2, lower=1.3, soil="Vm")
    assert (new.upper_cm, new.lower_cm) == (120, 130)  # 1.2 and 1.3 as floats drift; the store does not
    new = layer.add(session, site["borehole"], upper="1,30", lower="1.55", soil="Kz2")
    assert (new.upper_cm, new.lower_cm) == (130, 155)
    assert new.soil_code == "Kz2"


@pytest.mark.parametrize(
    ("upper", "lower", "words"),
    [
        ("-0.1", "0.2", ("upper depth", "above ground level")),
        ("abc", "0.2", ("upper depth", "not a depth")),
        ("1.2", "1.255", ("lower depth", "finer than a centimetre")),
        ("1.5", "1.5", ("lower depth", "not below the upper depth")),
        ("1.8", "1.5", ("lower depth", "not below the upper depth")),
    ],
)
def test_bad_depths_are_refused(session: Session, site: dict[str, str], upper: str, lower: str,
                                words: tuple[str, ...]) -> None:
    err = refused(session, DepthError, words,
                  lambda: layer.add(session, site["borehole"], upper=upper, lower=lower, soil="Zs1"))
    assert isinstance(err, ValidationError) and err.field in ("upper depth", "lower depth", "Layer lower depth")


def test_overlapping_layer_is_refused(session: Session, site: dict[str, str]) -> None:
    err = refused(session, LayerOverlapError, ("1.00–1.50", "0.50–1.20", "overlap"),
                  lambda: layer.add(session, site["borehole"], upper="1.0", lower="1.5", soil="Zs1"))
    assert err.field == "upper depth"  # type: ignore[attr-defined]


def test_changing_a_layer_into_its_neighbour_is_refused(session: Session, site: dict[str, str]) -> None:
    first = layer.of_borehole(session.store, site["borehole"])[0]
    refused(session, LayerOverlapError, ("overlaps",), lambda: layer.update(session, first.id, lower="0.6"))
    assert layer.update(session, first.id, lower="0.4").lower_cm == 40  # a gap is allowed


def test_final_depth_may_not_be_above_deepest_layer(session: Session, site: dict[str, str]) -> None:
    refused(session, FinalDepthError, ("final depth", "1.00", "1.20"),
            lambda: borehole.set_final_depth(session, site["borehole"], "1.0"))
    borehole.set_final_depth(session, site["borehole"], "1.2")
    refused(session, FinalDepthError, ("1.50", "final depth of 1.20"),
            lambda: layer.add(session, site["borehole"], upper="1.2", lower="1.5", soil="Vm"))


def test_sample_interval_must_lie_within_logged_layers(session: Session, site: dict[str, str]) -> None:
    refused(session, SampleIntervalError, ("Part 1", "1.00–1.50", "not covered", "1.20"),
            lambda: sample.create(session, site["project"], code="M1", kind="field_sample", matrix="BS",
                                  parts=[Part(site["borehole"], "1.0", "1.5")]))
    # within the Ks3 layer: a sample across its boundary with Zs1h2 breaks soil_sample_layer_boundary
    ok = sample.create(session, site["project"], code="M1", kind="field_sample", matrix="BS",
                       parts=[Part(site["borehole"], "0.6", "1.0")])
    assert [(p.upper_cm, p.lower_cm) for p in sample.parts_of(session.store, ok.id)] == [(60, 100)]
    # and a layer change that would leave it uncovered is refused too
    second = layer.of_borehole(session.store, site["borehole"])[1]
    refused(session, SampleIntervalError, ("M1", "no longer be covered"),
            lambda: layer.delete(session, second.id))


def test_composite_sample_names_each_borehole_and_interval(session: Session, site: dict[str, str]) -> None:
    other = borehole.create(session, site["project"], code="B02")
    layer.add(session, other.id, upper="0", lower="0.5", soil="Zs1")
    refused(session, CompositeSampleError, ("field sample", "one interval"),
            lambda: sample.create(session, site["project"], code="M2", kind="field_sample", matrix="BS",
                                  parts=[Part(site["borehole"], "0", "0.5"), Part(other.id, "0", "0.5")]))
    # the field composite is withdrawn (issue 12): an analysis sample is composed of field samples instead
    refused(session, CompositeSampleError, ("composed of field samples",),
            lambda: sample.create(session, site["project"], code="MM1", kind="field_composite", matrix="BS",
                                  parts=[Part(site["borehole"], "0", "0.5"), Part(other.id, "0", "0.5")]))


def test_codes_are_unique_within_a_project(session: Session, site: dict[str, str]) -> None:
    refused(session, DuplicateCodeError, ("B01", "already used"),
            lambda: borehole.create(session, site["project"], code="B01"))
    second = project.create(session, code="P2", name="Elders")
    assert borehole.create(session, second.id, code="B01").code == "B01"  # another project may reuse it
    sample.create(session, site["project"], code="M1", kind="field_sample", matrix="BS",
                  parts=[Part(site["borehole"], "0", "0.5")])
    refused(session, DuplicateCodeError, ("M1", "already used"),
            lambda: sample.create(session, site["project"], code="M1", kind="field_sample", matrix="BS",
                                  parts=[Part(site["borehole"], "0.5", "1.0")]))
    refused(session, DuplicateCodeError, ("P1",), lambda: project.create(session, code="P1", name="x"))


def test_barcodes_are_unique_across_projects(session: Session, site: dict[str, str]) -> None:
    first = sample.create(session, site["project"], code="M1", kind="field_sample", matrix="BS",
                          parts=[Part(site["borehole"], "0", "0.5")])
    container.add(session, first.id, container_type="Pot", barcode="FA-0001")
    other = project.create(session, code="P2", name="Elders")
    hole = borehole.create(session, other.id, code="B01")
    layer.add(session, hole.id, upper="0", lower="1", soil="Zs1")
    theirs = sample.create(session, other.id, code="M1", kind="field_sample", matrix="BS",
                           parts=[Part(hole.id, "0", "0.5")])
    refused(session, DuplicateBarcodeError, ("FA-0001", "already on another container"),
            lambda: container.add(session, theirs.id, container_type="Pot", barcode=" fa-0001 "))
    refused(session, ValidationError, ("not a usable container barcode",),
            lambda: container.add(session, theirs.id, container_type="Pot", barcode="Ä#1"))


def test_a_batch_refused_half_way_is_not_saved_even_if_the_caller_carries_on(
        session: Session, site: dict[str, str]) -> None:
    smp = sample.create(session, site["project"], code="M1", kind="field_sample", matrix="BS",
                        parts=[Part(site["borehole"], "0", "0.5")])
    container.add(session, smp.id, container_type="Pot", barcode="FA-0003")
    before = snapshot(session)
    # executemany writes the rows before the refused one; swallowing the
    # error must not let them commit without their journal entries
    jars = [{"sample_id": smp.id, "barcode": code, "container_type": "Pot"}
            for code in ("FA-0001", "FA-0002", "FA-0003", "FA-0004")]
    with (pytest.raises(StoreError, match="nothing of it was saved"), session.store.action("Fill jars") as tx,
          contextlib.suppress(UniqueViolation)):
        tx.insert_many("container", jars)
    assert snapshot(session) == before
    verify(session.store)


@pytest.mark.parametrize(("soil", "words"), [
    ("Zs5", ("Zs5", "grade 5")),
    ("Xs1", ("Xs1",)),
    ("zs1", ("zs1",)),
    ("", ("soil",)),
])
def test_bad_soil_codes_are_refused(session: Session, site: dict[str, str], soil: str,
                                    words: tuple[str, ...]) -> None:
    err = refused(session, SoilCodeError, words,
                  lambda: layer.add(session, site["borehole"], upper="1.2", lower="1.4", soil=soil))
    assert err.field == "soil"  # type: ignore[attr-defined]


def test_values_must_be_on_their_code_lists(session: Session, site: dict[str, str]) -> None:
    refused(session, CodeListError, ("paarsig",),
            lambda: layer.add(session, site["borehole"], upper="1.2", lower="1.4", soil="Zs1", colour="paarsig"))
    refused(session, CodeListError, ("glitter",),
            lambda: layer.add(session, site["borehole"], upper="1.2", lower="1.4", soil="Zs1",
                              admixtures=[Admixture("glitter", "zwak")]))
    refused(session, CodeListError, ("Jampot",),
            lambda: borehole.create(session, site["project"], code="B09", apparatus="Jampot"))
    logged = layer.add(session, site["borehole"], upper="1.2", lower="1.4", soil="Zs1h2g1", colour="bruin",
                       admixtures=[Admixture("puin", "zwak")])
    assert [a.code for a in logged.admixture_list()] == ["puin"]


def test_soil_code_is_described_in_words(session: Session, lists: Any) -> None:
    from fieldapp.soil import parse_soil_code

    assert parse_soil_code("Zs1h2", lists).describe("nl") == "zand, zwak siltig, matig humeus"
    assert parse_soil_code("Zs1h2", lists).describe("en") == "sand, slightly silty, moderately humic"
