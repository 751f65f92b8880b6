"""The application's own declarations: which request paths carry a caller's data."""

from __future__ import annotations

from fastapi import FastAPI

from voice_agent.adapters.api.app import private_path_templates


def test_every_path_parameter_but_an_id_is_private(app: FastAPI) -> None:
    templates = private_path_templates(app)
    assert "/summary/{room_name}" in templates
    assert "/staff/api/appointments/{code}/cancel" in templates
    assert "/staff/api/appointments/{code}/reschedule" in templates
    assert "/staff/api/calls/{call_id}" not in templates  # a UUID says nothing of anyone
    assert all("{" in t for t in templates)
