"""The Markdown reader: what a user importing a .md file gets as blocks, and where each came from."""

from __future__ import annotations

from pathlib import Path

import pytest

from policygen.importer.blocks import AutoNumber, Heading, Table, Unreadable
from policygen.importer.readers import markdown
from policygen.importer.readers.textfile import MAX_BYTES

ROOT = Path(__file__).resolve().parents[2]


def read(text: str | bytes, name: str = "policy.md"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return markdown.read(Path(name), data)


def lines(source):
    return [(type(b).__name__, b.where.line) for b in source.blocks]


def test_headings_keep_their_level_and_line():
    source = read("# Social Media Policy\n\nIntro.\n\n## 1. Scope\n\nText.\n\nPurpose\n-------\n\n### 1.1 Who {#who .unnumbered}\n")
    headings = [(b.level, b.text, b.where.line) for b in source.blocks if isinstance(b, Heading)]
    assert headings == [(1, "Social Media Policy", 1), (2, "1. Scope", 5), (2, "Purpose", 9), (3, "1.1 Who", 12)]
    assert str(source.blocks[0].where) == "policy.md:1"
    # the "# Title" before any other heading is the title candidate; a later level-1 heading is not
    assert [b.title_style for b in source.blocks if isinstance(b, Heading)] == [True, False, False, False]
    assert not read("## Scope\n\n# Appendix\n").blocks[1].title_style


def test_inline_markdown_is_kept_as_written_and_unsafe_links_lose_their_target():
    source = read(
        "Staff **must** read the *Code* and [the guide](https://example.org/guide), "
        "run `policygen build`, mail <help@example.org> and see [section 4](#s4), "
        "[this](javascript:alert(1)) and [that][ref].\n\n[ref]: https://example.org/ref\n"
    )
    (para,) = source.blocks
    assert para.text == (
        "Staff **must** read the *Code* and [the guide](https://example.org/guide), "
        "run `policygen build`, mail <help@example.org> and see section 4, "
        "this and [that](https://example.org/ref)."
    )


def test_file_and_data_links_keep_only_their_words():
    (para,) = read("[x](file:///etc/passwd), [y](data:text/html,hi), [z](ftp://example.org/f)\n").blocks
    assert para.text == "x, y, z"


def test_escaped_characters_stay_escaped_so_the_words_read_back_the_same():
    (para,) = read("Use \\*stars\\*, a {ref:x} brace and snake_case names.\n").blocks
    assert para.text == "Use \\*stars\\*, a \\{ref:x\\} brace and snake_case names."


def test_lists_give_numbering_nesting_and_continuations():
    source = read(
        "1. First\n"
        "   - bullet under first\n"
        "     1. deep\n"
        "2. Second\n"
        "\n"
        "   more about second\n"
        "\n"
        "7) Seventh\n"
    )
    got = [(b.text, b.auto, b.style, b.where.line) for b in source.blocks]
    assert got == [
        ("First", AutoNumber(0, "decimal", "%1."), None, 1),
        ("bullet under first", AutoNumber(1, "bullet", "•"), None, 2),
        ("deep", AutoNumber(2, "decimal", "%3."), None, 3),
        ("Second", AutoNumber(0, "decimal", "%1."), None, 4),
        ("more about second", None, "List Continue", 6),
        ("Seventh", AutoNumber(0, "decimal", "%1.", start=7), None, 8),
    ]
    assert source.notices == ()  # the start number is carried, so nothing to say


def test_a_list_of_in_page_links_is_kept_as_contents():
    source = read("- [Intro](#intro)\n  - [Scope](#scope)\n\n1. [Guide](https://example.org)\n\n- [See](#intro) and more\n")
    assert [(b.text, b.auto.level, b.style) for b in source.blocks] == [
        ("Intro", 0, "Contents"),
        ("Scope", 1, "Contents"),
        ("[Guide](https://example.org)", 0, None),
        ("See and more", 0, None),
    ]


def test_a_heading_is_one_line():
    (heading,) = read("Social media\\\nand networking\n===\n").blocks
    assert heading.text == "Social media and networking"


def test_tables_mark_the_header_row():
    source = read("Before.\n\n| Term | Meaning |\n|---|---|\n| **SMT** | Senior management team |\n| EIA | |\n")
    table = source.blocks[1]
    assert isinstance(table, Table) and table.where.line == 3
    assert [(r.header, [c.paragraphs for c in r.cells]) for r in table.rows] == [
        (True, [("Term",), ("Meaning",)]),
        (False, [("**SMT**",), ("Senior management team",)]),
        (False, [("EIA",), ()]),
    ]


def test_a_blank_header_row_means_a_table_without_one():
    (table,) = read("|  |  |\n|---|---|\n| Reference | P_CoG_18 |\n").blocks
    assert [(r.header, [c.paragraphs for c in r.cells]) for r in table.rows] == [(False, [("Reference",), ("P_CoG_18",)])]


def test_block_quotes_are_quote_paragraphs():
    source = read("Said:\n\n> Public money, public code.\n> Still quoted.\n")
    assert [(b.text, b.style) for b in source.blocks] == [("Said:", None), ("Public money, public code. Still quoted.", "Quote")]


def test_pictures_and_html_are_skipped_never_fetched_and_their_words_kept():
    source = read(
        "Logo: ![Trust logo](https://example.org/logo.png) here.\n\n"
        "<script>alert('x')</script>\n\n"
        "Line one<br>line <u>two</u>.\n"
    )
    got = [(type(b).__name__, getattr(b, "text", getattr(b, "what", None)), b.where.line) for b in source.blocks]
    assert got == [
        ("Skipped", "picture (Trust logo): not imported, its file not read", 1),
        ("Paragraph", "Logo:  here.", 1),
        ("Skipped", "HTML (<script>alert('x')</script>): not read", 3),
        ("Skipped", "HTML tag <u>: left out, its words kept", 5),
        ("Skipped", "HTML tag </u>: left out, its words kept", 5),
        ("Paragraph", "Line one\\\nline two.", 5),
    ]


def test_reading_never_opens_a_connection(monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("the reader tried to open a connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    source = read("![x](http://example.org/pixel.gif) [site](http://example.org)\n\n<img src='http://example.org/a.png'>\n")
    assert [getattr(b, "text", None) or b.what for b in source.blocks] == [
        "picture (x): not imported, its file not read", "[site](http://example.org)",
        "HTML (<img src='http://example.org/a.png'>): not read",
    ]


def test_front_matter_gives_the_title_and_keeps_line_numbers():
    source = read("---\ntitle: 'Open-Source Policy'\nauthor: Someone\n---\n\n## Introduction\n")
    assert source.title == "Open-Source Policy"
    assert [(b.text, b.where.line) for b in source.blocks] == [("Introduction", 6)]


def test_shipped_markdown_source_reads_with_its_structure():
    path = ROOT / "organisations/strategy-unit/sources/open-source.txt"
    source = markdown.read(path, path.read_bytes())
    assert source.title == "Open-Source Policy"
    headings = [b.text for b in source.blocks if isinstance(b, Heading) and b.level == 2]
    assert headings[:3] == ["Introduction", "About open source", "Why open source?"]
    # the Quarto {.appendix} markers are markup, not words
    assert not any("{" in b.text for b in source.blocks if isinstance(b, Heading))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.7\n...", "policy.md: this is a PDF file, not Markdown"),
        (b"PK\x03\x04rest", "policy.md: this is a ZIP file (a Word .docx is one), not Markdown"),
        (b"text\x00with nul", "policy.md: this is binary data, not Markdown"),
        (b"", "policy.md: has no text"),
        (b" \n\t\n", "policy.md: has no text"),
        (b"---\ntitle: Only front matter\n---\n", "policy.md: has no text"),
        (b"![just a picture](x.png)\n", "policy.md: has no text"),
    ],
)
def test_unreadable_files_say_why_in_one_line(data, message):
    with pytest.raises(Unreadable) as exc:
        read(data)
    assert str(exc.value) == message


def test_a_file_over_the_limit_names_the_limit():
    with pytest.raises(Unreadable) as exc:
        read(b"a" * (MAX_BYTES + 1))
    assert str(exc.value) == "policy.md: is 50 MB; policygen imports files of at most 50 MB"


def test_windows_1252_is_read_and_said():
    source = read("# Policy\n\nThe Trust\u2019s caf\u00e9 \u2013 open.\n".encode("cp1252"))
    assert source.blocks[1].text == "The Trust\u2019s caf\u00e9 \u2013 open."
    assert [f"{n.where}: {n.message}" for n in source.notices] == [
        "policy.md:3: not UTF-8 (first at this line); read as Windows-1252 (cp1252): check accented letters and symbols"
    ]


def test_quotes_nested_past_the_parsers_limit_are_refused_not_silently_dropped():
    with pytest.raises(Unreadable) as exc:
        read("Intro.\n\n" + ">" * 100_000 + " lost\n")
    assert str(exc.value) == "policy.md:3: quotes or lists nested too deeply to read (the parser stops at 100 levels); nothing imported"


def test_lists_nested_deeper_than_any_policy_are_read_whole():
    source = read("".join("  " * i + f"- item {i}\n" for i in range(40)))
    assert [(b.text, b.auto.level) for b in source.blocks] == [(f"item {i}", i) for i in range(40)]
