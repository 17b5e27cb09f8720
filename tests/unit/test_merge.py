"""The three-way merge of two windows' changes (dgtkit.store.merge): the cases of the issue,
its rules one by one, and properties checked on many random plans."""

from __future__ import annotations

import copy
import random

import pytest

from dgtkit.store.merge import MISSING, Conflict, merge, set_path


def plan(*actions, country="Kenya", government="Nairobi", dropped=()):
    return {"country": country, "government": government, "dropped": list(dropped),
            "actions": [{"id": a, "title": f"Action {a}", "lead": "HR"} for a in actions]}


def test_two_windows_adding_an_action_each_keep_both():
    base = plan()
    one = plan("a")  # window 1 adds A and saves
    two = plan("b")  # window 2, which has not seen A, adds B
    result = merge(base, two, one)
    assert [a["id"] for a in result.data["actions"]] == ["a", "b"]
    assert result.conflicts == []


def test_a_window_that_changed_only_the_city_keeps_the_other_windows_actions_and_country():
    base = plan("b", country="")
    theirs = plan("b", "c", country="Kenya")
    mine = plan("b", country="", government="Mombasa")
    result = merge(base, mine, theirs)
    assert result.data["country"] == "Kenya" and result.data["government"] == "Mombasa"
    assert [a["id"] for a in result.data["actions"]] == ["b", "c"]
    assert result.conflicts == []


def test_the_same_field_changed_in_both_keeps_mine_and_records_theirs():
    base = plan("a")
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine["actions"][0]["lead"] = "Finance"
    theirs["actions"][0]["lead"] = "ICT office"
    theirs["actions"][0]["title"] = "Renamed there"
    result = merge(base, mine, theirs)
    action = result.data["actions"][0]
    assert action == {"id": "a", "title": "Renamed there", "lead": "Finance"}
    assert result.conflicts == [Conflict(("actions", "#a", "lead"),
                                         "the action 'Action a': lead",
                                         "HR", "Finance", "ICT office")]


def test_a_removed_item_goes_unless_the_other_side_changed_it():
    base = plan("a", "b")
    mine = plan("b")  # removed a
    assert [a["id"] for a in merge(base, mine, base).data["actions"]] == ["b"]
    theirs = copy.deepcopy(base)
    theirs["actions"][0]["lead"] = "Changed"
    result = merge(base, mine, theirs)
    assert [a["id"] for a in result.data["actions"]] == ["a", "b"]  # kept, and asked
    assert result.conflicts[0].path == ("actions", "#a") and result.conflicts[0].mine is MISSING


def test_lists_of_plain_values_merge_as_sets_when_both_changed():
    base = plan(dropped=["x", "y"])
    mine = plan(dropped=["x", "y", "m"])
    theirs = plan(dropped=["y", "t"])
    assert merge(base, mine, theirs).data["dropped"] == ["y", "t", "m"]


def test_new_items_keep_their_place_and_a_reorder_on_one_side_is_kept():
    base = plan("a", "b", "c")
    mine = plan("a", "m", "b", "c")
    theirs = plan("a", "b", "c", "t")
    assert [a["id"] for a in merge(base, mine, theirs).data["actions"]] == [
        "a", "m", "b", "c", "t"]
    reordered = plan("c", "b", "a")  # reordered here: this order, t after c as there
    assert [a["id"] for a in merge(base, reordered, theirs).data["actions"]] == [
        "c", "t", "b", "a"]


def test_nothing_saved_before_both_windows_starting_from_the_same_empty_form():
    start = plan()
    result = merge(start, plan("a"), plan("b"))
    assert sorted(a["id"] for a in result.data["actions"]) == ["a", "b"]
    assert merge(None, {"x": 1}, {"y": 2}).data == {"y": 2, "x": 1}


