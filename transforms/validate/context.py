"""A quiet Great Expectations context, shared by the validate stage and the Data Docs the warehouse publishes."""

from __future__ import annotations

import logging
import os


def gx_context(project_root: str | None = None):
    """A quiet Great Expectations context: ephemeral, or file-backed under project_root. No analytics, no progress bars."""
    os.environ["GX_ANALYTICS_ENABLED"] = "false"  # written, not read: the project never sends usage statistics
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    for name in list(logging.root.manager.loggerDict):
        if name.startswith("great_expectations"):  # some of its modules set INFO on their own loggers
            logging.getLogger(name).setLevel(logging.WARNING)
    context = gx.get_context(mode="file", project_root_dir=project_root) if project_root else gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    return context
