"""The download path of ``corpus fetch``, exercised offline against a local HTTP server.

The server plays GitHub: ``raw.githubusercontent.com`` for single files and ``codeload`` tarballs
for folder corpora, built at run time from the copies in ../shared (nothing is committed). This
checks that the pinned checksums match the real files, that the PolNeAR test compartment is never
extracted, and that failures give one clear message.
"""
from __future__ import annotations

import functools
import http.server
import io
import tarfile
import threading
from pathlib import Path

import pytest

from analysis import paths, registry


@pytest.fixture()
def server(tmp_path):
    """A local HTTP server over ``tmp_path / 'www'``; yields (root folder, base URL)."""
    root = tmp_path / "www"
    root.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield root, f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output clean
        pass


@pytest.fixture()
def upstream(server, monkeypatch):
    """Point the registry's upstream URLs at the local server."""
    root, base = server
    monkeypatch.setattr(registry.CorpusSpec, "raw_url",
                        lambda self, path: f"{base}/raw/{self.repo}/{self.commit}/{path}")
    monkeypatch.setattr(registry.CorpusSpec, "archive_url",
                        lambda self: f"{base}/codeload/{self.repo}/{self.commit}.tar.gz")
    return root


def _publish_files(root: Path, name: str) -> None:
    spec = registry.CORPORA[name]
    for upstream_path in spec.files:
        target = root / "raw" / spec.repo / spec.commit / upstream_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((paths.SHARED_CORPORA / name / Path(upstream_path).name).read_bytes())


def test_download_single_file_corpus_and_verify(shared, upstream, tmp_path):
    _publish_files(upstream, "wikinews")
    dest = registry.fetch("wikinews", raw_dir=tmp_path / "raw")
    assert sorted(p.name for p in dest.iterdir()) == [".sourcelens-ok", "wikinews_2019.csv", "wikinews_2020.csv"]
    assert "from upstream" in (dest / ".sourcelens-ok").read_text()
    assert registry.installed(tmp_path / "raw")["wikinews"]
    articles = registry.load_corpus("wikinews", raw_dir=tmp_path / "raw").articles
    assert len(articles) > 200


def test_download_folder_corpus_skips_the_test_compartment(shared, upstream, tmp_path):
    spec = registry.CORPORA["polnear"]
    buf = io.BytesIO()
    prefix = f"PolNeAR-{spec.commit}"
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for sub in ("train", "dev"):
            tar.add(paths.POLNEAR / sub, arcname=f"{prefix}/data/{sub}")
        tar.add(paths.POLNEAR / "metadata.tsv", arcname=f"{prefix}/data/metadata.tsv")
        secret = tarfile.TarInfo(f"{prefix}/data/test/text/never.txt")  # must not be extracted
        secret.size = 4
        tar.addfile(secret, io.BytesIO(b"test"))
        readme = tarfile.TarInfo(f"{prefix}/README.md")  # outside data/: ignored
        readme.size = 2
        tar.addfile(readme, io.BytesIO(b"hi"))
    target = upstream / "codeload" / spec.repo / f"{spec.commit}.tar.gz"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(buf.getvalue())
    dest = registry.fetch("polnear", raw_dir=tmp_path / "raw")
    assert (dest / "metadata.tsv").is_file() and (dest / "dev" / "text").is_dir()
    assert not (dest / "test").exists() and not (dest / "README.md").exists()
    assert not (dest / "archive.tar.gz").exists()


def test_download_with_a_changed_file_fails_the_checksum(shared, upstream, tmp_path):
    _publish_files(upstream, "wikinews")
    spec = registry.CORPORA["wikinews"]
    changed = upstream / "raw" / spec.repo / spec.commit / "data/wikinews_2020.csv"
    changed.write_bytes(changed.read_bytes() + b"\n")
    with pytest.raises(registry.FetchError, match="does not match the pinned"):
        registry.fetch("wikinews", raw_dir=tmp_path / "raw")
    assert not registry.installed(tmp_path / "raw")["wikinews"]  # nothing half-installed
    dest = registry.fetch("wikinews", raw_dir=tmp_path / "raw", verify=False)  # knowingly another version
    assert (dest / ".sourcelens-ok").is_file()


def test_missing_upstream_file_names_the_offline_alternative(upstream, tmp_path):
    with pytest.raises(registry.FetchError, match=r"cannot download .*--from LOCAL_DIR"):
        registry.fetch("kremlin-zelenskyy", raw_dir=tmp_path / "raw")
    assert not (tmp_path / "raw" / "kremlin-zelenskyy").exists()
