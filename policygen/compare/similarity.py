"""Text similarity between clauses: TF-IDF vectors and their cosine, from scikit-learn.

Each unit's plain text (references resolved, the organisation's own name
replaced by a neutral word so that it does not make one organisation's clauses
look alike, English stop words left out) becomes a TF-IDF vector of character
3- to 5-grams within words, counts damped (sublinear tf). Character n-grams
match "pseudonym" with "pseudonyms" and "authorisation" with "authorised"
without a stemmer. The vectors are L2-normalised, so a score is the cosine of
two clauses: 0 shares nothing, 1 is the same words. On the shipped policies
99% of pairs of clauses from different organisations score below 0.26, and
clauses that say the same thing in other words score 0.35–0.65. scikit-learn is imported here only, so
``policygen --help`` and the other commands never load it.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from policygen.compare.units import Unit

# Scores below this are noise on the shipped policies (shared boilerplate words).
SUGGEST_MIN = 0.10
NEIGHBOURS = 5


@dataclass(frozen=True)
class Suggestion:
    topic: str
    score: float  # the best cosine between the clause and a clause tagged with this topic
    because: tuple[str, str]  # (column, id) of that clause


@dataclass(frozen=True)
class Pair:
    a: tuple[str, str]  # (column, id)
    b: tuple[str, str]
    score: float


class Similarity:
    """Cosine scores of a set of units (one fit, reused for every question).

    Only the sparse TF-IDF matrix is kept; scores are computed for the rows a
    question needs (one clause against all, or the clauses of one topic), so
    memory grows with the library, not with its square.
    """

    def __init__(self, units: list[Unit], org_words: dict[str, list[str]]) -> None:
        """``org_words``: each column's organisation's names, made neutral in its text."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.units = units
        self.index = {u.key: i for i, u in enumerate(units)}
        texts = [_neutral(u.text, org_words.get(u.column, [])) for u in units]
        self.matrix = None
        if not units:
            return
        vectorizer = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 5), preprocessor=_content_words,
            sublinear_tf=True, strip_accents="unicode", norm="l2",
        )
        try:
            self.matrix = vectorizer.fit_transform(texts).tocsr()
        except ValueError:  # every text is stop words only: nothing to compare
            self.matrix = None

    def _scores(self, rows: list[Unit], cols: list[Unit]):
        """Cosines of ``rows`` against ``cols`` as a dense array (rows × cols)."""
        import numpy as np

        if self.matrix is None or not rows or not cols:
            return np.zeros((len(rows), len(cols)))
        a = self.matrix[[self.index[u.key] for u in rows]]
        b = self.matrix[[self.index[u.key] for u in cols]]
        return (a @ b.T).toarray()

    def suggest(self, unit: Unit, allowed: Collection[str], limit: int = 3) -> list[Suggestion]:
        """Topics (of those ``allowed`` for its policy's kind) of the clauses most like an untagged one, best first, with the score that put them there."""
        tagged = [u for u in self.units if u.topics and u.key != unit.key]
        row = self._scores([unit], tagged)[0]
        score = {u.key: float(row[i]) for i, u in enumerate(tagged)}
        ranked = sorted(tagged, key=lambda u: (-score[u.key], u.column, u.order))[:NEIGHBOURS]
        best: dict[str, Suggestion] = {}
        for other in ranked:
            s = round(score[other.key], 2)
            if s < SUGGEST_MIN:
                continue
            for topic in other.topics:
                if topic in allowed and (topic not in best or s > best[topic].score):
                    best[topic] = Suggestion(topic, s, other.key)
        return sorted(best.values(), key=lambda x: (-x.score, x.topic))[:limit]

    def pairs(self, units: list[Unit], min_score: float) -> list[Pair]:
        """Pairs of units from different columns (organisations, or two policies of one) scoring at least ``min_score``, best first."""
        import numpy as np

        scores = self._scores(units, units)
        columns = np.array([u.column for u in units], dtype=object)
        # Candidates found in bulk (a library has thousands of clauses); the rounding that decides
        # the cut is then done exactly as it is shown.
        upper = np.triu(scores, k=1)
        rows, cols = np.nonzero((upper >= min_score - 0.01) & (columns[:, None] != columns[None, :]))
        out: list[Pair] = []
        for i, j in zip(rows.tolist(), cols.tolist()):
            s = round(float(scores[i, j]), 2)
            if s >= min_score:
                out.append(Pair(units[i].key, units[j].key, s))
        return sorted(out, key=lambda p: (-p.score, p.a, p.b))


def _content_words(text: str) -> str:
    """Lower-case words without English stop words (the char analyzer ignores ``stop_words``)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return " ".join(w for w in _WORD.findall(text.lower()) if w not in ENGLISH_STOP_WORDS)


_WORD = re.compile(r"\w+")


def _neutral(text: str, names: list[str]) -> str:
    for name in sorted(filter(None, names), key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(name)}\b", "organisation", text)
    return text
