"""The fast parser (libyaml) and the located one (ruamel round-trip) read the same data."""

from pathlib import Path

import pytest

from conftest import ROOT
from policygen.load.source import _plain, _round_trip, parse_source

FILES = sorted((ROOT / "organisations").glob("*/*.yaml")) + [ROOT / "vocabulary" / "topics.yaml"]

TRICKY = """\
answer: no
other: yes
flag: true
off_word: off
time: 12:30
duration: 1:20:30
date: 2024-02-30
month: 2027-03
version: 1.10
octal_like: 010
big: 1_000
null_value: ~
quoted: "2024-01-01"
"""


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_shipped_files_read_the_same(path: Path):
    text = path.read_text(encoding="utf-8")
    assert parse_source(text, path.name).data == _plain(_round_trip(text, path.name))


def test_yaml_1_2_rules_for_words_dates_and_numbers():
    fast = parse_source(TRICKY, "t.yaml").data
    assert fast == _plain(_round_trip(TRICKY, "t.yaml"))
    assert fast["answer"] == "no" and fast["flag"] is True and fast["date"] == "2024-02-30"