def test_set_path_follows_ids_and_ignores_a_removed_item():
    data = plan("a", "b")
    changed = set_path(data, ("actions", "#b", "lead"), "ICT")
    assert changed["actions"][1]["lead"] == "ICT" and data["actions"][1]["lead"] == "HR"
    assert set_path(data, ("actions", "#gone", "lead"), "x") == data
    assert [a["id"] for a in set_path(data, ("actions", "#a"), MISSING)["actions"]] == ["b"]
    assert set_path(data, ("country",), "Ghana")["country"] == "Ghana"


def test_a_conflict_travels_as_plain_data():
    conflict = Conflict(("actions", "#a"), "the action 'A'", {"id": "a"}, MISSING, {"id": "a"})
    again = Conflict.from_dict(conflict.to_dict())
    assert again.path == conflict.path and again.mine is None


# -- properties, on many random plans ----------------------------------------------------------

WORDS = ["HR", "ICT", "Finance", "Kenya", "Ghana", "", "x", "y"]


def random_plan(rng: random.Random) -> dict:
    ids = rng.sample("abcdefgh", rng.randint(0, 5))
    return {
        "country": rng.choice(WORDS), "government": rng.choice(WORDS),
        "budget": rng.choice([None, 0, 10.5, 100]),
        "dropped": rng.sample(["s1", "s2", "s3", "s4"], rng.randint(0, 4)),
        "actions": [{"id": i, "title": rng.choice(WORDS), "lead": rng.choice(WORDS),
                     "partners": {"public": rng.choice(WORDS), "people": rng.choice(WORDS)}}
                    for i in ids],
    }


def edit(rng: random.Random, data: dict) -> dict:
    """A window's edits: change fields, add, remove and change actions."""
    data = copy.deepcopy(data)
    for _ in range(rng.randint(0, 4)):
        move = rng.randrange(5)
        if move == 0:
            data[rng.choice(["country", "government"])] = rng.choice(WORDS)
        elif move == 1:
            new = rng.choice("ijklmnop") + rng.choice("0123456789")
            if all(a["id"] != new for a in data["actions"]):
                data["actions"].append({"id": new, "title": "New", "lead": "L",
                                        "partners": {"public": "", "people": ""}})
        elif move == 2 and data["actions"]:
            data["actions"].pop(rng.randrange(len(data["actions"])))
        elif move == 3 and data["actions"]:
            action = rng.choice(data["actions"])
            action[rng.choice(["title", "lead"])] = rng.choice(WORDS)
            action["partners"]["public"] = rng.choice(WORDS)
        else:
            data["dropped"] = sorted(set(data["dropped"]) ^ {rng.choice(["s1", "s5"])})
    return data


@pytest.mark.parametrize("seed", range(300))
def test_properties_of_the_merge(seed):
    rng = random.Random(seed)
    base = random_plan(rng)
    mine, theirs = edit(rng, base), edit(rng, base)
    assert merge(base, mine, base).data == mine  # nothing changed there: mine
    assert merge(base, base, theirs).data == theirs  # nothing changed here: theirs
    assert merge(base, mine, mine).data == mine  # the same change on both sides
    assert merge(base, mine, base).conflicts == merge(base, base, theirs).conflicts == []
    result = merge(base, mine, theirs)
    ids = [a["id"] for a in result.data["actions"]]
    assert len(ids) == len(set(ids))
    old = {a["id"] for a in base["actions"]}
    for side in (mine, theirs):  # what either side added is there
        for action in side["actions"]:
            if action["id"] not in old:
                assert action["id"] in ids
    conflicted = {c.path[:2] for c in result.conflicts}
    for action in base["actions"]:  # removed on a side, unchanged on the other: gone
        key = action["id"]
        in_mine = any(a["id"] == key for a in mine["actions"])
        in_theirs = any(a["id"] == key for a in theirs["actions"])
        if not in_mine or not in_theirs:
            assert (key in ids) == (("actions", f"#{key}") in conflicted)
    for conflict in result.conflicts:  # a conflict keeps both values
        assert conflict.mine != conflict.theirs
    for key in ("country", "government"):  # a field is one side's value, never a third
        assert result.data[key] in (mine[key], theirs[key])
        if mine[key] == base[key]:
            assert result.data[key] == theirs[key]
