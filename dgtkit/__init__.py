"""dgtkit: the course library of *Capacities for Digital Government Transformation*.

Models and rules are plain Python (``dgtkit.models``), charts are pure functions
(``dgtkit.charts``), widgets are thin views (``dgtkit.widgets``), and every answer is saved to the
participant's workbook (``dgtkit.store.workbook``). Notebooks only call ``dgtkit.exercises``.
"""

__version__ = "0.1.0"
