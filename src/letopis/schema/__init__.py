"""The JSON Schema of the article object (the contract other tools rely on)."""
from __future__ import annotations

import json
from functools import cache
from importlib import resources


@cache
def article_schema() -> dict:
    return json.loads(resources.files(__package__).joinpath("article.schema.json").read_text(encoding="utf-8"))


def validate_article(obj: dict) -> None:
    """Raise jsonschema.ValidationError when ``obj`` breaks the contract."""
    import jsonschema

    jsonschema.validate(obj, article_schema())
