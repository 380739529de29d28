"""`manage.py draft_letter` on several texts: one line per text, the drafts as JSON, and bad
input refused with a clear message and nothing saved."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from letters.drafting.intake import MAX_TEXT_CHARS
from letters.models import Letter, Source
from tests.factories import make_detainee, make_legislator, make_recipient

pytestmark = pytest.mark.django_db

LETTER = (
    "May 2, 2025\n\nThe Honorable Marco Rubio\nSecretary of State\n\nDear Secretary Rubio,\n\n"
    "The letter, led by Dina Titus (D-NV) and signed by Zebulon Nobody (R-WY), urges the "
    "release of Ruben Vardanyan and of all Armenian prisoners of war.\n"
)
SENATE = (
    "March 3, 2025\n\nWASHINGTON - In a letter sent today to Secretary of State Marco Rubio, "
    "Senators Ed Markey (D-MA) and Gary Peters (D-MI) urged the release of all Armenian "
    "prisoners.\n"
)


@pytest.fixture
def people() -> None:
    make_legislator("Dina Titus", "D", "NV")
    make_legislator("Ed Markey", "D", "MA", chamber="senate")
    make_legislator("Gary Peters", "D", "MI", chamber="senate")
    make_recipient()
    make_detainee("Ruben Vardanyan")


def run(*args: object) -> str:
    out = StringIO()
    call_command("draft_letter", *map(str, args), stdout=out)
    return out.getvalue()


def test_a_folder_of_texts_is_reported_one_line_per_text(people: None, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(LETTER, encoding="utf-8")
    (tmp_path / "b.txt").write_text(SENATE, encoding="utf-8")
    (tmp_path / "notes.md").write_text("not a text to draft", encoding="utf-8")
    lines = run(tmp_path).splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{tmp_path / 'a.txt'}: House, May 2, 2025: 2 signers (1 matched")
    assert "1 to resolve" in lines[0]
    assert lines[1].startswith(f"{tmp_path / 'b.txt'}: Senate, March 3, 2025: 2 signers")


def test_json_gives_the_draft_as_data(people: None, tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text(LETTER, encoding="utf-8")
    draft = json.loads(run(path, "--json"))
    assert draft["date"] == {"value": "2025-05-02", "precision": "day"}
    assert draft["chamber"] == "house" and draft["signers_stated"] is None
    titus, nobody = draft["signers"]
    assert titus == {
        "printed_name": "Dina Titus",
        "printed_party_state": "D-NV",
        "role": "lead",
        "status": "matched",
        "legislator": {"slug": "dina-titus-nv", "name": "Dina Titus", "party": "D", "state": "NV"},
    }
    assert nobody["legislator"] is None and nobody["status"] == "not found"
    assert draft["recipients"] == [
        {"printed_name": "Secretary of State Marco Rubio", "recipient": {"slug": "marco-rubio"}}
    ]
    assert draft["detainees"] == [
        {"printed_name": "Ruben Vardanyan", "detainee": {"slug": "ruben-vardanyan"}}
    ]
    assert draft["existing"] is None and isinstance(draft["warnings"], list)
    assert draft["losses"] == []
    assert any("Zebulon Nobody" in problem for problem in draft["unresolved"])


def test_json_lists_the_signers_the_draft_does_not_hold_with_their_passage(
    people: None, tmp_path: Path
) -> None:
    path = tmp_path / "counted.txt"
    path.write_text(SENATE.replace("Senators Ed Markey", "five Senators, among them Ed Markey"))
    draft = json.loads(run(path, "--json"))
    assert len(draft["signers"]) == 2
    (loss,) = draft["losses"]
    assert loss["passage"] == "five Senators" and "names 2" in loss["text"]


def test_json_of_several_texts_is_a_list_with_each_file(people: None, tmp_path: Path) -> None:
    for name, text in (("a.txt", LETTER), ("b.txt", SENATE)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    drafts = json.loads(run(tmp_path / "a.txt", tmp_path / "b.txt", "--json"))
    assert [d["file"] for d in drafts] == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    assert [d["chamber"] for d in drafts] == ["house", "senate"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        ("Dina Titus (D-NV)".encode("utf-16"), "binary"),
        (b"caf\xe9 Titus", "not UTF-8"),
        (("word " * (MAX_TEXT_CHARS // 5 + 1)).encode(), "over the limit"),
        (b"A recipe: two eggs, flour and milk. Whisk, then bake for an hour.", "No letter"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_saved(
    people: None, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run(path, "--save", "--slug", "x", "--summary", "x")
    assert not Letter.objects.exists() and not Source.objects.exists()


def test_a_refused_text_in_a_batch_is_reported_and_fails_the_run(
    people: None, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text(LETTER, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02binary")
    out = StringIO()
    with pytest.raises(CommandError, match="1 of 2 texts refused"):
        call_command("draft_letter", str(tmp_path), stdout=out)
    lines = out.getvalue().splitlines()
    assert "House, May 2, 2025" in lines[0]
    binary = tmp_path / "b.txt"
    assert (
        lines[1]
        == f"{binary}: refused: {binary} is binary (not a text file): nothing was read from it."
    )


def test_save_takes_one_file(people: None, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(LETTER, encoding="utf-8")
    (tmp_path / "b.txt").write_text(SENATE, encoding="utf-8")
    with pytest.raises(CommandError, match="exactly one file"):
        run(tmp_path, "--save", "--slug", "x", "--summary", "x")
