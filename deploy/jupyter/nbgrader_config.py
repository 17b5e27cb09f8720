"""nbgrader for every user of the course hub (the hub puts this folder on JUPYTER_CONFIG_PATH).

Students fetch and submit through the shared exchange; graders (members of the Unix group
$DGT_GRADERS_GROUP) also release and collect, from the course's exercises/ folder that
nbgitpuller pulled into their home.
"""

import os
from pathlib import Path

from dgtkit.instructor.exchange import COURSE_ENV, DEFAULT_COURSE_ID, EXCHANGE_ENV, is_grader
from dgtkit.site.launch import hub_repository

c = get_config()  # noqa: F821 (provided by nbgrader when it reads this file)

c.CourseDirectory.course_id = os.environ.get(COURSE_ENV, DEFAULT_COURSE_ID)
c.Exchange.root = os.environ.get(EXCHANGE_ENV, "/srv/nbgrader/exchange")
# A submission is readable by its author and the graders only (see dgtkit/instructor/exchange.py).
c.ExchangeFactory.submit = "dgtkit.instructor.exchange.PrivateSubmit"

if is_grader():
    # Several graders may share the course: the exchange's course folders are group-owned.
    c.CourseDirectory.groupshared = True
    pulled = hub_repository(Path(__file__).resolve().parents[2]).folder
    course = Path.home() / pulled / "exercises"
    c.CourseDirectory.root = str(course)
    # The course's own settings (what autograding keeps, what may be released), once it is
    # pulled. nbgrader reads this file again for every formgrader request.
    if (course / "nbgrader_config.py").is_file():
        load_subconfig(str(course / "nbgrader_config.py"))  # noqa: F821
