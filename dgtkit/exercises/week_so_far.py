"""'Your week so far' (Day 2's gallery walk and Day 5): every exercise's result in one place,
read from the participant's workbook; nothing is saved here."""

from __future__ import annotations

from IPython.display import display

from dgtkit.models.pages import week_pages
from dgtkit.store import handoff
from dgtkit.store.workbook import Workbook, WorkbookError, open_workbook
from dgtkit.widgets.week import WeekView


class WeekSoFar:
    """Reads the week from the workbook (``handoff.week``) and shows it as pages."""

    def __init__(self, workbook: Workbook | str | None = None, participant: str | None = None):
        problem = ""
        try:
            self.workbook: Workbook | None = open_workbook(workbook, participant)
        except WorkbookError as error:
            self.workbook, problem = None, str(error)
        self.view = WeekView(self.read, problem)

    def read(self):
        week = handoff.week(self.workbook)
        return week, week_pages(week)

    @property
    def widget(self):
        return self.view.widget

    @classmethod
    def show(cls, workbook: Workbook | str | None = None, participant: str | None = None) -> None:
        display(cls(workbook, participant).widget)
