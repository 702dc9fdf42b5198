"""The API against its own OpenAPI document: schemathesis generates requests for every operation
the document describes and checks each answer (no 500, status, headers and body as declared), on
a live server on loopback. Bounded: a set number of examples per operation (docs/api.md)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.config import SchemathesisConfig
from schemathesis.core.parameters import ParameterLocation

from jixiao_web.accounts import tokens

EXAMPLES = 25  # per operation and mode: reaches each parameter's edges, a minute or so in all
CALL_SECONDS = 30  # each request's bound in time
BOUNDS = settings(
    max_examples=EXAMPLES,
    deadline=None,  # a live server over a seeded database: time is not what is tested here
    suppress_health_check=list(HealthCheck),
    database=None,  # no example database written into the checkout
)


# A save names the version it was made from, in If-Match or in the body: a schema cannot require
# one or the other, so a schema-valid save may name none (428) or one the form never had (412).
# Like 409, these answer the form's state, not the request's shape (docs/api.md, saving).
ANSWERS_TO_STATE = ["2xx", "3xx", "401", "403", "404", "409", "412", "428", "429", "5xx"]
# A query string carries only text: a filter mutated into an array or a boolean reaches the
# list as valid text (`q=false`), an extra parameter without a value not at all, so the list's
# answer to such a "negative" case is no fault. Its bad filters are 422:
# tests/web/test_api_forms.py::test_a_bad_filter_is_422_naming_it; here no 500 and every answer
# as declared are still checked.
CONFIG = {
    "operations": [
        {
            "include-path": "/api/v1/forms/{id}",
            "include-method": "PUT",
            "checks": {"positive_data_acceptance": {"expected-statuses": ANSWERS_TO_STATE}},
        },
        {
            # A comment names at most one place, and a reply none (it is at its thread's): a
            # schema cannot say "not both", so such a schema-valid body is 422 naming the field.
            "include-path": "/api/v1/forms/{id}/comments",
            "include-method": "POST",
            "checks": {
                "positive_data_acceptance": {"expected-statuses": [*ANSWERS_TO_STATE, "422"]}
            },
        },
        {
            "include-path": "/api/v1/forms",
            "include-method": "GET",
            "checks": {"negative_data_rejection": {"enabled": False}},
        },
    ]
}


@pytest.fixture
def schema(live_server, people):
    config = SchemathesisConfig.from_dict(CONFIG)
    return schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json", config=config)


def operations(schema) -> list:
    found = [result.ok() for result in schema.get_all_operations()]
    assert found, "the OpenAPI document describes no operation"
    return found


def exercise(operation, mode: GenerationMode, base_url: str, token: str) -> None:
    @BOUNDS
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case) -> None:
        # A case whose headers are generated to break the schema (the required Authorization
        # left out, say) is sent as generated: adding the token to it would turn a request that
        # must be refused into one that is accepted, and fail the run for the harness's doing.
        mutated = case.meta is not None and case.meta.is_negative_at(ParameterLocation.HEADER)
        case.call_and_validate(
            base_url=base_url,
            headers={} if mutated else {"Authorization": f"Bearer {token}"},
            timeout=CALL_SECONDS,  # a call that hangs fails the run instead of stalling it
        )

    run()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_operation_keeps_to_its_schema(schema, people, live_server, mode):
    token = tokens.issue(people.admin, "schemathesis")[1]
    for operation in operations(schema):
        exercise(operation, mode, live_server.url, token)


@pytest.mark.django_db
def test_each_operation_has_its_own_plain_name(client):
    """Generated clients name their methods after the operation ids: one per operation, a plain
    identifier (the view's name), not the module path ninja would give."""
    document = client.get("/api/v1/openapi.json").json()
    ids = [op["operationId"] for path in document["paths"].values() for op in path.values()]
    assert len(ids) == len(set(ids))
    assert all(name.isidentifier() and "jixiao" not in name for name in ids)
    assert {"list_forms", "read_form", "replace_form", "transition", "create_import"} <= set(ids)
