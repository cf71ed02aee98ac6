"""The fidelity checker itself catches a lost or altered sentence (so its passes mean something)."""

from fidelity import SEED_LIST, SEEDS, fragments, html_text, missing_fragments, words


def test_checker_reports_a_deleted_and_a_reworded_sentence(built):
    seed = next(s for s in SEED_LIST if s.org == "focus")
    html = (built / "build" / "focus" / "social-media.html").read_text(encoding="utf-8")
    text = html_text(html)
    assert missing_fragments(seed, text) == []
    deleted = text.replace("This policy does not form part of any staff members", "")
    assert any("does not form part" in f for f in missing_fragments(seed, deleted))
    reworded = text.replace("reasonable personal use is allowed", "limited personal use is allowed")
    assert any("reasonable personal use" in f for f in missing_fragments(seed, reworded))


def test_checker_strips_noise_but_keeps_words():
    seed = next(s for s in SEED_LIST if s.org == "eput")
    frags = fragments(seed)
    assert not any("<b>" in f or "&amp;" in f or "**" in f for f in frags)
    assert "APPROVAL BY FINANCE & PERFORMANCE COMMITTEE:" in frags


def test_underscore_emphasis_is_markup_but_a_snake_case_word_is_not():
    # A Markdown source may emphasise with underscores, even around a bracket: "(_why)_".
    assert words("the purpose (_why)_, and _with specific approval_.") == words("the purpose (why), and with specific approval.")
    assert words("a file_name here") == ["a", "file_name", "here"]


def test_an_emphasised_sentence_is_checked_by_its_words(built):
    # OpenSAFELY's source writes "Dataset Developers _with specific approval_."; the HTML has <em>.
    seed = SEEDS["opensafely"]
    page = (built / "build" / "opensafely" / "data-access.html").read_text(encoding="utf-8")
    assert "<em>with specific approval</em>" in page
    sentence = next(f for f in fragments(seed) if f.endswith("Dataset Developers _with specific approval_."))
    text = html_text(page)
    assert sentence not in missing_fragments(seed, text)
    assert sentence in missing_fragments(seed, text.replace("with specific approval", "with approval"))
