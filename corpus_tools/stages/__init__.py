"""Pipeline stages: each module holds one stage and its frozen config."""
