"""Generate the synthetic archive for the benchmark and the load test."""
