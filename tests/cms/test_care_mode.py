"""关怀版: one switch for larger text and higher contrast, remembered for the visitor, without
JavaScript."""

from __future__ import annotations

import pytest

from cms.demo import seed_site

pytestmark = pytest.mark.django_db


def test_the_switch_is_remembered_and_can_be_turned_off(client):
    seed_site()
    assert 'class="care"' not in client.get("/policies/").content.decode()
    response = client.post("/care-mode/", {"care": "on", "next": "/policies/"})
    assert response.status_code == 302 and response["Location"] == "/policies/"
    html = client.get("/policies/").content.decode()
    assert '<body class="care">' in html
    assert 'name="care" value="off"' in html
    client.post("/care-mode/", {"care": "off", "next": "/"})
    assert 'class="care"' not in client.get("/").content.decode()


def test_a_foreign_next_address_goes_home_and_get_is_refused(client):
    response = client.post("/care-mode/", {"care": "on", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert client.get("/care-mode/").status_code == 405
