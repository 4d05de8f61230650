"""retrieval/ stays independent of Telegram and of the faces."""

from __future__ import annotations

import ast
from pathlib import Path

RETRIEVAL = Path(__file__).resolve().parent.parent / "retrieval"


def test_retrieval_never_imports_telegram_or_bot() -> None:
    offenders = []
    for path in sorted(RETRIEVAL.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{path.name}: {n}" for n in names if n.split(".")[0] in {"telegram", "bot"}
            ]
    assert offenders == []
    assert len(list(RETRIEVAL.glob("*.py"))) >= 6
