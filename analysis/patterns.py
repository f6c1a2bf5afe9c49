"""Shared regex building for the lexicons (one place, used by every extractor).

>>> trie_pattern(["said", "say", "says"])
'sa(?:id|ys?)'
"""
from __future__ import annotations

import re
from typing import Iterable

__all__ = ["trie_pattern"]


def trie_pattern(words: Iterable[str]) -> str:
    """One regex alternation for many words, factored by common prefixes (much faster in ``re``
    than a flat ``a|b|c`` list); longer continuations are tried first.

    >>> import re
    >>> re.fullmatch(trie_pattern(["US", "U.S.", "USA"]), "U.S.") is not None
    True
    >>> re.match(trie_pattern(["allege", "alleged", "allegedly"]), "allegedly").group(0)
    'allegedly'
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if not end:
            return body
        if len(branches) == 1:
            return f"{body}?" if len(body) == 1 else f"(?:{body})?"
        return body[:-1] + "|)"  # (?:a|b|): the empty alternative last

    return build(trie)
