"""Fusion: event mentions (one sentence of one article each) grouped into real-world events.

Record linkage in the Fellegi-Sunter shape: candidate pairs come from blocks (type, country,
day window); each pair is compared factor by factor (data/fusion/factors.tsv gives every level
its match weight); a mention joins the best event it reaches the threshold with, else founds one.
"""

from flashpoint.fusion.run import FuseReport, fuse

__all__ = ["FuseReport", "fuse"]
