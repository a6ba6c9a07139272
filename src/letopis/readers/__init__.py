"""Readers: bytes from files, directories and stdin -> raw pages or one-line errors."""
from letopis.readers.base import RawPage, ReadError
from letopis.readers.source import read_sources

__all__ = ["RawPage", "ReadError", "read_sources"]
