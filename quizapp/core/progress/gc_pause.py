"""Pause Python's cyclic garbage collector while building large, acyclic data.

Parsing a bank or a long answer history allocates hundreds of thousands of
objects that all stay alive; every collection triggered meanwhile rescans them
for nothing, which costs more than the parse itself. Nothing built here forms
reference cycles, so collecting afterwards loses nothing.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
