"""The core stands alone: a whole conversation and its record without the optional packages."""

from __future__ import annotations

import subprocess
import sys
import textwrap

BLOCKED = ("jinja2", "yaml", "pandas", "IPython")

# Runs in a fresh interpreter, so that no other test has imported anything yet.
PROGRAM = textwrap.dedent(
    """
    import datetime as dt
    import importlib.abc
    import sys

    BLOCKED = {blocked!r}

    class Blocker(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in BLOCKED:
                raise ImportError(f"{{name}} is blocked in this test")
            return None

    sys.meta_path.insert(0, Blocker())

    import samenbeslissen as sb

    conv = sb.Conversation(
        "Welke hulp bij het huishouden past bij u?",
        client=sb.Participant(name="Mevrouw Jansen"),
        professional=sb.Participant(name="Sanne"),
        language="en",
    )
    conv.inform(may_codecide=True, preferred_role=sb.DecisionRole.SHARED)
    conv.add_option(sb.Option(key="hulp", title="Hulp", pros=("a",), cons=("b",)))
    conv.add_option(
        sb.Option(key="niets", title="Niets", pros=("c",), cons=("d",), status_quo=True)
    )
    conv.present_options()
    conv.weigh({{"rust": 4}}, {{"hulp": {{"rust": 5}}, "niets": {{"rust": 2}}}})
    conv.decide(
        "hulp",
        decided_by=sb.DecisionRole.SHARED,
        rationale="Dan heb ik rust.",
        follow_up=dt.date.today() + dt.timedelta(days=30),
    )
    conv.add_experience(answers=[sb.Answers(instrument="collaborate", items=(9, 8, 9))])
    try:
        conv.evaluate(notes="")
    except sb.InputError as error:
        message = str(error)
    again = sb.Conversation.from_json(conv.to_json())
    assert again == conv, "the record round-trips"
    assert again.step is sb.Step.DECIDED
    loaded = sorted(name for name in BLOCKED if name in sys.modules)
    print(message, loaded)
    """
)


def test_a_whole_conversation_runs_without_jinja2_yaml_pandas_or_ipython() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM.format(blocked=BLOCKED)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "" == done.stderr
    assert "Notes: must not be empty. []\n" == done.stdout
