"""The encoder: a Scenario as plain data in the shape of a scenario file."""

from __future__ import annotations

import enum
from typing import Any

from samenbeslissen.errors import InputError
from samenbeslissen.scenarios.model import Line, Scenario

__all__ = ["scenario_to_dict"]


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """The scenario as plain data in the shape of a scenario file.

    Fields that are empty or at their default are left out, except
    ``language`` and ``address``. :func:`scenario_from_dict` reads the result
    back to an equal scenario, and ``yaml.safe_dump`` turns it into a file.

    Raises:
        InputError: ``scenario`` is not a Scenario.
    """
    if not isinstance(scenario, Scenario):
        raise InputError("expected_type", field="scenario", expected="Scenario")
    data: dict[str, Any] = {
        "title": scenario.title,
        "language": scenario.language,
        "address": scenario.address,
        "client": _present(
            name=scenario.client.name,
            situation=scenario.client.situation,
            feelings=scenario.client.feelings,
            preferred_role=_value(scenario.client.preferred_role),
            speaks=scenario.client.speaks,
            age_group=_value(scenario.client.age_group),
        ),
        "professional": _present(
            name=scenario.professional.name, function=scenario.professional.function
        ),
    }
    if scenario.others:
        data["others"] = [
            _present(name=o.name, role=o.role.value, relation=o.relation) for o in scenario.others
        ]
    data["question"] = scenario.question
    if scenario.goal is not None:
        data["goal"] = scenario.goal
    data["options"] = [
        _present(
            key=o.key,
            title=o.title,
            description=o.description,
            pros=list(o.pros),
            cons=list(o.cons),
            status_quo=o.status_quo or None,
            picture=o.picture,
        )
        for o in scenario.options
    ]
    if scenario.criteria:
        data["criteria"] = [
            _present(key=c.key, label=c.label, importance=c.importance, owner=c.owner)
            for c in scenario.criteria
        ]
    if scenario.ratings:
        table: dict[str, dict[str, int | None]] = {}
        for rating in scenario.ratings:
            table.setdefault(rating.option, {})[rating.criterion] = rating.score
        data["ratings"] = table
    if scenario.decision is not None:
        decision = scenario.decision
        data["decision"] = {
            "option": decision.option,
            "decided_by": decision.decided_by.value,
            "rationale": decision.rationale,
            "follow_up_weeks": decision.follow_up_weeks,
        }
        if decision.reflection_offered:
            data["decision"]["reflection_offered"] = True
        if decision.consent:
            data["decision"]["consent"] = list(decision.consent)
    if scenario.lines:
        data["lines"] = {
            step.value: _present(
                good=[_line_dict(line) for line in lines.good],
                pitfall=[_line_dict(line) for line in lines.pitfall],
            )
            for step, lines in scenario.lines
        }
    return data


def _value(member: enum.Enum | None) -> object:
    return None if member is None else member.value


def _present(**fields: object) -> dict[str, object]:
    """The fields that hold something: no None, no empty list."""
    return {name: value for name, value in fields.items() if value is not None and value != []}


def _line_dict(line: Line) -> dict[str, str]:
    return {"speaker": line.name or line.speaker.value, "text": line.text}
