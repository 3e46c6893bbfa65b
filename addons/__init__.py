"""Rasa plug-ins of this assistant. Rasa imports this package whenever it loads the model (the NLU guard and the
emergency policy live here), so the patch below applies to `rasa run`, `rasa shell`, `rasa test` and the tests."""

# Rasa re-checks its action-response schema on every call (docs/performance.md, "Validating action responses").
from addons import fast_action_validation  # noqa: F401
