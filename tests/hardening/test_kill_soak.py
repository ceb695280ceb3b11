"""Data safety under SIGKILL: real `drafter build` and `drafter review` processes, killed at
seeded random points of their lifetime, leave every output whole (the old file or a complete
new one), no part under a final name, only recognizable temp files, and a campaign manifest
that describes what is on disk. A normal run afterwards succeeds and ignores the leftovers."""

from __future__ import annotations

import io
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from review_files import rewrite, tracked_replace
from support import EXAMPLES, copy_examples, sized

from drafter.output.export import render_document
from drafter.pipeline import build_file
from drafter.word import to_docx

SEED = 20250614
ROUNDS = sized(dev=4, ci=12)  # kills per soak (support.sized: CI runs the long soak)
TARGETS = sized(dev=16, ci=40)  # the soaked campaign's targets
TEMP = re.compile(
    r"^\.(?P<name>.+?)\.drafter-\d+(?:-[0-9a-f]{8})?\.[a-z0-9_]{8}\.tmp$"
)  # write_atomic's names
VOLATILE = {"docProps/core.xml"}  # the creation time: the one part two builds differ in
TEMPS_SEEN: set[str] = set()  # the leftover names, printed (pytest -s) after each test

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and sessions are POSIX")


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DRAFTER_LIBRARY"}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def _start(args: list[str], cwd: Path, errors: int = subprocess.DEVNULL) -> subprocess.Popen[bytes]:
    """`python -m drafter ARGS` in its own session, so its workers can be found and reaped."""
    return subprocess.Popen(
        [sys.executable, "-m", "drafter", *args],
        cwd=cwd,
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=errors,
        start_new_session=True,
    )


def _run(args: list[str], cwd: Path) -> float:
    """Run to the end; its duration. Exit 0 or 1 (check findings) is a run that wrote."""
    start = time.monotonic()
    process = _start(args, cwd, subprocess.PIPE)
    _, err = process.communicate(timeout=120)
    assert process.returncode in (0, 1), err.decode()
    _reap(process.pid)
    return time.monotonic() - start


def _group_alive(group: int) -> bool:
    """Whether any process of the session's group is still running (zombies do not count)."""
    proc = Path("/proc")
    if not proc.is_dir():
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return False
        return True
    for stat in proc.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[0] != "Z" and int(fields[2]) == group:
            return True
    return False


def _reap(group: int) -> None:
    """Wait for the workers a killed parent leaves to stop by themselves, then make sure."""
    deadline = time.monotonic() + 30
    while _group_alive(group) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = _group_alive(group)
    if left:
        os.killpg(group, signal.SIGKILL)
    assert not left, "worker processes outlived the killed drafter process by 30 s"


def _kill_at(args: list[str], cwd: Path, delay: float) -> bool:
    """Start a run and SIGKILL the main process `delay` seconds in; whether it was still running."""
    process = _start(args, cwd)
    start = time.monotonic()
    while process.poll() is None and time.monotonic() - start < delay:
        time.sleep(0.002)
    killed = process.poll() is None
    if killed:
        os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=120)
    _reap(process.pid)
    return killed


def _delays(rng: random.Random, duration: float, rounds: int) -> list[float]:
    """Seeded kill times spread evenly over a normal run's lifetime (one per stratum)."""
    delays = [duration * (i + rng.random()) / rounds for i in range(rounds)]
    rng.shuffle(delays)
    return delays


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {n: archive.read(n) for n in archive.namelist() if n not in VOLATILE}


def _same_output(data: bytes, expected: bytes) -> bool:
    """Whether `data` is the output `expected` stands for (DOCX: a whole package, same parts)."""
    if not expected.startswith(b"PK"):
        return data == expected
    try:
        same = _parts(data) == _parts(expected)
        docx.Document(io.BytesIO(data))
    except Exception:  # any damage at all: not the complete new file
        return False
    return same


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def _check_folder(
    folder: Path, before: dict[str, bytes], expected: dict[str, bytes], inputs: set[str]
) -> None:
    """Each output is as before or the complete new one; anything else is a known temp file."""
    for name, new in expected.items():
        path = folder / name
        if not path.exists():
            assert name not in before, f"{name} was there before the run and is gone"
            continue
        data = path.read_bytes()
        assert data == before.get(name) or _same_output(data, new), (
            f"{name} is neither the old file nor a complete new one ({len(data)} bytes)"
        )
    for path in folder.iterdir():
        if path.name in expected or path.name in inputs:
            continue
        match = TEMP.match(path.name)
        known = match is not None and (match["name"] in expected or match["name"] in inputs)
        assert known, f"unexpected file {path.name}"
        TEMPS_SEEN.add(TEMP.sub(r".\g<name>.drafter-PID.XXXXXXXX.tmp", path.name))


