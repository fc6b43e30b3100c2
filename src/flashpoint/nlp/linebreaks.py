"""Which line breaks end a line of the story and which only wrap it.

Wire copy, e-mail and plain-text archives are often hard-wrapped: every paragraph is cut into
lines of 60-80 characters. Such a break is white space inside a sentence, not the end of a
headline or paragraph. A greedy wrapper (every text editor, `fmt`, Python's textwrap) breaks a
line only when the next word would not fit, and that leaves a trace to test: in a wrapped text a
line plus the next line's first word is longer than the text's width. A headline, a dateline on
its own line or a short list item stop well before the width, so they keep their break.
Written here because no library tells wrapped text apart (textwrap only wraps and fills).
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Token

# Texts whose longest line is longer than this are not hard-wrapped: each paragraph is one line.
MAX_WRAP_WIDTH = 120
# A wrapped text has at least this many wrapped lines, and they are most of its line breaks.
MIN_WRAPPED_LINES = 3
MIN_WRAPPED_SHARE = 0.5


@lru_cache(maxsize=16)
def wrapping_breaks(text: str) -> frozenset[int]:
    """The offsets of the newlines that only wrap a line (empty when the text is not wrapped)."""
    lines = text.split("\n")
    if len(lines) <= MIN_WRAPPED_LINES:
        return frozenset()
    width = max(len(line.rstrip()) for line in lines)
    if width > MAX_WRAP_WIDTH:
        return frozenset()
    wraps: list[int] = []
    inner = 0  # newlines between two lines of text (not paragraph breaks)
    offset = 0
    for line, following in zip(lines, lines[1:]):
        offset += len(line)  # the newline's offset
        body, nxt = line.rstrip(), following.strip()
        if body.strip() and nxt:
            inner += 1
            if len(body) + 1 + len(nxt.split()[0]) > width:
                wraps.append(offset)
        offset += 1
    if len(wraps) < MIN_WRAPPED_LINES or len(wraps) < MIN_WRAPPED_SHARE * inner:
        return frozenset()
    return frozenset(wraps)


def breaks_line(doc: Doc, token: Token, text: str | None = None) -> bool:
    """A white-space token that ends a line of the story: a newline in it that is not a wrap."""
    if "\n" not in token.text:
        return False
    text = doc.text if text is None else text
    wraps = wrapping_breaks(text)
    start = token.idx
    return any(ch == "\n" and start + k not in wraps for k, ch in enumerate(token.text))


def line_start(text: str, pos: int) -> int:
    """Where the line (of the story, wraps joined) that holds ``pos`` starts."""
    wraps = wrapping_breaks(text)
    at = text.rfind("\n", 0, pos)
    while at in wraps:
        at = text.rfind("\n", 0, at)
    return at + 1


__all__ = ["breaks_line", "line_start", "wrapping_breaks"]
