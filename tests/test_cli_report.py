"""The command line as a new user tries it: files as input, nothing found, -V, the end
summary, the progress bar, and ``pipeline report``."""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import __version__
from pipeline.cli import Progress, main

from .conftest import ROOT
from .report_fixtures import build_drawn_pdf

SAMPLE = ROOT / "raw" / "detainers-by-county-data-brief.pdf"


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version_flag(flag, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([flag])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"pipeline {__version__}"


def test_one_file_as_input_goes_to_the_output_folder_named(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["run", str(SAMPLE), str(out), "--quiet"]) == 0
    assert (out / "detainers-by-county-data-brief" / "text.txt").exists()
    assert "1 ok" in capsys.readouterr().out


def test_several_files_as_input_keep_the_other_documents_of_the_output(tmp_path, capsys):
    raw = tmp_path / "briefs"
    raw.mkdir()
    build_drawn_pdf(raw / "drawn.pdf")
    shutil.copy(SAMPLE, raw / "county.pdf")
    out = tmp_path / "out"
    assert main(["run", str(raw / "drawn.pdf"), str(out), "-q"]) == 0
    assert main(["run", str(raw / "county.pdf"), str(raw / "drawn.pdf"), str(out), "-q"]) == 0
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["county", "drawn"]
    source = (out / "county" / "document.json").read_text(encoding="utf-8")
    assert '"path": "briefs/county.pdf"' in source
    capsys.readouterr()


def test_a_missing_input_file_is_bad_usage_naming_it(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["run", str(tmp_path / "brief.pdf"), str(tmp_path / "out")])
    assert exit_.value.code == 2
    assert "input not found" in capsys.readouterr().err


def test_two_files_without_an_output_folder_is_bad_usage(tmp_path, capsys):
    shutil.copy(SAMPLE, tmp_path / "a.pdf")
    shutil.copy(SAMPLE, tmp_path / "b.pdf")
    with pytest.raises(SystemExit) as exit_:
        main(["run", str(tmp_path / "a.pdf"), str(tmp_path / "b.pdf")])
    assert exit_.value.code == 2
    assert "name the output folder last" in capsys.readouterr().err


def test_a_folder_without_inputs_says_nothing_was_found(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "notes.docx").write_bytes(b"PK")
    assert main(["run", str(raw), str(tmp_path / "clean")]) == 1
    err = capsys.readouterr().err
    assert "nothing found" in err and str(raw) in err
    assert not (tmp_path / "clean").exists()


def test_the_rate_of_a_rerun_counts_no_skipped_pages(tmp_path, capsys):
    out = tmp_path / "out"
    main(["run", str(SAMPLE), str(out), "-q"])
    capsys.readouterr()
    main(["run", str(SAMPLE), str(out), "-q"])
    summary = capsys.readouterr().out
    assert "0 ok, 1 skipped" in summary and "(0.0 pages/s)" in summary


def test_the_summary_names_documents_with_warnings_and_points_to_the_report(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    build_drawn_pdf(raw / "drawn.pdf")
    shutil.copy(SAMPLE, raw)
    clean = tmp_path / "clean"
    assert main(["run", str(raw), str(clean), "-q"]) == 0
    out = capsys.readouterr().out
    assert "1 documents with warnings: drawn (1); see them with: pipeline report" in out
    assert main(["run", str(raw), str(clean), "-q", "--report"]) == 0
    out = capsys.readouterr().out
    assert f"report: {clean / 'report' / 'index.html'} (2 documents drawn)" in out
    assert "drawn (1)" in out and "see them with" not in out
    assert main(["report", str(clean)]) == 0
    assert "(0 documents drawn, 2 unchanged)" in capsys.readouterr().out


def test_report_finds_the_sources_given_with_raw(tmp_path, capsys):
    raw = tmp_path / "in"
    raw.mkdir()
    shutil.copy(SAMPLE, raw)
    clean = tmp_path / "elsewhere" / "clean"
    main(["run", str(raw), str(clean), "-q"])
    moved = tmp_path / "moved"
    raw.rename(moved)
    assert main(["report", str(clean)]) == 0
    assert "1 without their pages" in capsys.readouterr().out
    assert main(["report", str(clean), "--raw", str(moved), "--force"]) == 0
    out = capsys.readouterr().out
    assert "1 documents drawn" in out and "without" not in out
    assert len(list((clean / "report" / "detainers-by-county-data-brief").glob("p*.jpg"))) == 2


def test_report_without_a_run_is_bad_usage(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["report", str(tmp_path)])
    assert exit_.value.code == 2
    assert "run 'pipeline run' first" in capsys.readouterr().err


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def progress_args(**values: object) -> argparse.Namespace:
    return argparse.Namespace(quiet=False, verbose=False, clean=Path("clean"), **values)


def outcome(status: str) -> object:
    row = {"status": status, "source": "raw/a.pdf", "id": "a", "pages": "1", "footnotes": "0", "error": ""}
    return argparse.Namespace(row=row)


def test_the_progress_bar_on_a_terminal_shows_the_time_left(monkeypatch):
    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", Terminal())
    progress = Progress(progress_args(), stream=terminal)
    progress.announce(5, 2)
    assert progress.bar is not None and progress.bar.total == 2  # skipped documents do not count
    progress.report(outcome("skipped"))
    progress.report(outcome("ok"))
    assert progress.bar.n == 1
    progress.bar.refresh()
    assert "<" in terminal.getvalue()  # tqdm's "elapsed<left"
    progress.close()


def test_no_progress_bar_when_stdout_is_not_a_terminal(monkeypatch):
    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    progress = Progress(progress_args(), stream=terminal)
    progress.announce(5, 5)
    progress.report(outcome("ok"))
    progress.close()
    assert progress.bar is None and "\r" not in terminal.getvalue()


def test_pipeline_dash_capital_v_from_the_shell():
    result = subprocess.run([sys.executable, "-m", "pipeline", "-V"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stdout.strip() == f"pipeline {__version__}"


@pytest.mark.parametrize("extra", [[], ["--keep-stages"], ["--force"]])
def test_the_manifest_counts_warnings_however_the_document_was_made(tmp_path, extra, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    build_drawn_pdf(raw / "drawn.pdf")
    clean = tmp_path / "clean"
    main(["run", str(raw), str(clean), "-q", *extra])
    (clean / ".sources.json").unlink()  # the rerun reads the folder back
    main(["run", str(raw), str(clean), "-q"])
    capsys.readouterr()
    rows = (clean / "manifest.csv").read_text(encoding="utf-8").splitlines()
    header, row = rows[0].split(","), rows[1].split(",")
    assert row[header.index("warnings")] == "1"
