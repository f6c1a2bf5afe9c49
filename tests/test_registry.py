"""Corpus registry: pinned addresses, checksums, fetch from a local copy, no network at import."""
from __future__ import annotations

import pytest

from analysis import paths, registry
from analysis.cli import main


def test_every_corpus_is_pinned():
    for spec in registry.CORPORA.values():
        assert len(spec.commit) == 40
        assert spec.files or spec.manifest
        assert all(len(d) == 64 for d in spec.files.values())


def test_fetch_from_local_copy_and_list(shared, tmp_path, capsys):
    dest = registry.fetch("wikinews", paths.SHARED_CORPORA / "wikinews", raw_dir=tmp_path)
    assert (dest / "wikinews_2019.csv").is_file()
    assert registry.installed(tmp_path)["wikinews"]
    corpus = registry.load_corpus("wikinews", raw_dir=tmp_path)
    assert len(corpus.articles) + len(corpus.rejects) == 295


def test_fetch_polnear_skips_nothing_we_need(shared, tmp_path):
    dest = registry.fetch("polnear", paths.POLNEAR, raw_dir=tmp_path)
    assert len(list((dest / "dev" / "text").glob("*.txt"))) == 84
    assert not (dest / "test").exists()


def test_checksum_mismatch_is_an_error(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name in ("wikinews_2019.csv", "wikinews_2020.csv"):
        (src / name).write_text("url,date,title,text\n", encoding="utf-8")
    with pytest.raises(registry.FetchError, match="does not match the pinned"):
        registry.fetch("wikinews", src, raw_dir=tmp_path / "raw")
    assert not registry.installed(tmp_path / "raw")["wikinews"]


def test_not_installed_names_the_fetch_command(tmp_path):
    with pytest.raises(registry.FetchError, match="corpus fetch polnear"):
        registry.load_corpus("polnear", raw_dir=tmp_path)


def test_cli_errors_are_one_line(tmp_path, capsys):
    assert main(["corpus", "fetch", "nope"]) == 2
    assert "unknown corpus" in capsys.readouterr().err
    assert main(["corpus", "fetch", "wikinews", "--force", "--from", str(tmp_path / "none")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "--from" in err and "Traceback" not in err
    assert main(["load", str(tmp_path / "missing")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
