"""Text that breaks Word: what users paste from PDFs and web pages, through render and DOCX.

What drafter does with each kind of character (docs/architecture.md, the Word layer):

- Control characters (C0 but tab and newline, DEL, C1), lone surrogates and U+FFFE/U+FFFF
  cannot be in a Word file: render drops them, `checks` warns (`text.unwritable`) at the file
  and line they came from, and the writers drop any that arrive another way (a source's title).
- A carriage return is a newline; a vertical tab (Word's own line break) is a line break.
- Everything else round-trips exactly: zero-width characters, bidi marks and embeddings,
  emoji sequences, any script, combining accents, very long words and addresses.
"""

from __future__ import annotations

import io
import json
import re
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from support import sized

from drafter.model import UNWRITABLE, Block, Cite, Document, Location, Note, NoteRef, Origin, Span
from drafter.render.clauses import Paragraph, render_text
from drafter.word import read_docx, to_docx

WORD_TESTS = Path(__file__).resolve().parent.parent / "word"
if str(WORD_TESTS) not in sys.path:
    sys.path.append(str(WORD_TESTS))
from clients import soffice_convert  # noqa: E402

# --- what users paste --------------------------------------------------------------------

DROPPED = (
    [chr(c) for c in range(0x00, 0x09)]
    + ["\x0c"]
    + [chr(c) for c in range(0x0E, 0x20)]
    + [chr(c) for c in range(0x7F, 0xA0)]
    + ["\ud800", "\udbff", "\udc00", "\udfff", "\ufffe", "\uffff"]
)
LINE_BREAKS = ["\v", "\r", "\r\n"]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\ufeff", "\u2060"]
BIDI = ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202e", "\u2066", "\u2067", "\u2069"]
EMOJI = [
    "😀",
    "👍🏽",
    "👩\u200d👩\u200d👧\u200d👦",
    "🏳\ufe0f\u200d🌈",
    "🇺🇸",
    "🇯🇵",
    "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",
]
SCRIPTS = [
    "مرحبا بالعالم",
    "حقوق المساهمين ١٢٣",
    "שָׁלוֹם עולם",
    "中文字符",
    "日本語のテキスト",
    "한국어",
    "हिन्दी भाषा",
    "ภาษาไทย",
    "Ελληνικά",
    "Кириллица",
    "e\u0301te\u0301 cafe\u0301 n\u0303 a\u0308\u0323",
    "Z\u0351\u036b\u0343\u036a\u0302",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟙𝟚𝟛",
]
LONG_WORD = "Donaudampfschifffahrtsgesellschaft" * 147  # 4,998 characters, no space
LONG_URL = "https://example.org/reports/" + "segment-" * 600 + "end.pdf?q=1&r=%20x"
WORDS = ["Whereas", "the", "Company", "board", "report", "shareholders", "request", "2024"]
KEYS = ["hrw-2021", "sec-2022"]

pieces = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(DROPPED + LINE_BREAKS + ["\t"]),
    st.sampled_from(ZERO_WIDTH + BIDI),
    st.sampled_from(EMOJI + SCRIPTS),
    st.sampled_from([LONG_WORD, LONG_URL, "https://example.org/a?b=1"]),
    st.text(st.characters(codec="utf-8", exclude_characters="*[]@\\_`'\"{}%#<>"), max_size=8),
)


@st.composite
def words(draw: st.DrawFn) -> str:
    """Some pieces, glued together or spaced, maybe in bold or italics."""
    glue = draw(st.sampled_from(["", " "]))
    text = glue.join(draw(st.lists(pieces, min_size=1, max_size=6)))
    mark = draw(st.sampled_from(["", "", "*", "**"]))
    return f"{mark}{text}{mark}" if mark and text.strip() else text


@st.composite
def clause_texts(draw: st.DrawFn) -> str:
    """A clause body: runs of words, citation markers, line and paragraph breaks."""
    out = []
    for _ in range(draw(st.integers(1, 6))):
        out.append(draw(words()))
        if draw(st.booleans()):
            out.append(f" [@{draw(st.sampled_from(KEYS))}]")
        out.append(draw(st.sampled_from([" ", " ", "\n", "\n\n", "\t"])))
    return "".join(out)