def _soak(
    folder: Path,
    args: list[str],
    outputs: Callable[[int], dict[str, bytes]],
    prepare: Callable[[int], None],
    rounds: int,
    seed: int,
) -> int:
    """Kill `args` `rounds` times; before each, `prepare(round)` changes the inputs and
    `outputs(round)` is what a whole run would write. Returns how many kills hit a live run."""
    prepare(-1)
    duration = _run(args, folder)
    inputs = set(_snapshot(folder)) - set(outputs(-1))
    kills = 0
    for number, delay in enumerate(_delays(random.Random(seed), duration, rounds)):
        prepare(number)
        expected = outputs(number)
        before = _snapshot(folder)
        kills += _kill_at(args, folder, delay)
        _check_folder(folder, before, expected, inputs)
    prepare(rounds)
    _run(args, folder)  # a normal run over whatever the kills left
    for name, data in outputs(rounds).items():
        whole = _same_output((folder / name).read_bytes(), data)
        assert whole, f"{name} is not the new output after a normal run"
    _check_folder(folder, {}, outputs(rounds), inputs)
    _report(kills, rounds)
    return kills


def _report(kills: int, rounds: int) -> None:
    print(f"\n{kills} of {rounds} kills hit a live run; temp files left: {sorted(TEMPS_SEEN)}")


def _retitle(path: Path, original: str, number: int) -> None:
    """The draft with a title of its own for this round, so new output differs from old."""
    title = re.search(r'^title = "(.*)"$', original, re.M)
    assert title
    path.write_text(original.replace(title[0], f'title = "{title[1]} {number}"', 1), "utf-8")


def _expected(path: Path, fmt: str) -> bytes:
    return render_document(build_file(path).document, fmt)


@pytest.mark.parametrize("fmt", ["docx", "md"])
def test_a_killed_single_build_leaves_the_old_output_or_the_new(tmp_path: Path, fmt: str) -> None:
    draft = tmp_path / "proposal.toml"
    original = (EXAMPLES / "amazon-customer-due-diligence.toml").read_text(encoding="utf-8")
    cache: dict[int, bytes] = {}

    def prepare(number: int) -> None:
        _retitle(draft, original, number)
        cache[number] = _expected(draft, fmt)

    def outputs(number: int) -> dict[str, bytes]:
        return {f"proposal.{fmt}": cache[number]}

    args = ["build", draft.name, "--format", fmt]
    kills = _soak(tmp_path, args, outputs, prepare, ROUNDS, SEED + len(fmt))
    assert kills >= ROUNDS // 2, "most kills should land while the build runs"


def test_a_killed_build_of_several_drafts_leaves_each_old_or_new(tmp_path: Path) -> None:
    names = [
        "amazon-customer-due-diligence",
        "amazon-exempt-solicitation",
        "aws-hart-coalition-letter",
    ]
    copy_examples(tmp_path)  # the drafts and the letter's signatory list
    originals = {n: (tmp_path / f"{n}.toml").read_text(encoding="utf-8") for n in names}
    cache: dict[int, dict[str, bytes]] = {}

    def prepare(number: int) -> None:
        for name in names:
            _retitle(tmp_path / f"{name}.toml", originals[name], number)
        cache[number] = {f"{n}.docx": _expected(tmp_path / f"{n}.toml", "docx") for n in names}

    args = ["build", *(f"{n}.toml" for n in names)]
    kills = _soak(tmp_path, args, lambda n: cache[n], prepare, ROUNDS, SEED + 1)
    assert kills >= ROUNDS // 2


def _campaign(targets: int, title: str) -> str:
    """The example campaign widened to `targets` targets, with its own title."""
    source = (EXAMPLES / "campaign-hrdd.toml").read_text(encoding="utf-8")
    head = source.split("[[targets]]", 1)[0].replace(
        'title = "Report on Customer Due Diligence"', f'title = "{title}"'
    )
    swaps = re.findall(r'swap = \{ "(.+?)" = "(.+?)" \}', source)
    lines = [head]
    for number in range(targets):
        company = f'company = "Company {number} Inc.", company_short = "Co{number:02d}"'
        lines += ["[[targets]]", f'name = "t{number:02d}"', f"vars = {{ {company} }}"]
        if number % (len(swaps) + 1):
            old, new = swaps[number % (len(swaps) + 1) - 1]
            lines.append(f'swap = {{ "{old}" = "{new}" }}')
        lines.append("")
    return "\n".join(lines)


