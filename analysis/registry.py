"""Public corpora: where they live upstream, their checksums, and an explicit fetch.

Nothing here runs at import or analysis time. ``python -m analysis corpus fetch NAME`` downloads a
corpus at its pinned commit into ``data/raw/NAME`` (never edited afterwards) and checks its sha256;
``--from LOCAL_DIR`` copies a local copy instead (``../shared/corpora/NAME`` in CI and tests).

>>> sorted(CORPORA)
['kremlin-zelenskyy', 'polnear', 'us-gov-ukraine', 'wikinews']
"""
from __future__ import annotations

import hashlib
import shutil
import tarfile
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from . import paths

__all__ = ["CORPORA", "CorpusSpec", "fetch", "installed", "corpus_path", "load_corpus", "FetchError"]


class FetchError(RuntimeError):
    """A corpus could not be fetched or verified; the message says what to do."""


@dataclass(frozen=True)
class CorpusSpec:
    """One public corpus: upstream repository, pinned commit and the files we use."""

    name: str
    description: str
    repo: str
    commit: str
    licence: str
    # upstream path -> sha256 of the file (single files)
    files: dict[str, str] = field(default_factory=dict)
    # for a folder corpus: upstream folder, sub-folders to skip, and a manifest digest
    folder: str | None = None
    skip: tuple[str, ...] = ()
    manifest: str | None = None
    manifest_scope: tuple[str, ...] = ()

    def raw_url(self, path: str) -> str:
        return f"https://raw.githubusercontent.com/{self.repo}/{self.commit}/{path}"

    def archive_url(self) -> str:
        return f"https://codeload.github.com/{self.repo}/tar.gz/{self.commit}"


CORPORA: dict[str, CorpusSpec] = {
    spec.name: spec
    for spec in [
        CorpusSpec(
            name="polnear",
            description="PolNeAR v1.0.0: US-election news (7 publishers) with gold attributions "
                        "(train 840, dev 84; the test compartment is never fetched)",
            repo="networkdynamics/PolNeAR",
            commit="c3eee833c035bf7b8c84f55b58c0bf7346cfae76",
            licence="no data licence stated upstream: research use only, do not redistribute",
            folder="data",
            skip=("test",),
            # sha256 of the sorted `sha256sum` lines of every file under train/ and dev/
            manifest="f75f556740ffce0d0fa3e8d1fc1d4b3ca998b04037279a75d3c4e8b451a585e6",
            manifest_scope=("train", "dev"),
        ),
        CorpusSpec(
            name="wikinews",
            description="295 English Wikinews articles, 2019 - March 2021",
            repo="vanatteveldt/wikinews",
            commit="347254178bf343f3801aac1d03c41cc09c35decb",
            licence="CC BY 2.5 (Wikinews)",
            files={
                "data/wikinews_2019.csv": "d65f87b01244679d01c89ec15616fbd8413e7852732432d5895fa4db9b21ac9e",
                "data/wikinews_2020.csv": "42f833b55a848b6a9070c3be7e7ab5e55d3150a3e128419130df5b8283a62f4a",
            },
        ),
        CorpusSpec(
            name="kremlin-zelenskyy",
            description="816 Kremlin and 980 Ukrainian presidency English press releases, "
                        "Oct 2021 - Jun 2022",
            repo="PeiYiZhuo/zelenskyy-putin",
            commit="134450b5183c05bcbaac31d87e0e0ed65d54986e",
            licence="kremlin.ru CC BY 4.0; president.gov.ua presumably likewise",
            files={
                "press_release_data/putin.csv": "1fca054b4f24ff141c4d81eaccee2ba45261244233b148f5105899b6561946f9",
                "press_release_data/zelenskyy.csv": "a85bd81f0d5eed716317fa6d2a019d39ae299afe582085c4d8a1db066ce0e867",
            },
        ),
        CorpusSpec(
            name="us-gov-ukraine",
            description="291 US government texts on the war (White House, Treasury, DoD, State), "
                        "Feb 2022 - Apr 2023",
            repo="dxlabskku/Russia-Ukraine-conflict",
            commit="f720bf6d271120f411cfb6045983f891583f4f0f",
            licence="US federal works: public domain",
            files={
                "data/Government_Data.xlsx": "30b897790c6b289725f2fa36025dbcf36e51f3e251bb4ebedfeb3094d4110cd1",
            },
        ),
    ]
}


def _spec(name: str) -> CorpusSpec:
    if name not in CORPORA:
        raise FetchError(f"unknown corpus {name!r}; known: {', '.join(sorted(CORPORA))}")
    return CORPORA[name]


def corpus_path(name: str, raw_dir: Path | None = None) -> Path:
    """Where corpus ``name`` is (or would be) installed: ``data/raw/NAME``."""
    _spec(name)
    return Path(raw_dir or paths.RAW) / name


def installed(raw_dir: Path | None = None) -> dict[str, bool]:
    """Corpus name -> whether it is installed in ``data/raw``.

    >>> isinstance(installed(), dict)
    True
    """
    return {name: (corpus_path(name, raw_dir) / ".sourcelens-ok").is_file() for name in CORPORA}


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def manifest_digest(folder: Path, scope: tuple[str, ...]) -> str:
    """sha256 over sorted ``"<sha256>  <relative path>"`` lines of the files under ``scope``."""
    files = sorted(
        p.relative_to(folder).as_posix()
        for sub in scope
        for p in (folder / sub).rglob("*")
        if p.is_file()
    )
    lines = "".join(f"{_sha256(folder / f)}  {f}\n" for f in files)
    return hashlib.sha256(lines.encode()).hexdigest()


