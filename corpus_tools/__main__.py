"""`python -m corpus_tools` runs the `corpus` command."""

from corpus_tools.cli.entry import main

main()
