"""Flashpoint: conflict news into PLOVER event data with sentence evidence."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("flashpoint")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0+unknown"
