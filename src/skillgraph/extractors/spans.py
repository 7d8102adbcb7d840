"""Which parts of the text earlier components have already claimed."""
from __future__ import annotations

import bisect

from ..model import Mention


class Occupied:
    """Sorted, non-mutating view of the spans of some mentions, for overlap tests."""

    def __init__(self, mentions: list[Mention]):
        self.spans = sorted((m.span.start, m.span.end) for m in mentions)
        self.starts = [s for s, _ in self.spans]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)
        return any(s < end and start < e for s, e in self.spans[max(0, i - 64) : i])

    def covers(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start)
        return any(s <= start and end <= e for s, e in self.spans[max(0, i - 64) : i])
