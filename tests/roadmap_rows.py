"""Two Ex 10 roadmap rows, as the Ex 11 indicator clinic receives them, for the tests."""

from datetime import date

from dgtkit.models.roadmap import Intervention

SKILLS = Intervention(
    id="row-skills", number=1, gap="Digital skills: today 1, target 4 (gap 3)", pillar="skills",
    level="individual", level_name="Individual", intervention="A skills plan for every role",
    owner="Human resources unit", public="", private="", people="", horizon="short",
    horizon_label="0-12 months", start=date(2026, 6, 1), end=date(2027, 5, 31),
)  # fmt: skip
DATA = Intervention(
    id="row-data", number=2, gap="Departments do not share data", pillar="organization",
    level="organizational", level_name="Organizational", intervention="A data-sharing agreement",
    owner="Legal office", public="", private="", people="", horizon="medium",
    horizon_label="12-36 months", start=date(2027, 6, 1), end=date(2029, 5, 31),
)  # fmt: skip
