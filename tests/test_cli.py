"""The command line: help, exit statuses, settings files, stage commands, Dask."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.config import find_settings

from .conftest import SEED, require

COMMANDS = ["run", "extract", "normalize", "structure", "write"]


def seed_raw(tmp_path: Path, count: int = 3) -> Path:
    seed = require(SEED / "briefing-interior-enforcement.txt").read_bytes()
    raw = tmp_path / "raw"
    raw.mkdir()
    for n in range(count):
        (raw / f"brief-{n}.txt").write_bytes(seed.replace(b"Washtenaw,", f"Washtenaw-{n},".encode(), 1))
    pdf = Path(__file__).resolve().parents[1] / "raw" / "briefing-interior-enforcement-print.pdf"
    if pdf.exists():
        shutil.copy(pdf, raw / "brief.pdf")
    return raw


def outputs(clean: Path) -> dict[str, bytes]:
    return {
        p.relative_to(clean).as_posix(): p.read_bytes() for p in sorted(clean.rglob("*"))
        if p.is_file() and not p.relative_to(clean).parts[0].startswith(".") and p.name not in ("manifest.csv", "DATASHEET.md")
    }  # the manifest and the datasheet that counts it carry each stage's own failure reasons


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_examples(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "examples:" in out and f"pipeline {command}" in out


@pytest.mark.parametrize(
    "argv", [
        ["run", "no/such/folder"],
        ["run", ".", "--jobs", "0"],
        ["run", ".", "--timeout", "-1"],
        ["run", ".", "--jobs", "many"],
        ["frobnicate"],
    ],
)
def test_bad_usage_exits_2(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2


@pytest.mark.parametrize(
    "content, message", [
        ("[normalize]\nstraighten_quote = true\n", "straighten_quote"),
        ("[normalise]\nstraighten_quotes = true\n", "normalise"),
        ("[normalize]\nstraighten_quotes = \"yes\"\n", "expected bool"),
        ("[normalize\n", "not valid TOML"),
    ],
)
def test_a_bad_settings_file_is_bad_usage_naming_the_problem(tmp_path, content, message, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "pipeline.toml").write_text(content, encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        main(["run", str(raw), str(tmp_path / "clean")])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert message in err and "pipeline.toml" in err


def test_settings_come_from_pipeline_toml_or_pyproject_beside_raw(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    assert find_settings(raw)[1] is None
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    assert find_settings(raw)[1] is None  # no [tool.pipeline]: passed over
    (tmp_path / "pyproject.toml").write_text("[tool.pipeline.structure]\nmarker_styles = ['arabic']\n", encoding="utf-8")
    settings, path = find_settings(raw)
    assert path == tmp_path / "pyproject.toml" and settings.structure.marker_styles == ("arabic",)
    (raw / "pipeline.toml").write_text("[normalize]\nstraighten_quotes = true\n", encoding="utf-8")
    settings, path = find_settings(raw)
    assert path == raw / "pipeline.toml"
    assert settings.normalize.straighten_quotes and settings.structure.marker_styles != ("arabic",)


def test_settings_file_reaches_document_json(tmp_path, capsys):
    raw = seed_raw(tmp_path, 1)
    (raw / "pipeline.toml").write_text("[normalize]\nstraighten_quotes = true\n", encoding="utf-8")
    clean = tmp_path / "clean"
    assert main(["run", str(raw), str(clean), "--jobs", "1", "--only", "*.txt"]) == 0
    document = json.loads((clean / "brief-0" / "document.json").read_text(encoding="utf-8"))
    assert document["pipeline"]["settings"]["normalize"]["straighten_quotes"] is True
    assert "“" not in (clean / "brief-0" / "text.txt").read_text(encoding="utf-8")


def test_stage_commands_give_the_bytes_of_run(tmp_path, capsys):
    raw = seed_raw(tmp_path)
    (raw / "empty.txt").write_bytes(b"")
    assert main(["run", str(raw), str(tmp_path / "whole"), "--jobs", "2"]) == 1
    assert main(["run", str(raw), str(tmp_path / "kept"), "--jobs", "2", "--keep-stages"]) == 1
    staged = tmp_path / "staged"
    assert main(["extract", str(raw), str(staged), "--jobs", "2"]) == 1  # empty.txt fails to extract
    for stage in ("normalize", "structure", "write"):
        assert main([stage, str(raw), str(staged), "--quiet"]) == 1, stage
    assert outputs(staged) == outputs(tmp_path / "whole") == outputs(tmp_path / "kept")
    for doc in ("brief-0", "brief"):
        folder = staged / ".stages" / doc
        if not folder.exists():
            continue
        for name in ("extract.jsonl", "normalize.jsonl", "structure.jsonl"):
            assert (folder / name).read_bytes() == (tmp_path / "kept" / ".stages" / doc / name).read_bytes()
    first = [json.loads(line) for line in (staged / ".stages" / "brief-0" / "extract.jsonl").read_text(encoding="utf-8").splitlines()]
    assert first[0]["source"]["path"] == "raw/brief-0.txt" and {"text", "page", "kind"} <= set(first[1])
    err = capsys.readouterr().err
    assert "failed  raw/empty.txt: stage not run: no structure.jsonl: run 'pipeline structure' first" in err


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def dask_cluster(tmp_path):
    pytest.importorskip("dask.distributed", reason="dask.distributed is not installed: pip install 'pipeline[dask]'")
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    bin_ = Path(sys.executable).parent
    dask = str(bin_ / "dask") if (bin_ / "dask").exists() else shutil.which("dask")
    if not dask:
        pytest.skip("the dask command is not on PATH")
    logs = (tmp_path / "dask.log").open("w")
    processes = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--dashboard-address", ":0"],
                                  stdout=logs, stderr=logs)]
    time.sleep(1.0)
    for _ in range(2):
        processes.append(subprocess.Popen([dask, "worker", address, "--nthreads", "1", "--no-dashboard"], stdout=logs, stderr=logs))
    from dask.distributed import Client

    with Client(address, timeout=30) as client:
        client.wait_for_workers(2, timeout=60)
    try:
        yield address
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in reversed(processes):
            try:
                process.wait(timeout=3)
            except subprocess.TimeoutExpired:
                process.kill()
        logs.close()


@pytest.mark.slow  # a scheduler and two workers take some 15 s to start and stop
def test_dask_cluster_writes_the_bytes_of_a_local_run(tmp_path, dask_cluster, capsys):
    raw = seed_raw(tmp_path, 6)
    (raw / "empty.txt").write_bytes(b"")
    assert main(["run", str(raw), str(tmp_path / "local"), "--jobs", "2"]) == 1
    assert main(["run", str(raw), str(tmp_path / "dask"), "--dask", dask_cluster]) == 1
    assert outputs(tmp_path / "dask") == outputs(tmp_path / "local")
    assert "failed  raw/empty.txt: empty" in capsys.readouterr().err
