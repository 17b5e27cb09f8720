"""Ex 5, the situation-analysis lab: the model that holds its five parts, and the one-page
capacity-gap profile it produces for Ex 7 and Ex 10."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dgtkit.models import UNREADABLE
from dgtkit.models.assessment import CapacityGap, TeamAssessment
from dgtkit.models.boards import PESTEL, SWOT, Board
from dgtkit.models.checks import Check
from dgtkit.models.stakeholders import StakeholderMap
from dgtkit.models.text import FieldError, clean_text

if TYPE_CHECKING:  # the peers' data needs pandas: loaded only when a country is chosen
    from dgtkit.models.peers import Benchmark

#: The workbook key under which Ex 5 saves; Ex 7, Ex 10 and the action plan read it.
EXERCISE_KEY = "ex05_situation_analysis"
GOVERNMENT_LIMIT = 200
PROFILE_GAPS = 5  # the profile names the biggest gaps, not all of them


@dataclass
class SituationAnalysis:
    government: str = ""
    country: str = ""  # ISO3 code of the Member State used as the benchmark
    assessment: TeamAssessment = field(default_factory=TeamAssessment)
    swot: Board = field(default_factory=lambda: Board(SWOT))
    pestel: Board = field(default_factory=lambda: Board(PESTEL))
    stakeholders: StakeholderMap = field(default_factory=StakeholderMap)

    def name_government(self, name: str) -> None:
        self.government = clean_text(
            "government", name, "The name of the government", GOVERNMENT_LIMIT, required=False
        )

    def choose_country(self, iso3: str) -> Benchmark | None:
        from dgtkit.models.peers import UnknownCountry, benchmark_of

        if not iso3:
            self.country = ""
            return None
        benchmark = benchmark_of(iso3)
        try:
            benchmark.country  # noqa: B018 - checks the code exists
        except UnknownCountry as error:
            raise FieldError("country", str(error)) from None
        self.country = iso3
        return benchmark

    @property
    def benchmark(self) -> Benchmark | None:
        from dgtkit.models.peers import benchmark_of

        return benchmark_of(self.country) if self.country else None

    def gap_profile(self) -> GapProfile:
        return GapProfile.of(self)

    def priority_checks(self) -> list[Check]:
        """What a competent profile gets right and a careless one does not (the graded rule
        of Ex 5): the gaps set priorities, and the profile names the pillars the team's own
        ratings and the benchmark show as weakest."""
        from dgtkit.course.indices import indices

        profile = self.gap_profile()
        named = {g.pillar for g in profile.gaps}
        framework = self.assessment.framework
        sizes = {g.gap for g in profile.gaps}
        checks = [Check(
            "priorities", "The gaps are not all the same size", len(sizes) > 1,
            f"Gap sizes in your profile: {', '.join(map(str, sorted(sizes, reverse=True)))}."
            if sizes else "No gap yet: set today's level and a higher target.",
        )]
        levels = {p: lv for p, lv in self.assessment.current.items() if lv is not None}
        lowest = min(levels.values(), default=None)
        weakest = [p for p, lv in levels.items() if lv == lowest]
        names = [framework.pillar(p).name for p in weakest]
        if len(weakest) > PROFILE_GAPS:
            reason = (f"{len(weakest)} pillars share your lowest level today ({lowest}): the "
                      "ratings do not show where you are weakest. Rate each pillar on its "
                      "evidence.")
        else:
            left = [framework.pillar(p).name for p in weakest if p not in named]
            reason = (f"Not among your gaps, though rated lowest today: {'; '.join(left)}."
                      if left else f"Rated lowest today, and in the profile: {'; '.join(names)}.")
        checks.append(Check(
            "own_weakest", "The pillars you rated lowest are among your gaps",
            bool(weakest) and len(weakest) <= PROFILE_GAPS and set(weakest) <= named,
            reason if weakest else "No level set yet.",
        ))
        benchmark = self.benchmark
        component = benchmark.weakest_component() if benchmark else None
        index = next((i for i in indices().items if i.id == component), None)
        linked = index.pillars if index else ()
        shown = [framework.pillar(p).name for p in linked]
        checks.append(Check(
            "benchmark_weakest", "The benchmark's weakest index is among your gaps",
            bool(linked) and bool(set(linked) & named),
            (f"The weakest EGDI component of {benchmark.name} is the {index.name}, evidence "
             f"for {' or '.join(shown)}: "
             + ("in your profile." if set(linked) & named else
                "not among your gaps. Look again at that pillar's level today.")
             ) if linked else "Choose the country whose data you benchmark.",
        ))
        return checks

    def to_dict(self) -> dict:
        profile = self.gap_profile()
        return {
            "government": self.government,
            "country": self.country,
            "assessment": self.assessment.to_dict(),
            "swot": self.swot.to_dict(),
            "pestel": self.pestel.to_dict(),
            "stakeholders": self.stakeholders.to_dict(),
            # What later exercises read, so they need neither the data nor this model.
            "gap_profile": profile.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict) -> SituationAnalysis:
        if not isinstance(data, dict):
            raise TypeError("a situation analysis is saved as a mapping")
        model = cls(
            assessment=TeamAssessment.from_dict(data.get("assessment") or {}),
            swot=Board.from_dict(SWOT, data.get("swot")),
            pestel=Board.from_dict(PESTEL, data.get("pestel")),
            stakeholders=StakeholderMap.from_dict(data.get("stakeholders")),
        )
        try:
            model.name_government(data.get("government", ""))
            model.choose_country(str(data.get("country") or ""))
        except FieldError:
            pass
        return model


@dataclass(frozen=True)
class GapProfile:
    """The one-page output of Ex 5: the biggest gaps, with evidence from the benchmark."""

    government: str
    country: str
    gaps: list[CapacityGap]
    evidence: list[str]
    strengths: list[str]
    threats: list[str]
    missing: list[str]

    @classmethod
    def of(cls, analysis: SituationAnalysis) -> GapProfile:
        benchmark = analysis.benchmark
        framework = analysis.assessment.framework
        return cls(
            government=analysis.government,
            country=benchmark.name if benchmark else "",
            gaps=[g for g in analysis.assessment.gaps() if g.gap > 0][:PROFILE_GAPS],
            evidence=benchmark.evidence() if benchmark else [],
            strengths=[e.text for e in analysis.swot.entries["strengths"][:3]],
            threats=[e.text for e in analysis.swot.entries["threats"][:3]],
            missing=[framework.pillar(p).name for p in analysis.assessment.missing],
        )

    @property
    def is_complete(self) -> bool:
        return not self.missing and bool(self.evidence)

    @staticmethod
    def saved_gaps(saved: dict) -> list[CapacityGap]:
        """The gaps of the profile in a saved Ex 5 (``SituationAnalysis.to_dict``), biggest
        first; a gap that cannot be read is left out. Needs neither the data nor pandas."""
        profile = saved.get("gap_profile") if isinstance(saved, dict) else None
        items = profile.get("gaps") if isinstance(profile, dict) else None
        gaps = []
        for item in items if isinstance(items, list) else []:
            try:
                gaps.append(CapacityGap.from_dict(item))
            except UNREADABLE:
                continue
        return gaps

    def to_dict(self) -> dict:
        return {
            "government": self.government,
            "country": self.country,
            "gaps": [g.to_dict() for g in self.gaps],
            "evidence": self.evidence,
            "strengths": self.strengths,
            "threats": self.threats,
            "missing": self.missing,
        }

    def markdown(self) -> str:
        """The profile as a Markdown page a team can print or paste into a report."""
        title = self.government or "our government"
        lines = [f"# Capacity-gap profile: {title}", ""]
        if self.missing:
            lines += [
                "*Not finished: today's level or the target is missing for "
                + ", ".join(self.missing)
                + ".*",
                "",
            ]
        lines += ["## Biggest capacity gaps", "", "| Pillar | Today | Target | Gap | Evidence |"]
        lines.append("|---|---|---|---|---|")
        for g in self.gaps:
            lines.append(
                f"| {_cell(g.name)} | {g.current} | {g.target} | {g.gap} | {_cell(g.evidence)} |"
            )
        if not self.gaps:
            lines.append("| (no gap recorded yet) | | | | |")
        lines += ["", f"## Benchmark: {self.country or 'no country chosen'}", ""]
        lines += [f"- {e}" for e in self.evidence] or ["- Choose a country in part 2."]
        lines += ["", "## Strengths to build on", ""]
        lines += [f"- {_cell(s)}" for s in self.strengths] or ["- None recorded."]
        lines += ["", "## Threats to watch", ""]
        lines += [f"- {_cell(t)}" for t in self.threats] or ["- None recorded."]
        return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell or list item (no pipes, no raw HTML)."""
    return text.replace("|", "/").replace("<", "&lt;").replace(">", "&gt;")
