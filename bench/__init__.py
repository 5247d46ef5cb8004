"""Benchmarks: `python -m bench.generate` builds a realistic database, `python -m bench.run` measures on it."""
