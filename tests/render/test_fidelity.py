"""Every sentence of each seed policy appears in its generated HTML."""

import pytest

from fidelity import SEED_LIST, fragments, html_text, link_text, missing_fragments


@pytest.mark.parametrize("seed", SEED_LIST, ids=lambda s: s.org)
def test_every_seed_sentence_is_in_the_html(built, seed):
    text = html_text(seed.output(built, "html").read_text(encoding="utf-8"))
    missing = missing_fragments(seed, text)
    assert not missing, f"{len(missing)} of {len(fragments(seed))} source fragments missing:\n" + "\n".join(missing)


@pytest.mark.parametrize("seed", SEED_LIST, ids=lambda s: s.org)
def test_every_seed_sentence_is_in_the_plain_text(built, seed):
    text = link_text(seed.output(built, "md").read_text(encoding="utf-8"))
    missing = missing_fragments(seed, text)
    assert not missing, f"{len(missing)} of {len(fragments(seed))} source fragments missing:\n" + "\n".join(missing)
