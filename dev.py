"""Set up the project's environment from nothing, then run the main job or the tests.

    python3.11 dev.py run     # environment + `dangjian run` on seeds/ + a report
    python3.11 dev.py test    # environment + Debian's chromium if missing + the test suite

Only the Python standard library is used here, so it works on a machine with nothing but Python 3.11.
"""

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / "bin"
STAMP = VENV / ".installed"
UV_VERSION = "0.13.9"


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for name in ("requirements.lock", "pyproject.toml"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def _sh(*args: str) -> None:
    subprocess.run(args, check=True, cwd=ROOT)


def ensure_environment() -> None:
    """Create .venv and install the locked dependencies unless they are already in place."""
    if STAMP.exists() and STAMP.read_text() == _fingerprint():
        return
    if not (BIN / "python").exists():
        _sh(sys.executable, "-m", "venv", str(VENV))
    _sh(str(BIN / "python"), "-m", "pip", "install", "-q", f"uv=={UV_VERSION}")
    env_python = str(BIN / "python")
    # Bytecode matters here: without it imports are about twice as slow (PYTHONDONTWRITEBYTECODE is set on our machines).
    _sh(str(BIN / "uv"), "pip", "sync", "-q", "--compile-bytecode", "--python", env_python, "requirements.lock")
    _sh(str(BIN / "uv"), "pip", "install", "-q", "--no-deps", "--python", env_python, "-e", ".")
    # Prefect's database migrations, run once here: otherwise the first run in every new state folder waits for them.
    _sh(env_python, "-m", "flows.runtime.prefect_db")
    STAMP.write_text(_fingerprint())


def ensure_chromium() -> None:
    """The HTML report is tested in a real headless browser: Debian's chromium, installed when it is missing."""
    if shutil.which("chromium"):
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    install = [*sudo, "apt-get", "install", "-y", "-q", "--no-install-recommends", "chromium"]
    if subprocess.run(install, cwd=ROOT).returncode:  # a fresh machine may not have read the package lists yet
        _sh(*sudo, "apt-get", "update", "-q")
        _sh(*install)


def main(argv: list[str]) -> int:
    if len(argv) < 1 or argv[0] not in ("run", "test"):
        print(__doc__)
        return 2
    ensure_environment()
    command, rest = argv[0], argv[1:]
    if command == "run":
        run = subprocess.run([str(BIN / "dangjian"), "run", *rest], cwd=ROOT)
        if run.returncode:
            return run.returncode
        return subprocess.run([str(BIN / "dangjian"), "report", "metrics_by_place"], cwd=ROOT).returncode
    ensure_chromium()
    env = dict(os.environ)
    return subprocess.run([str(BIN / "python"), "-m", "pytest", *rest], cwd=ROOT, env=env).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