note_texts = st.lists(pieces, min_size=1, max_size=5).map(" ".join)  # a source's title, raw


# --- helpers ----------------------------------------------------------------------------


def render(text: str) -> list[Paragraph]:
    return render_text(text, {}, Location("clause.md", 1))


def clean(text: str) -> str:
    """The source as drafter documents it is read: unwritable characters gone."""
    return UNWRITABLE.sub("", text)


def spans_text(inlines: tuple[object, ...]) -> str:
    return "".join(i.text for i in inlines if isinstance(i, Span))


def document(clauses: list[tuple[str, list[str]]]) -> tuple[Document, list[str], list[str]]:
    """Rendered clauses as one document, each citation a note whose text is raw pasted text;
    with the body and note texts a reader should find."""
    blocks: list[Block] = []
    notes: list[Note] = []
    for index, (body, raw_notes) in enumerate(clauses):
        for paragraph in render(body):
            inlines: list[Span | NoteRef] = []
            for inline in paragraph.inlines:
                if isinstance(inline, Cite):
                    raw = raw_notes[len(notes) % len(raw_notes)]
                    notes.append(Note(len(notes) + 1, (Span("Note: "), Span(raw, italic=True))))
                    inlines.append(NoteRef(len(notes)))
                else:
                    inlines.append(inline)
            origin = Origin("body", index, None)
            blocks.append(Block("paragraph", tuple(inlines), "body", origin))
    body_texts = [spans_text(b.inlines) for b in blocks]
    note_expected = [("Note: " + writable_note(n.spans[1].text)).strip() for n in notes]
    return Document("Hard text", tuple(blocks), tuple(notes)), body_texts, note_expected


def writable_note(text: str) -> str:
    """A note's raw text as the writer keeps it."""
    return clean(re.sub("\r\n?|\v", "\n", text))


def kept_pieces(text: str) -> Iterator[str]:
    """The pasted characters of `text` a reader must find again, one by one."""
    for char in clean(re.sub(r" \[@[\w-]+\]", "", text)):
        if not char.isspace() and char not in "*[]@-":
            yield char


# --- render and python-docx ----------------------------------------------------------------


@settings(max_examples=sized(dev=100, ci=800), deadline=None)
@given(clause_texts())
def test_render_drops_only_what_no_document_can_hold(text: str) -> None:
    rendered = render(text)
    assert [p.inlines for p in rendered] == [p.inlines for p in render(clean(text))]
    for paragraph in rendered:
        for inline in paragraph.inlines:
            if isinstance(inline, Span):
                assert not UNWRITABLE.search(inline.text)
                assert "\v" not in inline.text and "\r" not in inline.text
                assert inline.url is None or not UNWRITABLE.search(inline.url)


@settings(max_examples=sized(dev=50, ci=400), deadline=None)
@given(
    st.lists(st.tuples(clause_texts(), st.lists(note_texts, min_size=1)), min_size=1, max_size=4)
)
def test_docx_holds_exactly_the_rendered_text(clauses: list[tuple[str, list[str]]]) -> None:
    doc, body_texts, note_texts_expected = document(clauses)
    data = to_docx(doc)
    docx.Document(io.BytesIO(data))  # python-docx opens it
    for name in zipfile.ZipFile(io.BytesIO(data)).namelist():
        if name.endswith((".xml", ".rels")):
            etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(name))  # well-formed
    contents = read_docx(data)
    assert [p.text for p in contents.paragraphs] == body_texts
    assert [n.text for n in contents.notes] == note_texts_expected
    found = contents.text + "".join(n.text for n in contents.notes)
    for body, _ in clauses:
        for char in kept_pieces(body):
            assert char in found, f"{char!r} was lost"


@settings(max_examples=sized(dev=40, ci=300), deadline=None)
@given(st.text(min_size=1, max_size=40), note_texts)
def test_links_and_properties_with_pasted_text_still_write(text: str, raw: str) -> None:
    url = "https://example.org/" + raw
    doc = Document(
        text,
        (Block("paragraph", (Span(raw, url=url), Span(text)), "body", Origin("body", 0, None)),),
        meta={"draft": raw, "template": "proposal"},
    )
    contents = read_docx(to_docx(doc))
    assert contents.paragraphs[0].text == writable_note(raw + text)
    assert contents.title == writable_note(text)[:255]
    assert contents.properties.get("drafter.draft", "") == writable_note(raw)


