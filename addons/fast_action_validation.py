"""Rasa 3.6 checks the action-server response schema itself on every custom action call.

`RemoteAction._validate_action_result` calls `jsonschema.validate(result, schema)`, and `jsonschema.validate`
first validates `schema` against its meta-schema (Draft 2020-12, as the schema names none): about 25 ms of CPU in
the Rasa server's event loop for every custom action and every form validation. This validates each response
against a validator built once; the check and the error message are unchanged.
"""

from typing import Any

import jsonschema
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

_SCHEMA = RemoteAction.action_response_format_spec()
_VALIDATOR = jsonschema.validators.validator_for(_SCHEMA)(_SCHEMA)


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    error = jsonschema.exceptions.best_match(_VALIDATOR.iter_errors(result))
    if error is not None:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response from the Action "
            f"endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


RemoteAction._validate_action_result = _validate_action_result
