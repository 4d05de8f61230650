"""The `newsbot` command's entry point, kept apart from `bot.__main__` so that Ctrl-C while
the program's modules load (numpy, the index, python-telegram-bot: a few hundred
milliseconds) leaves as Ctrl-C does later, quietly with status 130, instead of printing a
traceback from deep inside an import."""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType


def leave_quietly(signum: int, frame: FrameType | None) -> None:
    """SIGINT while starting: nothing is open or half-written yet, so exit at once."""
    os._exit(130)


def quiet_while_starting() -> None:
    """Make Ctrl-C leave quietly until `started` (unless SIGINT is ignored, as for a
    background job, or handled by someone else)."""
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, leave_quietly)


def started() -> None:
    """Ctrl-C raises KeyboardInterrupt again: the command handles it from here."""
    if signal.getsignal(signal.SIGINT) is leave_quietly:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def main() -> int:
    """`newsbot`: the command, its modules loaded with Ctrl-C made quiet. After Ctrl-C
    (status 130) the process leaves at once: the command has closed what it had open, and
    threads still blocked on a stalled server (a feed's page downloads) are not waited for
    (`newsbot ingest` had gone on for up to a minute)."""
    quiet_while_starting()
    from bot.__main__ import main as command

    status = command()
    if status == 130:
        for stream in (sys.stdout, sys.stderr):
            try:
                if stream is not None:
                    stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(130)
    return status


if __name__ == "__main__":
    sys.exit(main())