def _verify(spec: CorpusSpec, dest: Path) -> None:
    for upstream, digest in spec.files.items():
        got = _sha256(dest / Path(upstream).name)
        if got != digest:
            raise FetchError(
                f"{dest / Path(upstream).name}: sha256 {got} does not match the pinned {digest} "
                f"(commit {spec.commit[:10]}). The copy is not the expected version; fetch it again "
                "or pass --no-verify if you knowingly use another version."
            )
    if spec.manifest:
        got = manifest_digest(dest, spec.manifest_scope)
        if got != spec.manifest:
            raise FetchError(
                f"{dest}: the files under {'/'.join(spec.manifest_scope)} do not match the pinned "
                f"manifest {spec.manifest[:12]}... (commit {spec.commit[:10]}). Fetch again or pass "
                "--no-verify if you knowingly use another version."
            )


def _find_local(src: Path, name: str) -> Path:
    direct = src / name
    if direct.is_file():
        return direct
    hits = sorted(src.rglob(name))
    if not hits:
        raise FetchError(f"{src}: no file named {name} in the local copy. Point --from at the folder "
                         f"that holds it (e.g. ../shared/corpora/<name>).")
    return hits[0]


def _download(url: str, target: Path, name: str) -> None:
    try:
        with urllib.request.urlopen(url, timeout=60) as resp, open(target, "wb") as out:
            shutil.copyfileobj(resp, out)
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        raise FetchError(
            f"cannot download {url} ({exc}). Without network, copy the corpus from a local folder: "
            f"python -m analysis corpus fetch {name} --from LOCAL_DIR"
        ) from None


def _copy_tree(src: Path, dest: Path, skip: tuple[str, ...]) -> None:
    for p in sorted(src.rglob("*")):
        rel = p.relative_to(src)
        if rel.parts and rel.parts[0] in skip:
            continue
        if p.is_dir():
            (dest / rel).mkdir(parents=True, exist_ok=True)
        elif p.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(p, dest / rel)


def fetch(name: str, from_dir: str | Path | None = None, *, raw_dir: Path | None = None,
          verify: bool = True, force: bool = False) -> Path:
    """Install corpus ``name`` into ``data/raw/NAME`` and return that folder.

    Downloads the pinned upstream version, or copies ``from_dir`` (a local copy such as
    ``../shared/corpora/NAME``), then checks the sha256 checksums. Already installed: no-op
    unless ``force``.
    """
    spec = _spec(name)
    dest = corpus_path(name, raw_dir)
    marker = dest / ".sourcelens-ok"
    if marker.is_file() and not force:
        return dest
    tmp = Path(tempfile.mkdtemp(prefix=f"sourcelens-{name}-", dir=Path(raw_dir or paths.RAW)
                                if Path(raw_dir or paths.RAW).is_dir() else None))
    try:
        if from_dir is not None:
            src = Path(from_dir).expanduser()
            if not src.is_dir():
                raise FetchError(f"{src}: --from needs an existing folder holding the corpus files.")
            if spec.folder:
                root = src / spec.folder if (src / spec.folder / "metadata.tsv").is_file() else src
                if not (root / "metadata.tsv").is_file():
                    raise FetchError(f"{src}: no metadata.tsv here (or in {spec.folder}/): not a "
                                     f"copy of {name}.")
                _copy_tree(root, tmp, spec.skip)
            else:
                for upstream in spec.files:
                    shutil.copyfile(_find_local(src, Path(upstream).name), tmp / Path(upstream).name)
        elif spec.folder:
            archive = tmp / "archive.tar.gz"
            _download(spec.archive_url(), archive, name)
            with tarfile.open(archive) as tar:
                prefix = None
                for member in tar.getmembers():
                    parts = Path(member.name).parts
                    if len(parts) < 3 or parts[1] != spec.folder or parts[2] in spec.skip:
                        continue
                    if not member.isfile():
                        continue
                    prefix = prefix or parts[0]
                    target = tmp.joinpath(*parts[2:])
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with tar.extractfile(member) as fh, open(target, "wb") as out:
                        shutil.copyfileobj(fh, out)
            archive.unlink()
        else:
            for upstream in spec.files:
                _download(spec.raw_url(upstream), tmp / Path(upstream).name, name)
        if verify:
            _verify(spec, tmp)
        (tmp / ".sourcelens-ok").write_text(
            f"{name} {spec.repo}@{spec.commit} from {from_dir or 'upstream'}\n", encoding="utf-8")
        if dest.exists():
            shutil.rmtree(dest)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(tmp), dest)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return dest


def load_corpus(name: str, raw_dir: Path | None = None):
    """Load an installed corpus with :func:`analysis.corpus.load_articles`.

    Raises a clear error naming the fetch command when it is not installed (nothing is
    downloaded here).
    """
    from .corpus import load_articles

    dest = corpus_path(name, raw_dir)
    if not (dest / ".sourcelens-ok").is_file():
        raise FetchError(
            f"corpus {name!r} is not installed in {dest}. Fetch it first: "
            f"python -m analysis corpus fetch {name}  (or --from ../shared/corpora/{name})"
        )
    return load_articles(dest)
