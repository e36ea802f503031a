"""The one place quizapp touches Python's cyclic garbage collector, and why.

- Parsing a bank builds hundreds of thousands of objects that all stay alive and
  form no cycles; collections triggered meanwhile rescan them for nothing and
  cost a third of the load (``paused``).
- Once the bank and a long answer history are open they live as long as the
  app; a full collection walking them took 80-500 ms of a key press
  (``freeze_long_lived``).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No collection while the block builds long-lived, acyclic data."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def freeze_long_lived() -> None:
    """Move everything alive now out of the collector's reach (it stays alive anyway)."""
    gc.freeze()
