"""Signatory lists: hard names sort and de-duplicate as people expect; bad rows are one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.kinds.signatories import Signatory, arrange, duplicates, merge, normalize, sort_key
from drafter.kinds.signatory_files import SignatoryError, parse_csv, read_csv, to_csv


def org(name: str, group: str = "", **kw: str) -> Signatory:
    return Signatory(organization=name, kind="organization", group=group, **kw)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The Sierra Club", "Sierra Club"),
        ("Fundación Acción Pro Derechos", "Fundacion Accion Pro Derechos"),
        ("Friends & Neighbors", "Friends and Neighbors"),
        ("  Access   Now ", "Access Now"),
        ("ACCESS NOW", "access now"),
        ("Électronique Libre, Inc.", "electronique libre inc"),
        ("Mijente!", "Mijente"),
    ],
)
def test_spellings_of_one_name_normalize_alike(a: str, b: str) -> None:
    assert normalize(a) == normalize(b)


def test_different_names_stay_different() -> None:
    assert normalize("Theater Project") != normalize("Project")  # "The" only as a word
    assert normalize("Access Now") != normalize("Access Later")
    assert normalize("עמותת צדק") != normalize("جمعية العدالة")


def test_sorting_ignores_the_accents_and_case() -> None:
    names = ["the Zebra Fund", "Électronique Libre", "access now", "The Bail Project", "Éclair Org",
             "Zapatista Collective", "EPIC"]  # fmt: skip
    assert sorted(names, key=sort_key) == [
        "access now", "The Bail Project", "Éclair Org", "Électronique Libre", "EPIC",
        "Zapatista Collective", "the Zebra Fund",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "under"),
    [("Æsir Foundation", "aesir"), ("Østergaard Trust", "ostergaard"), ("Đorđević Fund", "dordevic"),
     ("Łódź Workers", "lodz"), ("Ŋata Council", "nata"), ("Œuvre Sociale", "oeuvre"),
     ("Þórsdóttir Legal", "thorsdottir"), ("Straße Kollektiv", "strasse"), ("Iğdır Dernek", "igdir"),
     ("Iıdır Dernek", "iidir")],
)  # fmt: skip
def test_letters_nfkd_leaves_whole_sort_under_their_latin_letter(name: str, under: str) -> None:
    assert normalize(name).startswith(under)
    assert sorted([name, "Zeta Fund", "Alpha"], key=sort_key).index(name) < 2
    assert sorted([name, "Zeta Fund"], key=sort_key)[0] == name


def test_right_to_left_names_and_emoji_sort_without_error() -> None:
    """An emoji is decoration: the name sorts by its words. Other scripts follow Latin (by
    code point, Hebrew before Arabic); names that start with a digit come last."""
    names = ["🌍 Earth Collective", "جمعية العدالة", "Access Now", "עמותת צדק", "350.org"]
    assert sorted(names, key=sort_key) == [
        "Access Now", "🌍 Earth Collective", "עמותת צדק", "جمعية العدالة", "350.org"]  # fmt: skip


def test_duplicates_are_reported_not_dropped_even_across_groups() -> None:
    signers = [org("The Sierra Club", "national"), org("Access Now"), org("Sierra Club", "state"),
               org("access now")]  # fmt: skip
    found = duplicates(signers)
    assert [(d.first.display, d.second.display) for d in found] == [
        ("The Sierra Club", "Sierra Club"), ("Access Now", "access now")]  # fmt: skip
    assert not found[0].same_group and "groups 'national' and 'state'" in found[0].describe()
    arranged = arrange(signers)
    assert arranged.organization_count == 4  # nothing silently removed


def test_identical_person_names_at_different_organizations_are_two_people() -> None:
    a = Signatory(name="Maria García", organization="EPIC", kind="individual")
    b = Signatory(name="Maria Garcia", organization="Mijente", kind="individual")
    c = Signatory(name="María García", organization="epic", kind="individual")
    assert [(d.first, d.second) for d in duplicates([a, b, c])] == [(a, c)]


def test_arrangement_groups_in_the_chosen_order_and_counts() -> None:
    signers = [org("Local Watch", "local"), org("EPIC", "national"), org("State ACLU", "state"),
               org("Access Now", "national"),
               Signatory(name="Ada Lovelace", organization="EPIC", kind="individual")]  # fmt: skip
    arranged = arrange(signers, ["national", "state", "local"])
    assert [g.name for g in arranged.organizations] == ["national", "state", "local"]
    assert [s.display for s in arranged.organizations[0].members] == ["Access Now", "EPIC"]
    assert arranged.sentence() == "Signed by 4 organizations and 1 individual."


def test_only_consented_leaves_out_signers_without_a_record() -> None:
    signers = [org("A", consent_date="2022-05-20"), org("B"), org("C", consent_by="J. Doe")]
    arranged = arrange(signers, only_consented=True)
    assert [s.display for g in arranged.organizations for s in g.members] == ["A", "C"]
    assert [s.display for s in arranged.left_out] == ["B"]


def test_csv_round_trip_and_kinds_inferred(tmp_path: Path) -> None:
    text = "name,organization,kind,group\n,Access Now,,national\nAda Lovelace,EPIC,,\n"
    signers = parse_csv(text, tmp_path / "s.csv")
    assert [(s.kind, s.display, s.line) for s in signers] == [
        ("organization", "Access Now", 2), ("individual", "Ada Lovelace", 3)]  # fmt: skip
    assert parse_csv(to_csv(signers), None) == signers


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("name,organisation\nA,B\n", 1, "unknown column 'organisation'"),
        ("name,organization,title\n,,CEO\n", 2, "needs a name or an organization"),
        ("name,organization\nA,B,C\n", 2, "3 cells but 2 columns"),
        ("name,organization,kind\nA,B,robot\n", 2, "unknown kind 'robot'"),
        ("organization,consent_date\nA,20 May\n", 2, "not YYYY-MM-DD"),
        ('organization\n"unclosed\n', 2, "not valid CSV"),
    ],
)
def test_a_bad_row_names_its_file_and_line(
    tmp_path: Path, text: str, line: int, problem: str
) -> None:
    path = tmp_path / "signers.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SignatoryError) as caught:
        read_csv(path)
    assert caught.value.line == line and problem in caught.value.message
    assert caught.value.one_line().startswith(f"{path}:{line}: ")


def test_sign_up_form_columns_are_understood_on_import(tmp_path: Path) -> None:
    text = "Timestamp,Full Name,Organization Name,Email,Signing as\n2022-05-20,,Mijente,x@y.org,Organization\n"
    (signer,) = parse_csv(text, None, aliases=True)
    assert (signer.kind, signer.display, signer.contact, signer.consent_date) == (
        "organization", "Mijente", "x@y.org", "2022-05-20")  # fmt: skip


def test_merge_adds_new_sign_ups_and_reports_the_rest() -> None:
    existing = [org("Access Now"), org("EPIC")]
    merged, reported = merge(existing, [org("access now"), org("Mijente")])
    assert [s.display for s in merged] == ["Access Now", "EPIC", "Mijente"]
    assert [(d.first.display, d.second.display) for d in reported] == [("Access Now", "access now")]


@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_the_separator_is_chosen_from_the_parsed_header(sep: str) -> None:
    """A quoted header cell holding another separator does not decide: `"City, State"`."""
    header = sep.join(["Full Name", "Organization Name", '"City, State"', '"Notes; misc"'])
    row = sep.join(["Ana Ruiz", "Access Now", '"Oakland, CA"', '"a; b"'])
    signers = parse_csv(f"{header}\n{row}\n", None, aliases=True)
    assert [(s.name, s.organization, s.location) for s in signers] == [
        ("Ana Ruiz", "Access Now", "Oakland, CA")
    ]
    plain = (
        sep.join(["organization", '"location"']) + "\n" + sep.join(["Access Now", '"Oakland, CA"'])
    )
    assert [s.location for s in parse_csv(plain, None)] == ["Oakland, CA"]
