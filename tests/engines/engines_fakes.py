"""Helpers of the engine tests; the stand-in pipeline is module-level, so worker processes import it by name.

Its one stage splits words into tokens, marks every capitalized word as a mention and every number as an
amount; it fails on an article holding "ЛОМАТЬ" (one error, the batch goes on)
and kills its process on one holding "УБИТЬ" (a worker dying mid-chunk).
"""
from __future__ import annotations

import os
import re
from decimal import Decimal

from letopis.document import Amount, Mention, Token
from letopis.pipeline import Options, Pipeline, Stage

_WORD = re.compile(r"\b[А-ЯЁ][а-яё]+")
_NUMBER = re.compile(r"\d+")
_TOKEN = re.compile(r"\w+")


def _mark(docs) -> None:
    for doc in docs:
        if "ЛОМАТЬ" in doc.text:
            raise RuntimeError("broken article")
        if "УБИТЬ" in doc.text:
            os._exit(3)
        doc.tokens = tuple(Token(m.start(), m.end(), m.group(), m.group().lower()) for m in _TOKEN.finditer(doc.text))
        doc.mentions = tuple(Mention(m.start(), m.end(), m.group(), "PER", normal=m.group(), source="fake") for m in _WORD.finditer(doc.text))
        doc.amounts = tuple(Amount(m.start(), m.end(), m.group(), Decimal(m.group()), kind="count") for m in _NUMBER.finditer(doc.text))


def fake_pipeline(options: Options = Options()) -> Pipeline:
    return Pipeline([Stage("fake", ("text",), ("tokens", "mentions", "amounts"), _mark)])


def broken_pipeline(options: Options = Options()) -> Pipeline:
    raise ImportError("models are not installed")


def key(item):
    """What must be equal between engines: a Document's JSON, an error's line."""
    from letopis.document import Document

    return item.to_json() if isinstance(item, Document) else str(item)
