"""The `corpus` command line: option parsing and wiring only; the work happens in corpus_tools."""