def _manifest_holds(
    out: Path, fingerprints: dict[str, dict[str, str]], refs: dict[str, Path]
) -> None:
    """The manifest is JSON; each entry names a file that exists, and an entry still vouching
    for its file (same stamp) has the content its fingerprint stands for."""
    path = out / ".drafter-campaign.json"
    if not path.exists():
        return
    manifest = json.loads(path.read_text(encoding="utf-8"))
    for target, entry in manifest.items():
        if "row" not in entry:  # a claim on a file name the run was about to write: no vouching
            continue
        output = Path(entry["row"]["output"])
        output = output if output.is_absolute() else out.parent / output
        assert output.is_file(), f"the manifest names {output}, which does not exist"
        stat = output.stat()
        if entry.get("file", "").endswith(f":{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}"):
            variant = fingerprints[target][entry["fingerprint"]]
            reference = (refs[variant] / output.name).read_bytes()
            fresh = _same_output(output.read_bytes(), reference)
            assert fresh, f"the manifest vouches for {output.name}, which is not that output"


def test_a_killed_campaign_keeps_outputs_whole_and_its_manifest_true(tmp_path: Path) -> None:
    variants = {"a": "Report on Customer Due Diligence", "b": "Customer Due Diligence Report"}
    refs: dict[str, Path] = {}
    fingerprints: dict[str, dict[str, str]] = {}
    campaign = tmp_path / "campaign.toml"
    for variant, title in variants.items():  # clean builds of both versions, for reference
        campaign.write_text(_campaign(TARGETS, title), encoding="utf-8")
        refs[variant] = tmp_path / f"ref-{variant}"
        refs[variant].mkdir()
        duration = _run(["build", campaign.name, "--out-dir", refs[variant].name], tmp_path)
        manifest = json.loads((refs[variant] / ".drafter-campaign.json").read_text("utf-8"))
        for target, entry in manifest.items():
            fingerprints.setdefault(target, {})[entry["fingerprint"]] = variant
    reference = {v: {p.name: p.read_bytes() for p in refs[v].glob("*.docx")} for v in refs}
    assert len(reference["a"]) == TARGETS

    out = tmp_path / "out"
    out.mkdir()
    args = ["build", campaign.name, "--out-dir", out.name]
    rng = random.Random(SEED + 40)
    kills, last = 0, "b"
    for number, delay in enumerate(_delays(rng, duration, ROUNDS)):
        variant = last = "ab"[last == "a"]  # never the version last built whole: all rebuild
        campaign.write_text(_campaign(TARGETS, variants[variant]), encoding="utf-8")
        before = _snapshot(out)
        kills += _kill_at(args, tmp_path, delay)
        _check_folder(out, before, reference[variant], {".drafter-campaign.json"})
        _manifest_holds(out, fingerprints, refs)
        if number % 3 == 2:  # back to the other version, run to the end: nothing may be stale
            variant = last = "ab"[variant == "a"]
            campaign.write_text(_campaign(TARGETS, variants[variant]), encoding="utf-8")
            _run(args, tmp_path)
            for name, data in reference[variant].items():
                fresh = _same_output((out / name).read_bytes(), data)
                assert fresh, f"{name} is stale: the manifest vouched for a file a kill replaced"
            _manifest_holds(out, fingerprints, refs)
    _report(kills, ROUNDS)
    assert kills >= ROUNDS // 2, "most kills should land while the campaign runs"


def test_a_killed_review_leaves_the_draft_and_its_versions_whole(tmp_path: Path) -> None:
    draft = tmp_path / "proposal.toml"
    original = (EXAMPLES / "amazon-customer-due-diligence.toml").read_bytes()
    draft.write_bytes(original)
    built = tmp_path / "proposal.docx"
    built.write_bytes(to_docx(build_file(draft).document))

    def edit(xml: str) -> str:
        return tracked_replace(
            xml, "poor human rights records", "documented human rights abuses", "Ana Editor"
        )

    rewrite(built, tmp_path / "ana.docx", edit)
    args = ["review", draft.name, "ana.docx", "--apply", "--merge-comments", "merged.docx"]
    _run([*args, "-o", "applied.toml"], tmp_path)
    applied = (tmp_path / "applied.toml").read_bytes()
    merged = (tmp_path / "merged.docx").read_bytes()
    expected = {"proposal.reviewed.toml": applied, "merged.docx": merged}
    over_draft = {"proposal.toml": applied, "proposal.before-review.1.toml": original}

    def prepare(number: int) -> None:
        draft.write_bytes(original)  # each round reviews (and may overwrite) the same draft

    rounds = ROUNDS // 2  # each of two soaks
    kills = _soak(tmp_path, args, lambda n: expected, prepare, rounds, SEED + 2)
    over = [*args, "-o", draft.name]
    kills += _soak(tmp_path, over, lambda n: {**expected, **over_draft}, prepare, rounds, SEED + 3)
    assert kills >= rounds