def test_an_address_longer_than_office_takes_is_text() -> None:
    long_ok = "https://example.org/?q=" + "é" * 342  # 2,075 characters once encoded
    blocks = tuple(
        Block("paragraph", (Span(url, url=url),), "body", Origin("body", i, None))
        for i, url in enumerate((long_ok, long_ok + "é", LONG_URL))
    )
    contents = read_docx(to_docx(Document("Links", blocks)))
    assert [p.text for p in contents.paragraphs] == [long_ok, long_ok + "é", LONG_URL]
    assert [len(p.links) for p in contents.paragraphs] == [1, 0, 0]


def test_emphasis_around_an_address_closes_after_it() -> None:
    spans = render("*see https://example.org/a* and **https://example.org/b**")[0].inlines
    assert spans == (
        Span("see ", italic=True),
        Span("https://example.org/a", italic=True, url="https://example.org/a"),
        Span(" and "),
        Span("https://example.org/b", bold=True, url="https://example.org/b"),
    )


# --- LibreOffice ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def libreoffice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder and LibreOffice profile for the module's conversions (run one at a time)."""
    return tmp_path_factory.mktemp("libreoffice")


@settings(
    max_examples=sized(dev=2, ci=12),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)
@given(
    st.lists(
        st.tuples(clause_texts(), st.lists(note_texts, min_size=1, max_size=3)),
        min_size=20,
        max_size=40,
    )
)
def test_libreoffice_reads_the_same_text(
    libreoffice: Path, clauses: list[tuple[str, list[str]]]
) -> None:
    """Many generated clauses in one document, converted once to LibreOffice's flat ODF."""
    doc, body_texts, note_texts_expected = document(clauses)
    with tempfile.TemporaryDirectory(dir=libreoffice) as folder:
        source = Path(folder) / "hard.docx"
        source.write_bytes(to_docx(doc))
        fodt = soffice_convert(source, Path(folder), "fodt", libreoffice / "profile")
        body, notes = libreoffice_text(fodt)
    assert [squash(t) for t in body] == [squash(t) for t in body_texts]
    assert [squash(t) for t in notes] == [squash(t) for t in note_texts_expected]


TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


def libreoffice_text(fodt: Path) -> tuple[list[str], list[str]]:
    """Body paragraph texts (notes left out) and note texts, as LibreOffice read the DOCX."""
    root = etree.parse(str(fodt)).getroot()
    office_text = root.find(f"{{{OFFICE_NS}}}body/{{{OFFICE_NS}}}text")
    assert office_text is not None
    paragraphs = [p for p in office_text if p.tag in (f"{{{TEXT_NS}}}p", f"{{{TEXT_NS}}}h")]
    body = [odf_text(p) for p in paragraphs]
    notes = [
        odf_text(p)
        for note in office_text.iter(f"{{{TEXT_NS}}}note-body")
        for p in note.iter(f"{{{TEXT_NS}}}p")
    ]
    return body, notes


def odf_text(element: etree._Element) -> str:
    """Visible text of an ODF paragraph: spaces, tabs and line breaks kept, notes left out."""
    out = [element.text or ""]
    for child in element:
        tag = etree.QName(child).localname
        if tag == "s":
            out.append(" " * int(child.get(f"{{{TEXT_NS}}}c", "1")))
        elif tag == "tab":
            out.append("\t")
        elif tag == "line-break":
            out.append("\n")
        elif tag != "note":
            out.append(odf_text(child))
        out.append(child.tail or "")
    return "".join(out)


def squash(text: str) -> str:
    return " ".join(text.split())


# --- the command line -------------------------------------------------------------------------

