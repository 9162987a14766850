"""How much memory an action makes Python allocate at its peak: what a zip bomb inflated
in memory would show. tracemalloc sees every allocation through Python's allocators,
zlib's buffers included, so reading a bomb whole shows as hundreds of MB."""

import tracemalloc
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def allocation_peak_mb(action: Callable[[], T]) -> tuple[T, float]:
    """The action's result and the peak, in MB, of what was allocated while it ran."""
    started = not tracemalloc.is_tracing()
    if started:
        tracemalloc.start()
    tracemalloc.reset_peak()
    before, _peak = tracemalloc.get_traced_memory()
    try:
        result = action()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        if started:
            tracemalloc.stop()
    return result, (peak - before) / (1024 * 1024)
