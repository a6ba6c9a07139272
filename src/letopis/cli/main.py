"""The ``letopis`` command: thin wrappers over library functions."""
from __future__ import annotations

import typer

from letopis.cli import evaluate as evaluate_cmd
from letopis.cli import extract as extract_cmd
from letopis.cli.serve import serve

app = typer.Typer(help="letopis: Russian-language news pages -> a structured, offset-exact chronicle.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
app.command("extract")(extract_cmd.extract)
app.add_typer(evaluate_cmd.app, name="eval")
app.command("serve")(serve)

try:  # the knowledge-base commands
    from letopis.cli import kb_commands
except ImportError:  # pragma: no cover - while the store is not installed
    kb_commands = None
if kb_commands is not None:
    kb_commands.register(app)


def main() -> None:  # pragma: no cover
    app()
