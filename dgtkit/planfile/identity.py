"""What makes a file an action plan of this course: written by the exports, checked by the
import and by the grader's search for a handed-in plan. Standard library only, because
nbgrader's configuration reads it for every nbgrader command."""

#: What an exported plan says it is (the JSON's "format", the Excel sheet's "Format").
JSON_FORMAT = "dgtkit-action-plan"
#: The largest plan file read; a larger one is refused with a message.
MAX_FILE_BYTES = 2_000_000
#: How the app names the files it exports: action-plan-<government>.<extension>.
PLAN_FILE_PREFIX = "action-plan"
