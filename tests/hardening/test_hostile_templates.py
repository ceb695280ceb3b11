"""Clause bodies from a library someone else wrote: sandbox escapes, files on disk, and bodies that
would run for ever or fill the memory. Each is one input error at the clause file's line, exit 2,
quickly, with nothing written."""

from __future__ import annotations

import re
import time
from datetime import date
from pathlib import Path

import pytest
from support import draft_text

from drafter.errors import TemplateError
from drafter.model import Location
from drafter.render.clauses import render_text
from drafter.render.sandbox import MAX_SECONDS

ONE_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<what>.+?) — (?P<fix>.+)$")
OLD = b"an earlier build, which a refused build leaves alone\n"
BODY_LINE = 3  # the hostile markup sits on the clause body's third line
FILE_LINE = 6 + BODY_LINE  # after the six lines of front matter `_build_clause` writes

# (id, markup, what the error says)
# fmt: off
ESCAPES = [
    ("mro-subclasses", "{{ ''.__class__.__mro__[1].__subclasses__() }}", "unsafe"),
    ("cycler-globals", "{{ cycler.__init__.__globals__ }}", "undefined variable 'cycler'"),
    ("joiner-globals", "{{ joiner.__init__.__globals__['os'] }}", "undefined variable 'joiner'"),
    ("namespace-class", "{% set n = namespace() %}{{ n.__class__.__init__ }}",
     "undefined variable 'namespace'"),
    ("template-context", "{{ self._TemplateReference__context }}", "unsafe"),
    ("lipsum-globals", "{{ lipsum.__globals__['os'].popen('id').read() }}", "lipsum"),
    ("config", "{{ config.items() }}", "config"),
    ("request", "{{ request.application.__globals__ }}", "request"),
    ("format-attribute", "{{ '{0.__class__.__mro__}'.format(company) }}", "unsafe"),
    ("format-map", "{{ '{0.__class__}'.format_map({'0': company}) }}", "template failed"),
    ("attr-filter", "{{ company|attr('__class__') }}", "unsafe"),
    ("attr-chain", "{{ (company|attr('__class__')|attr('__mro__'))[1] }}", "attribute"),
    ("getattribute", "{{ company.__getattribute__('__class__') }}", "unsafe"),
    ("mutating-method", "{% set d = {} %}{{ d.update(a=1) }}", "unsafe"),
    ("builtin-method", "{{ (1).to_bytes(8, 'big') }}", "to_bytes"),
    ("include", "{% include '/etc/passwd' %}", "include"),
    ("import", "{% import '/etc/passwd' as p %}", "import"),
    ("from-import", "{% from '/etc/passwd' import x %}", "from ... import"),
    ("extends", "{% extends '../../../etc/passwd' %}", "extends"),
]
EXHAUSTION = [
    ("range-billion", "{% for i in range(10**9) %}x{% endfor %}", "range"),
    ("range-list", "{{ range(10**9)|list|length }}", "range"),
    ("string-times", "{{ 'x' * 10**9 }}", "stopped"),
    ("string-times-twice", "{{ 'x' * 999999 * 999 }}", "stopped"),
    ("list-times", "{{ [1] * 10**9 }}", "stopped"),
    ("shared-list-times", "{{ ['x' * 199999] * 199999 }}", "stopped"),
    ("big-power", "{{ 9 ** 1000000000 }}", "stopped"),
    ("nested-loops", "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}"
     "{% endfor %}", "stopped"),
    ("doubling", "{% set ns = namespace(s='x') %}{% for i in range(64) %}"
     "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}", "undefined variable 'namespace'"),
    ("doubling-plus", "{% set ns = namespace(s='x') %}{% for i in range(64) %}"
     "{% set ns.s = ns.s + ns.s %}{% endfor %}", "undefined variable 'namespace'"),
    ("doubling-sets", "{% set a = 'x' %}" + "{% set a = a ~ a %}" * 48 + "{{ a|length }}",
     "stopped"),
    ("nested-lists", "{% set a = [1] %}" + "{% set a = [a, a] %}" * 48 + "{{ a }}", "stopped"),
    ("macro-fanout", "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}"
     "{% endmacro %}{{ f(60) }}", "stopped"),
    ("macro-recursion", "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "template failed"),
    ("recursive-loop", "{% for i in [1] recursive %}{{ loop([1, 1]) }}{% endfor %}", "recursive"),
    ("set-block", "{% set s %}{% for i in range(99999) %}{{ 'x' * 99999 }}{% endfor %}"
     "{% endset %}", "stopped"),
    ("filter-block", "{% for i in range(99999) %}{% filter upper %}{{ 'x' * 99999 }}"
     "{% endfilter %}{% endfor %}", "stopped"),
    ("literal-loop", "{% for i in range(99999) %}" + "words " * 200 + "{% endfor %}", "stopped"),
    ("format-width", "{{ '{:>1000000000}'.format(company) }}", "stopped"),
    ("format-nested-width", "{{ '{0:{1}}'.format(company, 1000000000) }}", "stopped"),
    ("percent-width", "{{ '%1000000000s' % company }}", "stopped"),
    ("percent-star", "{{ '%*s' % (1000000000, company) }}", "stopped"),
    ("format-filter", "{{ '%.1000000000f'|format(1.5) }}", "stopped"),
    ("center-filter", "{{ company|center(10**9) }}", "stopped"),
    ("indent-filter", "{{ ('a\\n' * 99999)|indent(99999) }}", "stopped"),
    ("replace-filter", "{{ ('x' * 99999)|replace('x', 'y' * 99999) }}", "stopped"),
    ("replace-method", "{{ ('x' * 99999).replace('x', 'y' * 99999) }}", "stopped"),
    ("join-filter", "{{ (['y' * 99999] * 99999)|join }}", "stopped"),
    ("join-method", "{{ ('y' * 99999).join(['a'] * 99999) }}", "stopped"),
    ("ljust", "{{ company.ljust(10**9) }}", "stopped"),
    ("zfill", "{{ company.zfill(10**9) }}", "stopped"),
    ("expandtabs", "{{ ('\\t' * 99999).expandtabs(99999) }}", "stopped"),
    ("batch", "{{ [1]|batch(10**9, 'x')|list }}", "stopped"),
    ("round", "{{ 5|round(-10**9) }}", "stopped"),
    ("translate", "{{ company.translate({65: 'x' * 99999}) }}", "translate"),
    ("slow-loop", "{% set big = ('ab ' * 30000).split() %}{% for i in range(99999) %}"
     "{% set y = big|sort %}{% endfor %}", "seconds"),
    ("huge-number-text", "{{ (10 ** 100000)|string }}", "template failed"),
    ("printf-open-keys", "{{ ('%(' * 99999) % {} }}", "incomplete format key"),
    ("printf-open-keys-filter", "{{ ('%(' * 49999 ~ ')' ~ '%(' * 49999)|format(a=1) }}",
     "template failed"),
]
# Objects that weigh little and print a lot: a namespace holding two of the one before prints
# twice its text, so 20 levels print a thousand characters a million times (the review's repro).
NESTED_NAMESPACE = ("{% set n = namespace(a='x'*1000) %}"
                    + "{% set n = namespace(a=n,b=n) %}" * 20)
NESTED_VIEWS = ("{% set n = {'a': 'x' * 1000} %}"
                + "{% set n = {'a': n.items(), 'b': n.values()} %}" * 20)
MACRO = "{% macro m() %}x{% endmacro %}"
PRINTINGS = ["{{ V }}", "{{ V|string }}", "{{ V|pprint }}", "{{ V ~ '' }}", "{{ '%s' % V }}",
             "{{ '{}'.format(V) }}", "{{ '%s'|format(V) }}", "{{ [V]|join }}",
             "{{ 'x'|replace('x', V) }}", "{{ {'a': V}|xmlattr }}", "{{ V|upper }}"]
PRINTING_ATTACKS = (
    [(f"namespace{i}", NESTED_NAMESPACE + p.replace("V", "n"), "undefined variable 'namespace'")
     for i, p in enumerate(PRINTINGS)]
    + [(f"views{i}", NESTED_VIEWS + p.replace("V", "n"), "stopped")
       for i, p in enumerate(PRINTINGS)]
    + [(f"macro{i}", MACRO + p.replace("V", "m"), "Macro object cannot be turned into text")
       for i, p in enumerate(PRINTINGS)]
    + [("mapping-proxy", "{{ {'a': 1}.items().mapping }}", "mappingproxy object cannot"),
       ("loop-object", "{% for i in [1] %}{{ loop }}{% endfor %}", "LoopContext object cannot"),
       ("generator", "{{ [1]|map('string') }}", "generator object cannot"),
       ("cycler", "{{ cycler('a') }}", "undefined variable 'cycler'"),
       ("joiner", "{{ joiner() ~ joiner() }}", "undefined variable 'joiner'")]
)
# fmt: on


def _one_line(result: object, path: Path, line: int) -> re.Match[str]:
    code, out, err = result.code, result.out, result.err  # type: ignore[attr-defined]
    assert "Traceback" not in out + err and "internal error" not in err, err
    assert code == 2, (code, out, err)
    lines = err.splitlines()
    assert len(lines) == 1, err
    match = ONE_LINE.match(lines[0])
    assert match, lines[0]
    assert Path(match["path"]) == path and int(match["line"]) == line, lines[0]
    return match


def _build_clause(scratch, run_cli, tmp_path: Path, markup: str, old: bool = False):  # type: ignore[no-untyped-def]
    clause = scratch.clause(
        "whereas/hostile",
        f"Shareholders note the following.\n\n{markup}",
        front='[variables.company]\ndescription = "Company"\n',
    )
    draft = scratch.draft(draft_text(whereas='"whereas/hostile"'))
    out = tmp_path / "out.docx"
    if old:
        out.write_bytes(OLD)
    started = time.monotonic()
    result = run_cli("build", draft, "-o", out, "--library", scratch.root)
    return clause, out, result, time.monotonic() - started


@pytest.mark.parametrize(
    ("markup", "says"),
    [pytest.param(m, s, id=i) for i, m, s in ESCAPES + EXHAUSTION],
)
def test_a_hostile_clause_body_is_one_error_at_its_line(
    lib, run_cli, tmp_path: Path, markup: str, says: str
) -> None:
    clause, out, result, seconds = _build_clause(lib, run_cli, tmp_path, markup)
    match = _one_line(result, clause, FILE_LINE)
    assert says.lower() in match["what"].lower(), match[0]
    assert not out.exists()
    assert seconds < MAX_SECONDS + 3, f"took {seconds:.1f} s"


@pytest.mark.parametrize(
    ("markup", "says"), [pytest.param(m, s, id=i) for i, m, s in PRINTING_ATTACKS]
)
def test_an_object_that_prints_more_than_it_weighs_is_refused_quickly(
    lib, run_cli, tmp_path: Path, markup: str, says: str
) -> None:
    clause, out, result, seconds = _build_clause(lib, run_cli, tmp_path, markup)
    match = _one_line(result, clause, FILE_LINE)
    assert says.lower() in match["what"].lower(), match[0]
    assert not out.exists()
    assert seconds < 3, f"took {seconds:.1f} s"


@pytest.mark.parametrize(
    "markup", ["{{ ''.__class__.__mro__ }}", "{% include 'x' %}", "{{ 'x' * 10**9 }}"]
)
def test_a_refused_body_leaves_an_earlier_output_alone(
    lib, run_cli, tmp_path: Path, markup: str
) -> None:
    clause, out, result, _ = _build_clause(lib, run_cli, tmp_path, markup, old=True)
    _one_line(result, clause, FILE_LINE)
    assert out.read_bytes() == OLD


def test_nothing_of_the_file_system_reaches_the_output(lib, run_cli, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE\n", encoding="utf-8")
    for markup in (f"{{% include '{secret}' %}}", f"{{% import '{secret}' as s %}}{{{{ s }}}}"):
        clause, out, result, _ = _build_clause(lib, run_cli, tmp_path, markup)
        _one_line(result, clause, FILE_LINE)
        assert "TOP-SECRET" not in result.out + result.err and not out.exists()


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("{% for x in ['a', 'b'] %}{{ x|upper }}{{ ', ' if not loop.last }}{% endfor %}", "A, B"),
        ("{{ company|replace('A', 'a') }} {{ company|center(8) }}|", "amazon  Amazon |"),
        ("{{ '%05.1f' % 3.14159 }} {{ '{:,}'.format(1234567) }}", "003.1 1,234,567"),
        ("{% macro m(x) %}<{{ x }}>{% endmacro %}{{ m(company) }}{{ m('b') }}", "<Amazon><b>"),
        ("{% set x %}A{{ company }}{% endset %}{{ x }}", "AAmazon"),
        ("{% filter upper %}hello {{ company }}{% endfilter %}", "HELLO AMAZON"),
        ("{{ ['a', 'b']|map('upper')|join('-') }} {{ company.split('z')|length }}", "A-B 2"),
        ("{% for i in range(3) %}{{ loop.cycle('a', 'b') }}{% endfor %}", "aba"),
        (
            "{{ d }} {{ d.year }} {{ [d.month, 1.5, none, true] }} {{ range(2) }}",
            "2024-01-02 2024 [1, 1.5, None, True] range(0, 2)",
        ),
        (
            "{% set s = {'a': 1} %}{{ s }} {{ s.keys() }} {{ s.items()|list }} {{ (1, 'b') }}",
            "{'a': 1} dict_keys(['a']) [('a', 1)] (1, 'b')",
        ),
        (
            "{{ 'x' ~ 1 ~ d }} {{ '%s-%d' % ('a', 3) }} {{ [1, 2]|map('string')|join('+') }}",
            "x12024-01-02 a-3 1+2",
        ),
        ("{{ range(3)|batch(2)|list }} {{ 2 ** 10 }} {{ 'ab' * 3 }}", "[[0, 1], [2]] 1024 ababab"),
        ("{% for i in range(2000) %}{{ i % 10 }}{% endfor %}", "0123456789" * 200),
    ],
)
def test_ordinary_template_markup_still_renders(body: str, expected: str) -> None:
    values = {"company": "Amazon", "d": date(2024, 1, 2)}
    paragraphs = render_text(body, values, Location(Path("c.md"), 1))
    text = "".join(getattr(i, "text", "") for p in paragraphs for i in p.inlines)
    assert text.replace("’", "'").replace("‘", "'") == expected


