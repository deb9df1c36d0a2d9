"""Text -> model: a notice file read into plain dataclasses, with the registry of who is who."""

from .read import parse_notice, read_notice
from .registry import Registry
from .targets import extract_targets

__all__ = ["Registry", "extract_targets", "parse_notice", "read_notice"]
