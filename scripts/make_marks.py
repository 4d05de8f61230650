"""Writes retrieval/marks.py: the code points of Unicode's combining marks (categories Mn, Mc
and Me) as ranges, for the Unicode version of the Python that runs it.

    python scripts/make_marks.py

The analysis reads a mark as part of the word it follows (Hindi "मोदी" is one word, not "म"
and "द"); computing the ranges at start-up would cost 40 ms, so they are kept in a file, and
computed only under a Python of another Unicode version.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

HEADER = '''"""The code points of Unicode's combining marks (categories Mn, Mc and Me), as
ranges: the analysis reads a mark as part of the word it follows. Made by
scripts/make_marks.py for Unicode {version}; under another version the ranges are computed
at first use (40 ms)."""

from __future__ import annotations

import unicodedata

UNIDATA_VERSION = "{version}"
# (first, last) code points, in order
_RANGES: tuple[tuple[int, int], ...] = (
'''

FOOTER = '''

def mark_ranges() -> tuple[tuple[int, int], ...]:
    """The combining marks' code points as (first, last) ranges, in order, for the Unicode
    version this Python knows."""
    if unicodedata.unidata_version == UNIDATA_VERSION:
        return _RANGES
    return computed_mark_ranges()


def computed_mark_ranges() -> tuple[tuple[int, int], ...]:
    """`mark_ranges` read from unicodedata: marks stand in planes 0 and 1 and in the
    variation selectors of plane 14."""
    found: list[tuple[int, int]] = []
    for code in (*range(0x300, 0x20000), *range(0xE0000, 0xE1000)):
        if unicodedata.category(chr(code))[0] == "M":
            if found and found[-1][1] == code - 1:
                found[-1] = (found[-1][0], code)
            else:
                found.append((code, code))
    return tuple(found)
'''


def main() -> None:
    namespace: dict[str, object] = {"unicodedata": unicodedata}
    exec(FOOTER, namespace)  # the module's own function: one definition
    ranges = namespace["computed_mark_ranges"]()  # type: ignore[operator]
    body = "".join(f"    (0x{a:04X}, 0x{b:04X}),\n" for a, b in ranges)
    text = HEADER.format(version=unicodedata.unidata_version) + body + ")\n" + FOOTER
    target = Path(__file__).resolve().parent.parent / "retrieval" / "marks.py"
    target.write_text(text, encoding="utf-8")
    print(f"{target}: {len(ranges)} ranges, Unicode {unicodedata.unidata_version}")


if __name__ == "__main__":
    main()
