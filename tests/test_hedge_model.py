"""The learned hedge classifier: features, fit / save / load, explanations, wiring into is_uncertain,
and a held-out score on CoNLL-2010 (training folds only)."""
from __future__ import annotations

import json

import numpy as np
import pytest

from analysis import hedge_model, hedging, paths
from conftest import SHARED_REASON

from analysis.hedge_model import HedgeModel, explain_uncertainty, features, fit, load_model, train

# Constructed sentences (not from any data set): vague sources and modals vs plain facts.
UNCERTAIN = ["Some critics say it may be fake.", "It is widely believed to be old.", "Many say it could rain.",
             "Experts suggest the figure is probably too high.", "It is said to be one of the best."]
CERTAIN = ["The bridge opened in 1932.", "The river is 30 km long.", "The town has a church.",
           "The mayor signed the budget on Monday.", "The station has two platforms."]
TEXTS = (UNCERTAIN + CERTAIN) * 3
LABELS = ([1] * len(UNCERTAIN) + [0] * len(CERTAIN)) * 3


@pytest.fixture(scope="module")
def toy():
    return fit(TEXTS, LABELS, inner_folds=0, induce_options={"min_count": 100})


def test_features_normalise_conll_tokens():
    assert features("It -LRB- 1990 -RRB- is n't", n_max=1) == ["it", "(", "0", ")", "isn", "'", "t"]
    assert features("It isn't", n_max=1) == features("It is n't", n_max=1)
    assert features("Some say", n_max=3) == ["some", "say", "some say"]
    assert features("") == [] and features(None) == []


def test_fit_separates_and_explains(toy):
    assert all(toy.predict(t) for t in UNCERTAIN)
    assert not any(toy.predict(t) for t in CERTAIN)
    assert toy.predict("") is False
    table = explain_uncertainty("Critics say it may be fake.", model=toy, top=0)
    assert list(table.columns) == ["kind", "feature", "value", "weight", "contribution"]
    assert set(table["kind"]) <= {"word", "rule"}
    assert table["contribution"].abs().is_monotonic_decreasing
    assert table.attrs["score"] == pytest.approx(toy.score("Critics say it may be fake."))
    assert table.attrs["uncertain"] is True
    # the contributions add up to the score
    assert toy.intercept + table["contribution"].sum() == pytest.approx(table.attrs["score"])
    assert len(explain_uncertainty("Critics say it may be fake.", model=toy, top=3)) == 3
    assert explain_uncertainty("", model=toy).empty


def test_json_round_trip(toy, tmp_path):
    again = HedgeModel.from_json(json.loads(json.dumps(toy.to_json())))
    for t in UNCERTAIN + CERTAIN:
        assert again.score(t) == pytest.approx(toy.score(t))
    with pytest.raises(ValueError):
        HedgeModel.from_json({"format": "something else"})


def test_train_writes_and_load_model_reads(tmp_path):
    csv = tmp_path / "toy.csv"
    csv.write_text("text,label\n" + "".join(f'"{t}",{y}\n' for t, y in zip(TEXTS, LABELS)), encoding="utf-8")
    out = train(csv, out=tmp_path / "m.json", inner_folds=3, induce_options={"min_count": 100})
    assert out == tmp_path / "m.json" and out.exists()
    model = load_model(out)
    assert model is load_model(out)  # cached
    assert model.meta["n_sentences"] == len(TEXTS) and model.meta["trained_on"] == "toy.csv"
    assert model.predict("Many critics say it could be fake.")
    assert load_model(tmp_path / "absent.json") is None
    assert hedge_model.MODEL_FILE == "hedges_model.json"


