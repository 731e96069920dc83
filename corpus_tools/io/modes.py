"""Files and directories made through tempfile (0600, 0700) get the modes a plain open() would give them."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import BinaryIO


def follow_umask(path: str) -> None:
    """Give `path` the mode the umask gives a new file or directory, so a shared run stays readable."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, (0o777 if os.path.isdir(path) else 0o666) & ~mask)


def is_device(path: str) -> bool:
    """Whether `path` names something other than a regular file or a directory (/dev/null, /dev/stderr, a
    FIFO). Renaming a finished file over it would replace it, as root /dev/null itself, so it is written
    in place: atomic writing means nothing there."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


@contextmanager
def replaced_whole(path: str, prefix: str) -> Iterator[BinaryIO]:
    """Write under a hidden temporary name beside `path`, renamed over it when the block ends without an
    error: a reader never sees half a file, a failure leaves the old one, and the mode follows the umask.
    A device is written in place."""
    with named_errors(path, every=True):
        if is_device(path):
            with open(path, "wb") as device:
                yield device
            return
        handle, temporary = tempfile.mkstemp(prefix=prefix, dir=os.path.dirname(os.path.abspath(path)))
        try:
            with os.fdopen(handle, "wb") as out:
                yield out
            follow_umask(temporary)
            os.replace(temporary, path)
        except BaseException:
            with suppress(OSError):
                os.unlink(temporary)
            raise


@contextmanager
def named_errors(path: str, every: bool = False) -> Iterator[None]:
    """Write errors inside the block name `path` (see `named_error`)."""
    try:
        yield
    except OSError as err:
        raise named_error(err, path, every) from None


def named_error(err: OSError, path: str, every: bool = False) -> OSError:
    """A write error that names no file (a full device, a full disk at close) as one that names `path`; with
    `every`, one that names a hidden temporary the user never gave too. A broken pipe stays one."""
    if isinstance(err, BrokenPipeError) or err.errno is None or (err.filename is not None and not every):
        return err
    return OSError(err.errno, err.strerror, path)
