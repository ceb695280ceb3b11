"""Sources typed into the editor's form become CSL-JSON items that drafter cites like any other."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafter.errors import CitationError
from drafter.sources.csljson import parse_csl_json
from drafter.sources.entry import SourceFields, csl_to_fields, fields_to_csl, save_source

FORBES = SourceFields(
    title="Google And Amazon Employees Protest Project Nimbus",
    type="article-magazine",
    author="Nieva, Richard",
    publisher="Forbes",
    issued="2022-09-09",
    url="https://www.forbes.com/sites/richardnieva/2022/09/09/google-and-amazon-protest-project-nimbus-ai--contract-israel/",
    accessed="2026-11-23",
)


def test_fields_become_a_valid_csl_item_with_a_readable_key() -> None:
    item = fields_to_csl(FORBES)
    assert item["id"] == "nieva-2022-google"
    assert item["author"] == [{"family": "Nieva", "given": "Richard"}]
    assert item["container-title"] == "Forbes"
    assert item["issued"] == {"date-parts": [[2022, 9, 9]]}
    (source,) = parse_csl_json(json.dumps([item]), "form")
    assert source.id == "nieva-2022-google"


def test_an_organization_is_a_literal_name_and_keys_stay_unique() -> None:
    title = "Mass Surveillance Fuels Oppression"
    fields = SourceFields(title=title, type="report", author="Human Rights Watch", issued="2021")
    item = fields_to_csl(fields, taken={"human-rights-watch-2021-mass"})
    assert item["author"] == [{"literal": "Human Rights Watch"}]
    assert item["id"] == "human-rights-watch-2021-mass-2"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"title": " "}, "needs a title"),
        ({"issued": "9 Sept 2022"}, "not YYYY"),
        ({"issued": "2022-02-30"}, "does not exist"),
        ({"url": "forbes.com/x"}, "http"),
        ({"type": "tweet"}, "unknown source type"),
    ],
)
def test_a_wrong_field_is_named(change: dict[str, str], problem: str) -> None:
    with pytest.raises(CitationError, match=problem):
        fields_to_csl(SourceFields(**{**FORBES.__dict__, **change}))


def test_saving_adds_or_replaces_by_key_and_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "refs.json"
    item = fields_to_csl(FORBES)
    save_source(path, item)
    save_source(path, {**item, "title": "A corrected title"})
    items = json.loads(path.read_text(encoding="utf-8"))
    assert [i["title"] for i in items] == ["A corrected title"]
    assert csl_to_fields(items[0]).issued == "2022-09-09"
    assert csl_to_fields(items[0]).author == "Nieva, Richard"


def test_a_file_that_is_not_csl_json_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "refs.json"
    path.write_text("{ not json", encoding="utf-8")
    with pytest.raises(CitationError):
        save_source(path, fields_to_csl(FORBES))
    assert path.read_text(encoding="utf-8") == "{ not json"