HARD_LINE = (
    "Pasted\x07 from\x0c a PDF\x85 page\x7f: e\u0301 مرحبا שלום 中文 हिन्दी 👩\u200d👩\u200d👧 🇺🇸"
    " x\u200by\u200cz\u200dw\ufeffv \u200fRTL\u202b embed\u202c \u2067iso\u2069 *stress* and **bold**"
)
EXPECTED = (
    "Pasted from a PDF page: e\u0301 مرحبا שלום 中文 हिन्दी 👩\u200d👩\u200d👧 🇺🇸"
    " x\u200by\u200cz\u200dw\ufeffv \u200fRTL\u202b embed\u202c \u2067iso\u2069 stress and bold"
)
INLINE = "Typed into the draft file, then pasted text: "  # its line is found by these words
SOURCES = [
    {
        "id": "hrw-2021",
        "type": "webpage",
        "title": "Mass\u0007 Surveillance \ud800Fuels\ufffe Oppression",
        "author": [{"literal": "Human Rights Watch"}],
        "issued": {"date-parts": [[2021, 11, 24]]},
        "URL": "https://www.hrw.org/news/2021/11/24/mass-surveillance",
    }
]


def toml_string(text: str) -> str:
    """`text` as a TOML basic string: control characters escaped."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def test_build_through_the_cli_with_pasted_text(scratch, run_cli, tmp_path: Path) -> None:
    scratch.clause("whereas/pasted", f"{HARD_LINE}\n\n{LONG_WORD} {LONG_URL} [@hrw-2021]")
    (scratch.root / "citations" / "refs.json").write_text(json.dumps(SOURCES), encoding="utf-8")
    scratch.clause("resolved/r", "Shareholders request that the Board issue a report.")
    draft = scratch.draft(
        'schema = 1\ntemplate = "proposal"\ntitle = "Report\\u0007 on \u05e9\u05dc\u05d5\u05dd"\n'
        'style = "chicago-notes-bibliography"\n\n[sections]\nwhereas = [\n  "whereas/pasted",\n'
        f"  {{ text = {toml_string(INLINE + HARD_LINE)} }},\n]\n"
        'resolved = ["resolved/r"]\n'
    )
    out = tmp_path / "pasted.docx"
    result = run_cli("build", draft, "-o", out, "--library", scratch.root)
    assert result.code == 0, result.err
    contents = read_docx(out.read_bytes())
    texts = [p.text for p in contents.paragraphs]
    assert contents.title == "Report on \u05e9\u05dc\u05d5\u05dd"
    assert texts[1] == f"Whereas: {EXPECTED}"
    assert texts[2] == f"{LONG_WORD} {LONG_URL}"
    assert texts[3] == INLINE + EXPECTED
    assert contents.paragraphs[2].links == ()  # longer than Office takes: text, not a link
    assert "Mass Surveillance Fuels Oppression" in contents.notes[0].text
    for suffix in (".md", ".txt"):  # the text writers drop the same characters
        text_out = out.with_suffix(suffix)
        assert run_cli("build", draft, "-o", text_out, "--library", scratch.root).code == 0
        written = text_out.read_text(encoding="utf-8")
        assert "Fuels Oppression" in written and not UNWRITABLE.search(written)
    clause = scratch.root / "clauses" / "whereas" / "pasted.md"
    warned = result.out + result.err
    for where in (f"{clause}:5", f"{draft}:9", f"{draft}:3"):
        assert where in warned and "text.unwritable" in warned, warned


def test_clause_file_with_a_lone_surrogate_is_refused_at_its_line(
    scratch, run_cli, tmp_path: Path
) -> None:
    path = scratch.clause("whereas/broken", "First line.\n\nSecond SURROGATE line.")
    path.write_bytes(
        path.read_bytes().replace(b"SURROGATE", "\ud800".encode("utf-8", "surrogatepass"))
    )
    scratch.clause("resolved/r", "Shareholders request a report.")
    draft = scratch.draft(
        'schema = 1\ntemplate = "proposal"\ntitle = "Report"\n\n[sections]\n'
        'whereas = ["whereas/broken"]\nresolved = ["resolved/r"]\n'
    )
    out = tmp_path / "x.docx"
    result = run_cli("build", draft, "-o", out, "--library", scratch.root)
    assert result.code == 2
    assert result.err.strip().splitlines() == [result.err.strip()]
    assert result.err.startswith(f"{path}:7: not UTF-8 text")
    assert not out.exists()
