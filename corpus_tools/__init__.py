"""corpus-tools: clean and de-duplicate news corpora."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    """`__version__` is looked up when first asked for: reading the installed metadata takes a moment that the
    `corpus` command's start, before it can catch Ctrl-C, should not spend."""
    if name != "__version__":
        raise AttributeError(f"module 'corpus_tools' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("corpus-tools")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0"
