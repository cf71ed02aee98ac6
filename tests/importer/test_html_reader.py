"""The HTML reader: the blocks a user importing a web page gets, where each came from, and what
it refuses or leaves out (scripts, frames, pictures: never run or fetched)."""

from __future__ import annotations

from pathlib import Path

import pytest

from policygen.importer.blocks import AutoNumber, Cell, Heading, Paragraph, Row, Skipped, Table, Unreadable
from policygen.importer.readers import html
from policygen.importer.readers.textfile import MAX_BYTES

ROOT = Path(__file__).resolve().parents[2]


def read(text: str | bytes, name: str = "policy.html"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return html.read(Path(name), data)


def page(body: str, head: str = "<title>Social Media Policy</title>") -> str:
    return f"<!DOCTYPE html>\n<html><head>{head}</head>\n<body>\n{body}\n</body></html>\n"


def shown(source):
    """Each block as a user would check it: kind, text, numbering, style, line."""
    out = []
    for b in source.blocks:
        if isinstance(b, Heading):
            out.append(("h", b.level, b.text, b.title_style, b.where.line))
        elif isinstance(b, Paragraph):
            out.append(("p", b.text, b.auto, b.style, b.where.line))
        elif isinstance(b, Skipped):
            out.append(("skipped", b.what, b.where.line))
        else:
            out.append(("table", b.where.line))
    return out


def test_title_and_headings_with_levels_and_lines():
    source = read(page("<h1>Social Media Policy</h1>\n<h2>1. Scope</h2>\n<p>Applies to all staff.</p>\n<h3>1.1 Who</h3>"))
    assert source.title == "Social Media Policy"
    assert shown(source) == [
        ("h", 1, "Social Media Policy", True, 4),
        ("h", 2, "1. Scope", False, 5),
        ("p", "Applies to all staff.", None, None, 6),
        ("h", 3, "1.1 Who", False, 7),
    ]
    assert str(source.blocks[1].where) == "policy.html:5"


def test_a_heading_is_one_line():
    source = read(page("<h2>Social media<br>and networking</h2>"))
    assert [b.text for b in source.blocks] == ["Social media and networking"]


def test_title_candidates_are_a_first_heading_h1_or_an_h1_classed_as_a_title():
    source = read(page('<h1>Records Policy</h1>\n<h1>Introduction</h1>'))
    assert [(b.text, b.title_style) for b in source.blocks] == [("Records Policy", True), ("Introduction", False)]
    source = read(page('<h2>Site menu</h2>\n<h1 class="doc-title">Records Policy</h1>\n<h1>Introduction</h1>'))
    assert [(b.text, b.title_style) for b in source.blocks] == [("Site menu", False), ("Records Policy", True), ("Introduction", False)]


def test_inline_formatting_becomes_markdown_and_only_web_and_email_links_keep_their_target():
    source = read(page(
        "<p>Staff <b>must</b> read the <em>Code</em>, <strong> the <i>whole</i> guide </strong>,"
        ' <a href="https://example.org/guide?a=1&amp;b=2">the guide</a>,'
        ' <a href="mailto:comms@example.org">email us</a>,'
        ' <a href="javascript:alert(1)">click</a>, <a href="/intranet/page">our page</a>,'
        ' <a href="#s4">section 4</a>, run <code>policygen *build*</code>'
        " and <b><b>nested</b></b>.<br>New line, 5 * 3 and {ref:x}.</p>"
    ))
    (para,) = source.blocks
    assert para.text == (
        "Staff **must** read the *Code*, **the *whole* guide** ,"
        " [the guide](https://example.org/guide?a=1&b=2), [email us](mailto:comms@example.org),"
        " click, our page, section 4, run `policygen *build*` and **nested**.\\\n"
        "New line, 5 \\* 3 and \\{ref:x\\}."
    )


def test_lists_keep_nesting_counting_and_continuations():
    source = read(page(
        '<ol type="a">\n<li>First\n<ul>\n<li>bullet\n<ol type="i"><li>roman</li></ol>\n</ul>\n'
        "<li><p>Second</p><p>more about second</p>\n"
        '<li>Third</ol>\n<ol type="I" start="4"><li>Fourth</li></ol>'
    ))
    assert [(p.text, p.auto, p.style, p.where.line) for p in source.blocks] == [
        ("First", AutoNumber(0, "lower-alpha", "%1."), None, 5),
        ("bullet", AutoNumber(1, "bullet", "•"), None, 7),
        ("roman", AutoNumber(2, "lower-roman", "%3."), None, 8),
        ("Second", AutoNumber(0, "lower-alpha", "%1."), None, 10),
        ("more about second", None, "List Continue", 10),
        ("Third", AutoNumber(0, "lower-alpha", "%1."), None, 11),
        ("Fourth", AutoNumber(0, "upper-roman", "%1.", start=4), None, 12),
    ]
    assert source.notices == ()  # the start number is carried, so nothing to say


def test_tables_mark_header_rows_and_keep_colspans_captions_and_lists_in_cells():
    source = read(page(
        "<table>\n<caption>Version control</caption>\n"
        "<thead><tr><th>Version</th><th>Date</th><th>Change</th></tr></thead>\n"
        "<tbody><tr><th>Approved by</th><td colspan=\"2\">Trust Board</td></tr>\n"
        "<tr><td>1.0</td><td>2021</td><td><ul><li>New</li><li>Tidied</li></ul></td></tr>\n"
        "<tr><td>1.1</td><td></td><td><table><tr><td>a</td><td>b</td></tr></table></td></tr>\n"
        "</tbody></table>"
    ))
    caption, table = source.blocks
    assert (caption.text, caption.style, caption.where.line) == ("Version control", "Caption", 5)
    assert isinstance(table, Table) and table.where.line == 4
    assert table.rows == (
        Row((Cell(("Version",)), Cell(("Date",)), Cell(("Change",))), header=True),
        Row((Cell(("Approved by",)), Cell(("Trust Board",), colspan=2))),
        Row((Cell(("1.0",)), Cell(("2021",)), Cell(("- New", "- Tidied")))),
        Row((Cell(("1.1",)), Cell(()), Cell(("a | b",)))),
    )


def test_a_caption_repeating_the_heading_above_its_table_is_not_read_twice():
    source = read(page('<h2>Policy Statement</h2><table><caption class="visually-hidden">Policy statement</caption><tr><td>Background</td><td>Text</td></tr></table>'))
    assert [type(b).__name__ for b in source.blocks] == ["Heading", "Table"]


def test_block_quotes_and_definition_lists_are_styled():
    source = read(page("<blockquote><p>Public money, public code.</p></blockquote>\n<dl><dt>SMT</dt><dd>Senior management team</dd></dl>"))
    assert [(b.text, b.style) for b in source.blocks] == [
        ("Public money, public code.", "Quote"),
        ("SMT", "Definition Term"),
        ("Senior management team", "Definition"),
    ]


def test_navigation_and_contents_lists_are_kept_but_marked():
    source = read(page(
        '<a class="skip" href="#main">Skip to content</a>\n'
        '<nav><h2>Contents</h2><ul><li><a href="https://example.org/">Home</a></li></ul></nav>\n'
        '<ol><li><a href="#intro">1 Introduction</a><ol><li><a href="#scope">1.1 Scope</a></li></ol></li></ol>\n'
        '<h2 id="intro">1 Introduction</h2><p>See <a href="#scope">scope</a>.</p>'
    ))
    assert [(b.text, getattr(b, "style", "heading"), getattr(b.auto, "level", None)) for b in source.blocks] == [
        ("Skip to content", "Contents", None),
        ("Contents", "Contents", None),
        ("[Home](https://example.org/)", "Contents", 0),
        ("1 Introduction", "Contents", 0),
        ("1.1 Scope", "Contents", 1),
        ("1 Introduction", "heading", None),
        ("See scope.", None, None),
    ]


def test_a_page_word_saved_keeps_words_styles_and_typed_numbers():
    source = read(
        b"<html><head><meta http-equiv=Content-Type content='text/html; charset=windows-1252'></head><body>\n"
        b"<p class=MsoTitle>Records Management Policy</p>\n"
        b"<p class=MsoToc1><a href='#_Toc1'>1. Introduction</a></p>\n"
        b"<h1><![if !supportLists]><span>1.<span>&nbsp;&nbsp; </span></span><![endif]>Introduction<o:p></o:p></h1>\n"
        b"<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level2 lfo1'><![if !supportLists]>1.1&nbsp;<![endif]>"
        b"The Trust\x92s records.</p>\n<p class=MsoQuote>Quoted.</p>\n</body></html>"
    )
    assert shown(source) == [
        ("h", 1, "Records Management Policy", True, 2),
        ("p", "1. Introduction", None, "Contents", 3),
        ("h", 1, "1. Introduction", False, 4),
        ("p", "1.1 The Trust\u2019s records.", None, "List Paragraph", 5),
        ("p", "Quoted.", None, "Quote", 6),
    ]


def test_a_number_typed_in_its_own_element_stays_with_its_text():
    source = read(page('<div class="clause"><span class="num">4.2</span><div class="body"><p>Staff must not post.</p></div></div>'))
    assert [b.text for b in source.blocks] == ["4.2 Staff must not post."]


def test_scripts_frames_forms_and_pictures_are_left_out_and_said():
    source = read(page(
        "<p>Before <script>document.write('INJECTED')</script>after.</p>\n"
        '<img src="https://example.org/track.png" alt="Trust logo">\n'
        '<iframe src="https://example.org/"></iframe>\n'
        "<form><label>Name <input name=n></label></form>\n"
        "<object data=x.swf>fallback words</object><style>p {}</style>",
        head="<title>T</title><script src=https://example.org/a.js></script>",
    ))
    assert shown(source) == [
        ("p", "Before after.", None, None, 4),
        ("skipped", "picture (Trust logo): not imported, its file not read", 5),
        ("skipped", "an embedded page (iframe): not imported, nothing fetched", 6),
        ("skipped", "a form: not imported (its fields are not policy text)", 7),
        ("skipped", "an embedded object: not imported", 8),
    ]
    assert [n.message for n in source.notices] == ["2 scripts and 1 style sheet left out, never run"]


def test_entities_declared_in_the_file_or_an_external_dtd_are_never_expanded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    dtd = tmp_path / "evil.dtd"
    dtd.write_text(f'<!ENTITY ext SYSTEM "{secret.as_uri()}">')
    source = read(
        f'<!DOCTYPE html SYSTEM "{dtd.as_uri()}" [<!ENTITY inner "EXPANDED"><!ENTITY ext2 SYSTEM "{secret.as_uri()}">]>'
        "<html><body><p>a &inner; b &ext; c &ext2; d &amp; e</p></body></html>"
    )
    text = " ".join(b.text for b in source.blocks)
    assert "SECRET" not in text and "EXPANDED" not in text
    assert "d & e" in text


def test_reading_a_page_never_opens_a_connection(monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("the reader tried to open a connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    source = read(
        '<!DOCTYPE html SYSTEM "http://example.org/evil.dtd"><html><head>'
        '<link rel="stylesheet" href="http://example.org/a.css"><script src="http://example.org/a.js"></script></head>'
        '<body><p>Words <img src="http://example.org/pixel.gif" alt="">.</p><iframe src="http://example.org/"></iframe></body></html>'
    )
    assert [getattr(b, "text", None) or b.what for b in source.blocks] == [
        "picture: not imported, its file not read", "Words .", "an embedded page (iframe): not imported, nothing fetched",
    ]


def test_a_page_nested_past_the_parsers_limit_is_refused_not_cut_short():
    deep = "<div>" * 100_000 + "lost" + "</div>" * 100_000
    with pytest.raises(Unreadable) as exc:
        read(page(deep + "<p>after</p>"))
    assert str(exc.value).startswith("policy.html:4: cannot be read (Excessive depth in document: 256")


def test_nesting_within_the_limit_is_read_without_recursion():
    source = read(page("<div>" * 200 + "<b>" * 40 + "deep" + "</b>" * 40 + "</div>" * 200))
    assert [b.text for b in source.blocks] == ["**deep**"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.4\n%...", "policy.html: this is a PDF file, not HTML"),
        (b"PK\x03\x04\x14\x00", "policy.html: this is a ZIP file (a Word .docx is one), not HTML"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "policy.html: this is an old-style Office file (.doc, .xls), not HTML"),
        (b"<p>nul\x00</p>", "policy.html: this is binary data, not HTML"),
        (b"", "policy.html: has no text"),
        (b"  \r\n ", "policy.html: has no text"),
        (b"<html><head><title>Only a title</title></head><body><img src=x.png></body></html>", "policy.html: has no text"),
    ],
)
def test_unreadable_files_say_why_in_one_line(data, message):
    with pytest.raises(Unreadable) as exc:
        read(data)
    assert str(exc.value) == message


def test_a_file_over_the_limit_names_the_limit():
    with pytest.raises(Unreadable) as exc:
        read(b"<p>" + b"a" * MAX_BYTES + b"</p>")
    assert str(exc.value) == "policy.html: is 50 MB; policygen imports files of at most 50 MB"


@pytest.mark.parametrize(
    ("head", "said"),
    [
        ('<meta charset="windows-1252">', "its declared cp1252"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">', "its declared iso8859-1"),
        ("", "Windows-1252 (cp1252)"),
    ],
)
def test_encodings_other_than_utf8_are_read_and_said(head, said):
    source = read(page("<p>The Trust caf\u00e9</p>", head=head).encode("cp1252"))
    assert source.blocks[0].text == "The Trust caf\u00e9"
    assert [f"{n.where}: {n.message}" for n in source.notices] == [
        f"policy.html:4: not UTF-8 (first at this line); read as {said}: check accented letters and symbols"
    ]


def test_bytes_no_encoding_explains_are_shown_as_replacement_characters():
    source = read(page("<p>caf\u00e9</p>").encode("cp1252").replace(b"\xe9", b"\x81"))
    assert source.blocks[0].text == "caf\ufffd"
    assert [n.message for n in source.notices] == ["not UTF-8 or Windows-1252; unreadable characters are shown as \ufffd"]


def test_utf16_with_a_byte_order_mark_is_read():
    source = read(("\ufeff" + page("<p>Caf\u00e9</p>")).encode("utf-16-le"))
    assert [b.text for b in source.blocks] == ["Caf\u00e9"]


def test_policygens_own_html_reads_back_with_its_numbers_and_contents_marked(built_html):
    source = html.read(built_html, built_html.read_bytes())
    assert source.title.startswith("Social Media Procedure (CPG58)")
    headings = [b.text for b in source.blocks if isinstance(b, Heading) and b.level == 2]
    assert "1.0 INTRODUCTION" in headings and "8.0 MONITORING AND ENFORCEMENT" in headings
    texts = [b.text for b in source.blocks if isinstance(b, Paragraph) and b.style is None]
    assert any(t.startswith("1.1 The Trust's Social Media Policy") for t in texts)
    contents = [b.text for b in source.blocks if isinstance(b, Paragraph) and b.style == "Contents"]
    assert "5.1.1 Honesty and Openness" in contents


@pytest.fixture(scope="module")
def built_html(tmp_path_factory):
    from conftest import copy_project
    from policygen.cli import main

    project = copy_project(tmp_path_factory.mktemp("built"))
    assert main(["--root", str(project), "build", "eput", "-f", "html", "--quiet"]) == 0
    return project / "build" / "eput" / "social-media.html"
