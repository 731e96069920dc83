"""`corpus report`: a run's figures gathered from its output directory, rendered as one HTML page or as tables."""
