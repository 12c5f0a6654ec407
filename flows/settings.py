"""Every setting of the project in one place: the defaults, and the environment, read here and nowhere else.

    DANGJIAN_STATE_DIR   local state: Prefect's home, the bench's corpus (default .state/ in the project)
    DANGJIAN_WORKERS     worker processes for clean and extract (default: the number of cores)
    DANGJIAN_SEGMENTER   word segmenter for keywords: rjieba (default) or jieba
    DANGJIAN_LOAD_MB     the load's working memory in MB, beyond the indexes of the dimension keys (default 192)

and the Prefect variables the project itself looks at: PREFECT_API_URL (a server to report to instead of starting
one), PREFECT_API_DATABASE_CONNECTION_URL and PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS. Stages below `flows/`
never read the environment: the flow passes them what they need.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from transforms.errors import BadSetting, UnknownSegmenter
from transforms.extract.segmenters import BACKENDS, DEFAULT as DEFAULT_SEGMENTER

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = PROJECT_ROOT / "seeds"
DEFAULT_WAREHOUSE = PROJECT_ROOT / "warehouse" / "dangjian.duckdb"

# Files over this many MiB are quarantined unread (`dangjian run --max-file-mb`).
MAX_FILE_MB = 20
# Documents go to a worker in batches of up to BATCH_SIZE. A run reads, cleans, extracts, validates and stages its new
# or changed documents a slice of about SLICE at a time, so its memory does not grow with the corpus; a slice is also
# one validation call, whose fixed cost is why unchanged files do not count towards a slice.
BATCH_SIZE = 200
SLICE = 2000
# The load's working memory in MB when DANGJIAN_LOAD_MB is not set (warehouse/load.py adds the dimension indexes).
LOAD_WORKING_MB = 192
# How long `run --runner dask --address` waits for the scheduler before saying it cannot be reached.
DASK_CONNECT_SECONDS = 10
# Seconds between the scheduler's passes in the server `dangjian serve` starts: runs are created soon after a
# deployment appears, not on Prefect's default 60 s loop.
SCHEDULER_LOOP_SECONDS = 10


@dataclass(frozen=True)
class Settings:
    state_dir: Path
    workers: int
    segmenter: str
    load_mb: int
    prefect_api_url: str | None
    prefect_database_url: str | None
    scheduler_loop_seconds: str


def _positive_int(environ: Mapping[str, str], name: str, default: int) -> int:
    text = environ.get(name)
    if text is None or text == "":
        return default
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise BadSetting(f"{name}={text!r}: expected a whole number of at least 1")
    return value


def read(environ: Mapping[str, str] = os.environ) -> Settings:
    """The settings the environment gives, with the defaults for what it does not."""
    segmenter = environ.get("DANGJIAN_SEGMENTER") or DEFAULT_SEGMENTER
    if segmenter not in BACKENDS:
        raise UnknownSegmenter(f"DANGJIAN_SEGMENTER={segmenter!r}: choose one of {', '.join(BACKENDS)}")
    return Settings(
        state_dir=Path(environ.get("DANGJIAN_STATE_DIR") or PROJECT_ROOT / ".state"),
        workers=_positive_int(environ, "DANGJIAN_WORKERS", os.cpu_count() or 1),
        segmenter=segmenter,
        load_mb=_positive_int(environ, "DANGJIAN_LOAD_MB", LOAD_WORKING_MB),
        prefect_api_url=environ.get("PREFECT_API_URL") or None,
        prefect_database_url=environ.get("PREFECT_API_DATABASE_CONNECTION_URL") or None,
        scheduler_loop_seconds=environ.get("PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS") or str(SCHEDULER_LOOP_SECONDS),
    )


@lru_cache(maxsize=1)
def current() -> Settings:
    """This process's settings, read from the environment once."""
    return read()


def child_environment(**overrides: str) -> dict[str, str]:
    """The environment for a child process (a Prefect server, a run the bench starts): this one's, with overrides."""
    return {**os.environ, **overrides}


def configure_prefect() -> None:
    """Prefect's home inside the state folder, no telemetry, no UI, patient start-up on 2 cores; set before Prefect
    is imported, which reads them once. A value the user set is kept."""
    home = current().state_dir / "prefect"
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


def use_prefect_api(api_url: str) -> None:
    """Point Prefect (imported later in this process, and its children) at the server at api_url."""
    os.environ["PREFECT_API_URL"] = api_url
