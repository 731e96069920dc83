"""Near-duplicate detection for news: shingles, MinHash signatures, LSH candidates, verification, clusters.

Layers, each importing only those above it: `shingles` -> `signatures` -> `lsh` -> `config` -> `verify`,
`features` -> `table` (the one spool-and-sign loop) -> `rules`, `cluster`, `keep` -> `engine` -> `index`,
`explain` -> `calibrate`. The stage that wires them is `corpus_tools.stages.dedup`.
"""
