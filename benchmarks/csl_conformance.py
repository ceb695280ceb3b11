"""Run the CSL processor test suite's fixtures through drafter's citation layer.

    python benchmarks/csl_conformance.py FIXTURE_DIR [--json] [--only PREFIX] [--show]

Each fixture (`../shared/csl-test-suite/humans/*.txt`, format in that folder's README) is run as
the suite defines it: citation mode renders the clusters (CITATIONS, else CITATION-ITEMS, else
every item in one cluster) and joins them with newlines; bibliography mode renders the reference
list of the cited items inside the suite's `csl-bib-body` divs. A CITATIONS fixture is a
sequence of calls, each adding or changing one citation and giving the citations before and after
it with their note numbers: the document is the last call's order, each citation in its latest
form, and the result is compared without its `>>[n]`/`..[n]` markers (as pandoc's runner does). Comparison is strict: the HTML-ish text must be identical.
"""

from __future__ import annotations

import argparse
import json
import re
import signal
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from drafter.citations.csl import (  # noqa: F401  (register their elements)
    dates,
    names,
    suite,
)

SECTION = re.compile(r"^>>=+ *([A-Z-]+) *=+>>\s*$")
END = re.compile(r"^<<=+ *([A-Z-]+) *=+<<\s*$")
MARKER = re.compile(r"^[>.]{2}\[\d+\] ?")
TIMEOUT_S = 10


def read_fixture(path: Path) -> dict[str, str]:
    """The fixture's sections by name (MODE, CSL, INPUT, RESULT, ...)."""
    sections: dict[str, str] = {}
    name: str | None = None
    lines: list[str] = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        if name is None:
            opened = SECTION.match(line)
            if opened:
                name, lines = opened.group(1), []
        elif END.match(line):
            sections[name] = "\n".join(lines)
            name = None
        else:
            lines.append(line)
    return sections


def clusters_of(sections: dict[str, str], items: list[dict[str, Any]]) -> list[suite.Cluster]:
    """The fixture's citations in document order, each with its note number (None in text)."""
    if "CITATIONS" in sections:
        calls = json.loads(sections["CITATIONS"])
        latest = {call[0].get("citationID", str(n)): call[0] for n, call in enumerate(calls)}
        citation, before, after = calls[-1]
        order = [(str(i), n) for i, n in before]
        order.append((citation.get("citationID", str(len(calls) - 1)), None))
        order += [(str(i), n) for i, n in after]
        clusters = []
        for cid, note in order:
            found = latest.get(cid)
            if found is None:
                continue
            if note is None:
                note = (found.get("properties") or {}).get("noteIndex")
            clusters.append(suite.Cluster(found["citationItems"], note or None))
        return clusters
    if "CITATION-ITEMS" in sections:
        return [suite.Cluster(cites, None) for cites in json.loads(sections["CITATION-ITEMS"])]
    ids = list(dict.fromkeys(str(item["id"]) for item in items))
    if sections["MODE"].strip() == "bibliography":
        return [suite.Cluster([{"id": i}], None) for i in ids]
    return [suite.Cluster([{"id": i} for i in ids], None)]


def expected_of(sections: dict[str, str]) -> str:
    result = sections.get("RESULT", "")
    if "CITATIONS" in sections and sections["MODE"].strip() == "citation":
        result = "\n".join(MARKER.sub("", line) for line in result.splitlines())
    return result


def run_fixture(path: Path) -> dict[str, Any]:
    """Run one fixture: whether it passes, and what was expected and produced."""
    sections = read_fixture(path)
    mode = sections.get("MODE", "").strip()
    items = json.loads(sections.get("INPUT", "[]"))
    for number, item in enumerate(items, 1):
        item.setdefault("id", f"ITEM-{number}")
    expected = expected_of(sections)
    started = time.perf_counter()
    try:
        clusters = clusters_of(sections, items)
        style = sections["CSL"].encode("utf-8")
        if mode == "citation":
            actual = "\n".join(suite.citations(style, items, clusters))
        elif mode == "bibliography":
            actual = suite.bibliography_html(suite.bibliography(style, items, clusters))
        else:
            return {"pass": False, "error": f"unknown mode {mode!r}", "expected": expected}
    except Exception as exc:  # a fixture that breaks the processor is a failure, not a crash
        return {
            "pass": False,
            "error": f"{type(exc).__name__}: {str(exc)[:200]}",
            "expected": expected,
            "seconds": round(time.perf_counter() - started, 4),
        }
    return {
        "pass": actual == expected,
        "expected": expected,
        "actual": actual,
        "seconds": round(time.perf_counter() - started, 4),
    }


def _timeout(signum: int, frame: Any) -> None:
    raise TimeoutError(f"over {TIMEOUT_S} s")


def run(folder: Path, only: str = "") -> dict[str, Any]:
    """Every fixture in `folder` (optionally those whose name starts with `only`)."""
    results: dict[str, Any] = {}
    signal.signal(signal.SIGALRM, _timeout)
    for path in sorted(folder.glob("*.txt")):
        if not path.name.startswith(only):
            continue
        signal.alarm(TIMEOUT_S)
        try:
            results[path.name] = run_fixture(path)
        except TimeoutError as exc:
            results[path.name] = {"pass": False, "error": str(exc)}
        finally:
            signal.alarm(0)
    passed = sum(1 for r in results.values() if r["pass"])
    return {"passed": passed, "total": len(results), "results": results}


def by_category(results: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """Passed and total per suite category (the fixture name before its underscore)."""
    total: Counter[str] = Counter()
    passed: Counter[str] = Counter()
    for name, result in results.items():
        category = name.split("_", 1)[0]
        total[category] += 1
        passed[category] += bool(result["pass"])
    return {c: (passed[c], total[c]) for c in sorted(total)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path, help="a folder of CSL test-suite fixtures")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--only", default="", help="run fixtures whose name starts with this")
    parser.add_argument("--show", action="store_true", help="print expected and actual text")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"{args.folder}: not a folder — give the suite's fixture folder", file=sys.stderr)
        return 2
    started = time.perf_counter()
    report = run(args.folder, args.only)
    if args.json:
        print(json.dumps(report, indent=1, ensure_ascii=False))
        return 0
    for name, result in report["results"].items():
        print(f"{'pass' if result['pass'] else 'FAIL'}  {name}  {result.get('error', '')}")
        if args.show and not result["pass"]:
            print("  expected:", result.get("expected", "").replace("\n", "\n            "))
            print("  actual:  ", result.get("actual", "").replace("\n", "\n            "))
    print()
    for category, (passed, total) in by_category(report["results"]).items():
        print(f"{category:<14}{passed:>4} / {total:<4}")
    seconds = time.perf_counter() - started
    share = 100 * report["passed"] / max(1, report["total"])
    print(f"\npassed {report['passed']} of {report['total']} ({share:.1f}%) in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