def test_is_uncertain_wiring(toy, tmp_path, monkeypatch):
    sentence = "The town says it has a church."  # no lexicon cue; the toy model decides on its words
    assert hedging.is_uncertain("Critics argue the plan failed.", model=None)
    assert hedging.is_uncertain("The station has two platforms.", model=toy) is False
    assert hedging.is_uncertain("Many experts believe it.", model=toy) is True
    # questions: the lexicon's question veto applies even with a model
    assert hedging.is_uncertain("Could it be fake?", model=toy) is False
    # "auto" without a trained file falls back to the lexicon; with a file it uses the model
    monkeypatch.setattr(paths, "TRAINED", tmp_path)
    assert hedging.is_uncertain(sentence) is hedging.is_uncertain(sentence, model=None)
    (tmp_path / hedge_model.MODEL_FILE).write_text(json.dumps(dict(toy.to_json(), threshold=-1e9)))
    assert hedging.is_uncertain(sentence) is True  # the (absurd-threshold) model decided
    assert hedging.is_uncertain(sentence, lexicon=hedging.load_lexicon()) is False  # a lexicon = lexicon only


def test_is_uncertain_bad_input(toy):
    for text in ["", "   ", "Ceci n'est pas une phrase anglaise.", "word " * 50_000]:
        assert isinstance(hedging.is_uncertain(text, model=toy), bool)


# ----------------------------------------------------------------- CoNLL-2010 (real data)


@pytest.fixture(scope="module")
def conll_fold():
    """One 5-fold split of the CoNLL-2010 Wikipedia sentences and a model fitted on its 4 training folds."""
    from sklearn.model_selection import StratifiedKFold

    from analysis.evaluate import hedges as ev

    path = paths.SHARED_BENCHMARKS / "hedges" / "conll2010-wiki-train.csv"
    if not path.exists():
        pytest.skip(SHARED_REASON)
    data = ev.load(path)
    texts, y = data["text"].tolist(), data["label"].to_numpy()
    train_idx, test_idx = next(StratifiedKFold(5, shuffle=True, random_state=0).split(texts, y))
    model = fit([texts[i] for i in train_idx], y[train_idx])
    lexicon = hedging.load_lexicon(ev.induce([texts[i] for i in train_idx], y[train_idx]))
    return model, lexicon, [texts[i] for i in test_idx], y[test_idx]


def test_conll_heldout_fold_model_beats_lexicon(conll_fold):
    """Held-out fold 0 (~10 s): the classifier beats the lexicon induced on the same training folds."""
    from analysis.evaluate import hedges as ev

    model, lexicon, texts, y = conll_fold
    with_model = ev.counts([hedging.is_uncertain(t, model=model) for t in texts], y)
    lexicon_only = ev.counts([hedging.is_uncertain(t, lexicon=lexicon, model=None) for t in texts], y)
    assert with_model["f1"] >= 0.62, with_model
    assert with_model["f1"] > lexicon_only["f1"], (with_model, lexicon_only)


def test_conll_model_precision_vetoes(conll_fold):
    model, _, texts, _ = conll_fold
    for text in ["The village fell in May.", "Theresa May met the king.", "Could this be the end?",
                 "The spokesman could not be reached for comment.", "The army showed its military might."]:
        assert not hedging.is_uncertain(text, model=model), explain_uncertainty(text, model=model)
    for text in ["Russian forces allegedly seized the village.", "It is widely regarded as one of the finest.",
                 "Some people say the castle is haunted."]:
        assert hedging.is_uncertain(text, model=model), explain_uncertainty(text, model=model)
    decisions = [hedging.is_uncertain(t, model=model) for t in texts]
    assert 0 < sum(decisions) < len(texts)
    assert np.isfinite(model.threshold)


def test_json_scoring_equals_sklearn_decision_function():
    """The saved model (idf + weights, scored without scikit-learn) reproduces the SVM exactly."""
    from unittest import mock

    import sklearn.svm

    captured = {}
    original = sklearn.svm.LinearSVC.fit

    def spy(self, x, y):
        captured.update(x=x, svm=self)
        return original(self, x, y)

    texts = TEXTS + ["It may rain, some say, on Monday in 1932.", "Critics say so."]
    labels = LABELS + [1, 1]
    with mock.patch.object(sklearn.svm.LinearSVC, "fit", spy):
        model = hedge_model._fit_linear(texts, np.asarray(labels), c=0.1, n_max=3, min_df=1,
                                        induce_options={"min_count": 100})
    reference = captured["svm"].decision_function(captured["x"])
    assert np.allclose(reference, [model.score(t) for t in texts], atol=1e-9)
