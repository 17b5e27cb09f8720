"""The course's frameworks: one source of truth for pillars and the maturity scale."""

from pathlib import Path

from dgtkit.course.frameworks import frameworks

BIB = Path(__file__).resolve().parents[2] / "book" / "references.bib"


def test_eight_pillars_with_one_descriptor_per_level():
    f = frameworks()
    assert len(f.pillars) == 8
    assert [level.value for level in f.maturity_levels] == [1, 2, 3, 4, 5]
    for pillar in f.pillars:
        assert len(pillar.descriptors) == 5
        assert all(d.strip() for d in pillar.descriptors)
        assert pillar.question.endswith("?")


def test_maturity_levels_carry_the_undp_names():
    names = [level.name for level in frameworks().maturity_levels]
    assert names == ["Nascent", "Emerging", "Agile and integrated", "Transformed", "Innovative"]


def test_every_pillar_rests_on_a_cited_source_in_the_bibliography():
    bib = BIB.read_text("utf-8")
    for pillar in frameworks().pillars:
        assert pillar.sources and pillar.basis
        for key in pillar.sources:
            assert "{" + key + "," in bib, f"{pillar.id}: {key} is not in references.bib"
    assert "{" + frameworks().maturity_source + "," in bib


def test_the_four_capacity_levels_of_module_5():
    ids = [level.id for level in frameworks().capacity_levels]
    assert ids == ["institutional", "organizational", "individual", "societal"]


def test_pillar_lookup():
    f = frameworks()
    assert f.pillar("skills").name == "Digital skills of public servants"
    assert f.pillar("skills").descriptor(1).startswith("Few staff")
