"""The editor's page says when it holds input not yet saved (`data-unsaved`, which arms the
warning before leaving in editor.js): after a refused save, not on a fresh page."""

from __future__ import annotations

import pytest
from tests.web.test_editor import admin_client, page_fields, post, replace

pytestmark = pytest.mark.django_db


def test_a_refused_save_shows_the_editor_armed_a_fresh_one_not(people, imported):
    pk = imported.forms[0].pk
    client = admin_client(people)
    fresh = client.get(f"/forms/{pk}/edit/").content.decode()
    assert '<form method="post" class="editor">' in fresh
    refused = post(client, pk, replace(page_fields(client, pk), "annual_request", "1e30"))
    assert refused.status_code == 422
    assert '<form method="post" class="editor" data-unsaved>' in refused.content.decode()
