"""sourcelens: who says so, how sure, how often, in what tone.

The public API is re-exported here lazily, so ``import analysis`` stays fast::

    import analysis
    articles, rejects = analysis.load_articles("data/examples")
    results = analysis.analyze(articles)
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS = {
    "analyze": "pipeline",
    "Results": "pipeline",
    "split_sentences": "segment",
    "load_articles": "corpus",
    "as_article_table": "corpus",
    "LoadError": "corpus",
    "save_figure": "plots",
    "extract_attributions": "attribution",
    "find_no_comment": "no_comment",
    "describe_sources": "sources",
    "load_actors": "actors",
    "find_actors": "actors",
    "source_profile": "sources",
    "find_hedges": "hedging",
    "is_uncertain": "hedging",
    "explain_uncertainty": "hedge_model",
    "extract_claims": "claims",
    "cluster_claims": "claims",
    "match_claims": "similarity",
    "find_near_duplicates": "duplicates",
    "claim_cluster_summary": "claims",
    "show_article": "view",
    "load_corpus": "registry",
    "tone_toward": "sentiment",
    "target_polarity": "sentiment",
    "target_label": "sentiment",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + list(_EXPORTS))
