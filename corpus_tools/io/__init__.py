"""Reading inputs into records and writing records out."""
