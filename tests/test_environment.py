"""environment.yml (conda) and pyproject.toml (pip) list the same packages."""
from __future__ import annotations

import re
import tomllib

import yaml

from analysis import paths


def _name(req: str) -> str:
    return re.split(r"[<>=!~ \[;]", req.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_matches_pyproject():
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())["project"]
    pip_names = {_name(r) for r in project["dependencies"]}
    pip_names |= {_name(r) for r in project["optional-dependencies"]["dev"]}
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text())
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    conda_names = {_name(d) for d in conda} - {"python", "pip"}
    assert conda_names == pip_names, (
        f"only in environment.yml: {sorted(conda_names - pip_names)}; "
        f"only in pyproject.toml: {sorted(pip_names - conda_names)}"
    )
    pip_section = [d for d in env["dependencies"] if isinstance(d, dict)]
    assert pip_section and pip_section[0]["pip"] == ["-e ."]
    assert any(d.startswith("python=3.11") for d in conda)


def test_versions_agree():
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())["project"]
    pins = {_name(r): r.split(_name(r), 1)[-1].split("#")[0].strip()
            for r in project["dependencies"] + project["optional-dependencies"]["dev"]}
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text())
    for dep in env["dependencies"]:
        if isinstance(dep, str) and _name(dep) in pins:
            assert dep.replace("_", "-").lower().endswith(pins[_name(dep)].lower()), dep
