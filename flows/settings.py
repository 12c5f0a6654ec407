"""Where the project keeps its state, and the Prefect settings that must be in place before Prefect is imported."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = PROJECT_ROOT / "seeds"
DEFAULT_WAREHOUSE = PROJECT_ROOT / "warehouse" / "dangjian.duckdb"


def state_dir() -> Path:
    """The git-ignored folder for Prefect's home and other local state."""
    return Path(os.environ.get("DANGJIAN_STATE_DIR", PROJECT_ROOT / ".state"))


def configure_prefect() -> None:
    """Ephemeral Prefect, home inside the state folder, no telemetry, no UI, patient start-up on 2 cores."""
    home = state_dir() / "prefect"
    home.mkdir(parents=True, exist_ok=True)
    defaults = {
        "PREFECT_HOME": str(home),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
        "PREFECT_SERVER_UI_ENABLED": "false",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "60",
        "PREFECT_LOGGING_LEVEL": "WARNING",
    }
    for key, value in defaults.items():
        os.environ.setdefault(key, value)
