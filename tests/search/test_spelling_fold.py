"""British and American spellings fold to one form, word for word, and matches map back to the original."""

from __future__ import annotations

import pytest

from policygen.search.spelling import WORD, fold, fold_word

PAIRS = [
    ("organisation", "organization"), ("organisations", "organizations"), ("recognised", "recognized"),
    ("minimise", "minimize"), ("prioritising", "prioritizing"), ("analyse", "analyze"), ("colour", "color"),
    ("behaviours", "behaviors"), ("favourite", "favorite"), ("honour", "honor"), ("licence", "license"),
    ("offences", "offenses"), ("centre", "center"), ("centred", "centered"), ("metres", "meters"),
    ("programme", "program"), ("programmes", "programs"), ("catalogue", "catalog"), ("travelled", "traveled"),
    ("counselling", "counseling"), ("enrolment", "enrollment"), ("fulfil", "fulfill"), ("judgement", "judgment"),
    ("ageing", "aging"), ("enquiries", "inquiries"), ("paediatric", "pediatric"), ("anaesthetist", "anesthetist"),
    ("haemorrhage", "hemorrhage"), ("oesophagus", "esophagus"), ("manoeuvre", "maneuvre"),
]


@pytest.mark.parametrize("british, american", PAIRS)
def test_both_spellings_fold_alike(british, american):
    assert fold_word(british) == fold_word(american)
    assert fold_word(british.capitalize()) == fold_word(american)


@pytest.mark.parametrize("word", ["hour", "four", "tour", "your", "comments", "wise", "rise", "sure", "are", "there", "policy"])
def test_words_without_two_spellings_are_left_alone(word):
    assert fold_word(word) == word


def test_the_fold_keeps_every_word_and_separator_and_maps_spans_back():
    text = "The Organisation’s colour-scheme: centred, 2 programmes; naïve café."
    folded = fold(text)
    assert len(WORD.findall(folded.text)) == len(WORD.findall(text))
    assert [m.start() for m in WORD.finditer(text)]  # the separators are untouched:
    assert WORD.split(folded.text) == WORD.split(text)
    for original, folded_word in zip(WORD.finditer(text), WORD.finditer(folded.text)):
        assert folded.original(*folded_word.span()) == original.span()
    start = folded.text.index("color-scheme")
    s, e = folded.original(start, start + len("color-scheme"))
    assert text[s:e] == "colour-scheme"
