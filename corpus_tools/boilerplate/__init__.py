"""Publisher boilerplate: the shipped rules, the text segmenter, the learned model and the span finder."""
