"""The PLOVER sides, for the read side (the one reader is flashpoint.quadclass)."""

from flashpoint.quadclass import COLUMNS, SIDES, known_types, side_of, sides

__all__ = ["COLUMNS", "SIDES", "known_types", "side_of", "sides"]
