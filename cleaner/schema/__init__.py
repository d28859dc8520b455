"""The published JSON Schema (draft 2020-12) of the canonical article."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

ARTICLE_SCHEMA: dict[str, Any] = json.loads(
    resources.files(__package__).joinpath("article.schema.json").read_text("utf-8")
)


@lru_cache(maxsize=1)
def _validator() -> Any:
    import jsonschema

    return jsonschema.Draft202012Validator(ARTICLE_SCHEMA, format_checker=jsonschema.FormatChecker())


def validate_article(data: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` unless ``data`` is a valid article."""
    _validator().validate(data)


def schema_text() -> str:
    """The schema as pretty JSON, for ``cleaner schema``."""
    return json.dumps(ARTICLE_SCHEMA, indent=2, ensure_ascii=False)
