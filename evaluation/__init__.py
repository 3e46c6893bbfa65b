"""Evaluations of the running bot against sets written apart from its training data: understanding, safety,
triage vignettes, the NLU held-out set and scale. Run with `python -m evaluation.<module>`."""
