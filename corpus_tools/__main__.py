"""`python -m corpus_tools` runs the `corpus` command."""

from corpus_tools.cli.main import main

main()
