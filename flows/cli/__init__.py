"""The `dangjian` command line: a group of commands, each a module of this package, each thin over a library call."""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import signal
import sys

import click

from flows.cli.devtools import agreement, bench, evaluate, synth
from flows.cli.export import export
from flows.cli.purge import purge_raw
from flows.cli.quality import quality
from flows.cli.report import report
from flows.cli.run import run
from flows.cli.serve import serve
from flows.cli.sql import sql


class OneLineErrors(click.Group):
    """Click's own usage errors as one line, like the commands' own: `error: ... (see `dangjian sql --help`)`, exit 2."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:
            click.echo(exc.ctx.get_help())
            sys.exit(exc.exit_code)
        except click.UsageError as exc:
            where = f" (see `{exc.ctx.command_path} --help`)" if exc.ctx else ""
            click.echo(f"error: {exc.format_message()}{where}", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("Aborted!", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


@click.group(cls=OneLineErrors, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Party-building metrics warehouse: extract figures from articles into DuckDB."""


for command in (run, sql, report, evaluate, quality, export, serve, synth, bench, agreement, purge_raw):
    main.add_command(command)


_exit_code: list[int] = []


def _skip_teardown() -> None:
    if _exit_code:
        with contextlib.suppress(OSError, ValueError):
            sys.stdout.flush()
            sys.stderr.flush()
        logging.shutdown()
        os._exit(_exit_code[0])


_signalled: list[int] = []


def _terminated(signum: int, frame) -> None:
    _signalled.append(signum)
    raise SystemExit(128 + signum)


def entry() -> None:
    """The `dangjian` console script: `main`, then, once every exit hook has run, an end that skips the interpreter's
    teardown, which frees a large run's objects one by one for nothing."""
    atexit.register(_skip_teardown)  # the first hook registered runs last, after those the command adds
    # `kill`, a scheduler's timeout or a service stop: unwind as Ctrl-C does, so that the run's Prefect server, worker
    # processes and staging folder go with it and the warehouse keeps its last committed state.
    signal.signal(signal.SIGTERM, _terminated)
    try:
        main()
    except SystemExit as exc:
        if _signalled:
            _exit_code.append(128 + _signalled[0])
            raise SystemExit(128 + _signalled[0]) from None
        if exc.code is None or isinstance(exc.code, int):
            _exit_code.append(exc.code or 0)
        raise
    except BaseException:
        if not _signalled:
            raise
        # The signal's SystemExit was caught on the way and turned into another error (an import's fallback reads it as
        # ImportError): the command was still stopped by the signal, and says so by its exit code alone.
        _exit_code.append(128 + _signalled[0])
        raise SystemExit(128 + _signalled[0]) from None
