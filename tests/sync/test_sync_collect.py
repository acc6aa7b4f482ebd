"""A sync batch raises the collector's threshold and always puts it back (fieldapp.sync.collect)."""

from __future__ import annotations

import gc

import pytest

from fieldapp.sync.collect import fewer_collections


def test_threshold_raised_inside_and_restored_after_nesting_and_errors() -> None:
    before = gc.get_threshold()
    assert gc.isenabled()
    with fewer_collections():
        raised = gc.get_threshold()
        assert raised[0] > before[0] and raised[1:] == before[1:]
        with pytest.raises(RuntimeError), fewer_collections():
            raise RuntimeError("a batch that fails")
        assert gc.get_threshold() == raised  # the outer batch still runs
    assert gc.get_threshold() == before


def test_nothing_changes_where_collection_is_off() -> None:
    before = gc.get_threshold()
    was_enabled = gc.isenabled()
    gc.disable()  # as the GUI has it (ui/collector.py)
    try:
        with fewer_collections():
            assert gc.get_threshold() == before
    finally:
        if was_enabled:  # never switch on what a GUI collector of this process switched off
            gc.enable()
    assert gc.get_threshold() == before
