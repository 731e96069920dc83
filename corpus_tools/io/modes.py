"""Files and directories made through tempfile (0600, 0700) get the modes a plain open() would give them."""

from __future__ import annotations

import os


def follow_umask(path: str) -> None:
    """Give `path` the mode the umask gives a new file or directory, so a shared run stays readable."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, (0o777 if os.path.isdir(path) else 0o666) & ~mask)