def test_the_budget_is_per_rendering_not_per_process() -> None:
    """Many bodies, each under the budget, all render: nothing is left over between them."""
    body = "{% for i in range(60000) %}{% endfor %}{{ company }}"
    for _ in range(5):
        paragraphs = render_text(body, {"company": "Acme"}, Location(Path("c.md"), 1))
        assert paragraphs[0].inlines[0].text == "Acme"  # type: ignore[union-attr]


def test_a_render_error_names_the_line_inside_a_long_body() -> None:
    body = "one\n\ntwo\n{% for i in range(3) %}\n{{ ''.__class__ }}\n{% endfor %}"
    with pytest.raises(TemplateError) as caught:
        render_text(body, {}, Location(Path("lib/c.md"), 10))
    assert caught.value.line == 14 and "unsafe" in caught.value.message


def _nested_namespace(levels: int) -> object:
    from jinja2.utils import Namespace

    n = Namespace(a="x" * 1000)
    for _ in range(levels):
        n = Namespace(a=n, b=n)
    return n


@pytest.mark.parametrize("body", [*PRINTINGS, "{{ [V] }}", "{{ {'k': V} }}", "a {{V}} b"])
def test_an_object_given_as_a_value_is_refused_before_it_is_printed(body: str) -> None:
    """However a value gets in, its text is not made unless it is plain data the budget weighed."""
    started = time.monotonic()
    with pytest.raises(TemplateError) as caught:
        render_text(body, {"V": _nested_namespace(30)}, Location(Path("lib/c.md"), 4))
    assert time.monotonic() - started < 3
    assert caught.value.line == 4 and "Namespace object cannot" in caught.value.message
