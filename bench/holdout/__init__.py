"""Held-out simulation: an independently written generator of labelled case folders and an evaluator.

Written without reading fixtures/generator/ so that it measures how doccheck generalises to wordings and
layouts its own fixtures never use. ``python -m bench.holdout.make_cases OUT --n 80 --seed 7`` writes the
cases and ``labels.json``; ``python -m bench.holdout.evaluate OUT`` scores doccheck against them.
"""
