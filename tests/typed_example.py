"""A typed tour of the public API; `mypy --strict` checks it in CI (it is not a test module).

If a change to the library breaks a caller's types, this file stops type-checking.
"""

from __future__ import annotations

import datetime as dt

import samenbeslissen as sb


def walk() -> tuple[sb.Step, list[sb.Action], str]:
    conv = sb.Conversation(
        question="Welke stap naar werk past nu bij u?",
        client=sb.Participant(name="Fatima"),
        professional=sb.Participant(name="Jeroen"),
        others=[sb.Participant(name="Els", role=sb.ParticipantRole.CLIENT_SUPPORT)],
        policy=sb.Policy(min_options=2),
    )
    step: sb.Step = conv.step
    event: sb.Event = conv.inform(may_codecide=True, preferred_role=sb.DecisionRole.SHARED)
    when: dt.datetime = event.at
    conv.add_option(sb.Option(key="werkervaring", title="Werkervaringsplaats", pros=("Ritme",)))
    conv.add_option(sb.Option(key="niets", title="Nu niets veranderen", status_quo=True))
    conv.present_options()
    conv.weigh({"inkomen": 5}, {"werkervaring": {"inkomen": 2}, "niets": {"inkomen": None}})
    weighing: sb.Weighing | None = conv.weighing
    if weighing is not None:
        importance: dict[str, int] = weighing.importance
        assert importance
    try:
        conv.decide("werkervaring", decided_by=sb.DecisionRole.SHARED)
    except sb.RuleViolationError as error:
        rule: str = error.rule
        where: sb.Step = error.step
        assert rule
        assert where
    conv.decide(
        "werkervaring",
        decided_by=sb.DecisionRole.SHARED,
        rationale="Ik wil weer ritme.",
        follow_up=when.date() + dt.timedelta(weeks=6),
    )
    decision: sb.Decision | None = conv.decision
    assert decision is not None
    restored: sb.Conversation = sb.Conversation.from_json(conv.to_json())
    actions: list[sb.Action] = list(restored.allowed_actions())
    try:
        sb.Conversation.from_dict({"schema_version": 99})
    except sb.RecordError as error:
        field: str = error.field
        assert field
    experience: sb.Event = conv.add_experience(
        answers=[sb.Answers(instrument="sdm_q9", items=[4, 4, 5, 4, 3, 4, 5, 4, 4])],
        remarks=[sb.Remark(text="Ik mocht meebeslissen.", kind=sb.RemarkKind.HELPED)],
    )
    assert experience.data is not None
    scored: sb.instruments.SdmQScore = sb.instruments.sdm_q9([4, 4, 5, 4, 3, 4, 5, 4, 4])
    scaled: float = scored.scaled
    assert scaled
    quality: sb.FidelityReport = sb.fidelity(conv)
    assert quality.checks
    bundled: sb.Report = sb.report([conv, conv.to_dict()], threshold=1)
    page: str = sb.render(bundled, "report", "html", "en")
    assert page
    try:
        printed: bytes = sb.Renderer().render_pdf(conv, "summary", language="en")
        assert printed.startswith(b"%PDF-")
    except sb.OptionalDependencyError as missing:
        package: str = missing.package
        assert package
    ranking: sb.Ranking | None = conv.weighing.ranking() if conv.weighing else None
    assert ranking is not None
    first: str | None = conv.ranking().describe_top("en")
    flips: list[str] = conv.sensitivity().sentences()
    assert first
    assert flips
    return step, actions, decision.option


if __name__ == "__main__":
    print(walk())
