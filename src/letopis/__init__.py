"""letopis: Russian-language news pages -> a structured, offset-exact chronicle."""
from letopis.document import Document

__version__ = "0.1.0"
__all__ = ["Document", "__version__"]
