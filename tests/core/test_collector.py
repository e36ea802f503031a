"""The garbage collector is paused while long-lived data is built, and left as it was."""

from __future__ import annotations

import gc

from quizapp.core.collector import freeze_long_lived, paused


def test_paused_turns_the_collector_off_for_the_block_and_back_on() -> None:
    assert gc.isenabled()
    with paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_paused_turns_it_back_on_after_an_error_too() -> None:
    try:
        with paused():
            raise KeyError("x")
    except KeyError:
        pass
    assert gc.isenabled()


def test_paused_leaves_a_collector_that_was_off_off() -> None:
    gc.disable()
    try:
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_freezing_moves_what_is_alive_out_of_the_collectors_reach() -> None:
    before = gc.get_freeze_count()
    kept = [object() for _ in range(10)]
    try:
        freeze_long_lived()
        assert gc.get_freeze_count() > before
    finally:
        gc.unfreeze()
    assert kept
