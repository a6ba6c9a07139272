"""Scraped-text cleaning: boilerplate rules and the header reader (title, dateline, attribution, date)."""
from letopis.clean.base import Cleaned
from letopis.clean.cleaner import clean_text, explain_lines

__all__ = ["Cleaned", "clean_text", "explain_lines"]
