"""The command line: `train` names what it can train and fails with one clear line."""
from __future__ import annotations

import pytest

from analysis.cli import main


def test_train_missing_file_is_one_clear_error(tmp_path, capsys):
    assert main(["train", "hedges", str(tmp_path / "none.csv")]) == 2
    err = capsys.readouterr().err
    assert "none.csv not found" in err and "python -m analysis train hedges" in err


def test_train_offers_only_tasks_that_have_a_trainer(capsys):
    with pytest.raises(SystemExit):
        main(["train", "attributions", "x"])
    assert "invalid choice" in capsys.readouterr().err


def test_train_hedges_writes_a_model(shared, tmp_path, monkeypatch, capsys):
    from analysis import hedge_model, paths

    import pandas as pd

    small = tmp_path / "small.csv"
    pd.read_csv(paths.SHARED_BENCHMARKS / "hedges" / "conll2010-wiki-train.csv").sample(1500, random_state=0).to_csv(small, index=False)
    monkeypatch.setattr(paths, "TRAINED", tmp_path / "models")
    assert main(["train", "hedges", str(small)]) == 0
    out = capsys.readouterr().out
    assert "trained hedges" in out
    model = hedge_model.load_model(next((tmp_path / "models").glob("*.json")))
    assert model is not None
