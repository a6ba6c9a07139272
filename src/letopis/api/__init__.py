"""The REST API: ``create_app(db_path, settings)`` (FastAPI), one router per resource."""
from letopis.api.settings import Settings


def create_app(db_path, settings=None):
    from letopis.api.app import create_app as factory  # fastapi is imported only when an app is built

    return factory(db_path, settings)


__all__ = ["Settings", "create_app"]
