"""Which parts of the text earlier components have already claimed."""
from __future__ import annotations

import bisect

from ..model import Mention

NEAREST = 64  # the spans beginning nearest before a range that are tested against it


class Occupied:
    """Sorted, non-mutating view of the spans of some mentions, for overlap tests."""

    def __init__(self, mentions: list[Mention]):
        spans = sorted((m.span.start, m.span.end) for m in mentions)
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)  # the spans before i begin before `end`: one overlaps where it ends after `start`
        return max(self.ends[max(0, i - NEAREST) : i], default=start) > start

    def covers(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start)  # the spans before i begin at or before `start`: one covers where it reaches `end`
        return max(self.ends[max(0, i - NEAREST) : i], default=end - 1) >= end
