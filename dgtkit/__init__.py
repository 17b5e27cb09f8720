"""dgtkit: the course library of *Capacities for Digital Government Transformation*.

Packages by audience, in layers (ARCHITECTURE.md): ``course`` (the course as data), ``models``
(plain Python), ``charts``, ``store`` (the workbook and the hand-off between exercises),
``planfile`` (the plan as a file), ``widgets`` (thin views), ``grading`` (what the graded kernel
calls), ``exercises`` (what notebooks call), ``instructor`` (the lecturer's nbgrader tools) and
``site`` (the published book).
"""

__version__ = "0.1.0"
