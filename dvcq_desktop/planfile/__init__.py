"""The plan file (`.dvcqkh`): what the receiving office sends down to its units each year — the plan
version, the period, the roster and the office's contact. Spec: docs/plan-file-format.md."""

from dvcq_desktop.planfile.format import EXTENSION, MIMETYPE, PlanFileError
from dvcq_desktop.planfile.reader import PlanFile, read_plan_file
from dvcq_desktop.planfile.writer import write_plan_file

__all__ = ["EXTENSION", "MIMETYPE", "PlanFile", "PlanFileError", "read_plan_file", "write_plan_file"]
