"""Settings files: ``pipeline.toml``, or ``[tool.pipeline]`` in a ``pyproject.toml``.

A collection carries its settings beside its files, so that whoever reruns the batch gets
the same output: the first file found, in this order, gives the settings:

1. ``RAW/pipeline.toml``, 2. ``RAW/pyproject.toml`` (its ``[tool.pipeline]`` table),
3. ``RAW/../pipeline.toml``, 4. ``RAW/../pyproject.toml``.

A ``pyproject.toml`` without a ``[tool.pipeline]`` table is passed over. A ``pipeline.toml``
holds the stage tables at its top (``[normalize]``), or under ``[tool.pipeline]``::

    [normalize]
    straighten_quotes = true

    [structure]
    marker_styles = ["arabic"]
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pipeline.settings import Settings


def settings_file(raw: Path) -> Path | None:
    """The settings file that applies to the raw folder, or ``None``."""
    for folder in (raw, raw.resolve().parent):
        for name in ("pipeline.toml", "pyproject.toml"):
            path = folder / name
            if path.is_file() and (name == "pipeline.toml" or "pipeline" in read_toml(path).get("tool", {})):
                return path
    return None


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{path}: not valid TOML: {error}") from error


def load_settings(path: Path) -> Settings:
    """Settings from one file; ``ValueError`` naming the file for a bad one."""
    data = read_toml(path)
    table = data.get("tool", {}).get("pipeline", data if path.name != "pyproject.toml" else {})
    try:
        check_types(table)
        return Settings.from_mapping(table)
    except (ValueError, TypeError) as error:
        raise ValueError(f"{path}: {error}") from error


def check_types(table: dict[str, Any]) -> None:
    """Each value must have its default's type (an int may stand for a float): TOML's
    ``"yes"`` for a switch would otherwise be truthy and silently mean ``true``."""
    defaults = Settings().as_dict()
    for stage, values in table.items():
        if not isinstance(values, dict):
            raise ValueError(f"[{stage}] must be a table, got {values!r}")  # noqa: TRY004  (usage error: exit 2)
        for key, value in values.items():
            default = defaults.get(stage, {}).get(key)
            if default is None:
                continue  # unknown names are reported by Settings.from_mapping
            expected = (int, float) if type(default) is float else type(default)
            if not isinstance(value, expected) or (isinstance(value, bool) and type(default) is not bool):
                raise ValueError(f"[{stage}] {key} = {value!r}: expected {type(default).__name__}")


def find_settings(raw: Path) -> tuple[Settings, Path | None]:
    """The settings for a raw folder, and the file they came from (``None``: the defaults)."""
    path = settings_file(raw)
    return (load_settings(path), path) if path else (Settings(), None)
