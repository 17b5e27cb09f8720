"""Team codes: one documented normalization, codes issued from the course's words that cannot
collide, a codes file the app reads, and ``make codes``."""

from __future__ import annotations

import getpass
import random
import subprocess
import unicodedata

import pytest

from dgtkit.instructor.team_codes import main
from dgtkit.models.team_codes import collisions, generate, normalize, words
from dgtkit.models.text import FieldError
from dgtkit.store.team_codes import CodesError, codes_path, read_codes, write_codes
from tests.helpers import REPO


@pytest.mark.parametrize("typed", [
    "apple-river-stone", "Apple River Stone", " APPLE  river-stone ", "apple_river.stone",
    "apple\u2014river\u2013stone", "\uff41pple-river-stone", "apple - river - stone",
    "apple-\u00adriver-stone".replace("\u00ad", ""), "apple\u3000river\tstone",
])
def test_one_normalization_for_every_way_of_typing_a_code(typed):
    assert normalize(typed) == "apple-river-stone"


def test_the_kelvin_sign_case_and_spaces_are_the_same_letter():
    assert normalize("\u212a") == normalize("K") == normalize(" k ") == "k"
    assert normalize("STRASSE") == normalize("stra\u00dfe") == "strasse"


@pytest.mark.parametrize(("typed", "message"), [
    ("", "Type your team's code"), ("  - ", "Type your team's code"),
    ("blue!", "only letters and digits"), ("<b>x</b>", "only letters and digits"),
    ("b" * 61, "at most 60 characters"), ("caf\u00e9-blue", "only letters and digits"),
])
def test_what_is_not_a_code_is_refused_in_plain_words(typed, message):
    with pytest.raises(FieldError, match=message):
        normalize(typed)


def test_the_words_are_short_common_and_make_codes_that_cannot_be_guessed():
    found = words()
    assert len(found) >= 200
    assert all(w.isascii() and w.isalpha() and 3 <= len(w) <= 8 for w in found)
    assert len(found) ** 3 > 8_000_000  # three words: millions of codes


def test_issued_codes_are_three_different_words_and_never_collide():
    rng = random.Random(7)
    codes = generate(200, rng=rng)
    assert len(set(codes)) == 200 and collisions(codes) == []
    for code in codes:
        parts = code.split("-")
        assert len(parts) == 3 == len(set(parts)) and normalize(code) == code
    more = generate(50, taken=codes, reserved=["root"], rng=rng)
    assert not set(more) & set(codes)


def test_a_codes_file_with_two_codes_that_normalize_alike_is_refused(tmp_path):
    path = tmp_path / "team-codes.txt"
    path.write_text("# codes\napple-river-stone\nApple River Stone  # the same\n")
    with pytest.raises(CodesError, match="lists one code twice"):
        read_codes(path)
    path.write_text("k\n\u212a\n")
    with pytest.raises(CodesError, match="lists one code twice"):
        read_codes(path)


def test_a_codes_file_never_holds_this_computers_user(tmp_path, monkeypatch):
    path = tmp_path / "team-codes.txt"
    path.write_text(f"apple-river-stone\n{getpass.getuser().upper()}\n")
    with pytest.raises(CodesError, match="name of a user of this computer"):
        read_codes(path)
    monkeypatch.setenv("JUPYTERHUB_USER", "ana")
    path.write_text("ana\n")
    with pytest.raises(CodesError, match="name of a user"):
        read_codes(path)


def test_no_codes_file_means_no_plan_opens(tmp_path):
    with pytest.raises(CodesError, match="make codes N=12"):
        read_codes(tmp_path / "none.txt")


def test_the_codes_file_sits_beside_the_workbook_unless_set(tmp_path, monkeypatch):
    assert codes_path(tmp_path / "room.sqlite") == tmp_path / "team-codes.txt"
    monkeypatch.setenv("DGTKIT_TEAM_CODES_FILE", str(tmp_path / "elsewhere.txt"))
    assert codes_path(tmp_path / "room.sqlite") == tmp_path / "elsewhere.txt"


def test_issuing_keeps_the_codes_already_issued_and_writes_a_private_file(tmp_path, capsys):
    path = tmp_path / "team-codes.txt"
    assert main(["3", "--file", str(path)]) == 0
    first = read_codes(path)
    assert len(first) == 3 and (path.stat().st_mode & 0o077) == 0
    assert main(["5", "--file", str(path)]) == 0
    again = read_codes(path)
    assert again[:3] == first and len(again) == 5
    assert main(["2", "--fresh", "--file", str(path)]) == 0
    assert len(read_codes(path)) == 2 and not set(read_codes(path)) & set(again)
    assert "Team  1:" in capsys.readouterr().out
    write_codes(path, ["Blue", "team-3"])
    assert read_codes(path) == ["blue", "team-3"]


def test_make_codes_writes_the_codes_where_the_app_reads_them(tmp_path):
    target = tmp_path / "codes.txt"
    result = subprocess.run(["make", "-s", "codes", "N=4", f"CODES_FILE={target}"], cwd=REPO,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(read_codes(target)) == 4
    assert all(code in result.stdout for code in read_codes(target))


def test_nfkc_is_what_the_module_says():
    assert unicodedata.normalize("NFKC", "\u212a") == "K"


def test_the_facilitator_guide_says_how_to_issue_codes():
    guide = (REPO / "book" / "facilitator-guide.md").read_text("utf-8")
    assert "make codes N=12" in guide and "notebooks/team-codes.txt" in guide
    assert "NFKC" in guide  # the normalization, in plain words
