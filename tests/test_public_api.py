"""Tests that pin the public surface: what `import samenbeslissen` offers."""

from __future__ import annotations

import ast
import importlib
import importlib.metadata
import inspect
import pkgutil
import subprocess
import sys
import types

import pytest

import samenbeslissen as sb
from samenbeslissen import errors

EXPECTED_ALL = [
    "Action",
    "ActionNotAllowedError",
    "AgeGroup",
    "Answers",
    "ClientPersona",
    "Companion",
    "ConflictError",
    "Conversation",
    "Criterion",
    "Decision",
    "DecisionRole",
    "Deferral",
    "DefinitionError",
    "Diagram",
    "Distribution",
    "Edge",
    "Evaluation",
    "Event",
    "Experience",
    "FidelityCheck",
    "FidelityReport",
    "Flip",
    "InputError",
    "Invitation",
    "Line",
    "NotEnoughOptionsError",
    "NotFoundError",
    "Observation",
    "Option",
    "OptionalDependencyError",
    "Participant",
    "ParticipantRole",
    "Pitfall",
    "PlannedDecision",
    "Policy",
    "Presentation",
    "Preview",
    "Problem",
    "ProfessionalPersona",
    "RankedOption",
    "Ranking",
    "Rating",
    "Reconsideration",
    "RecordError",
    "Remark",
    "RemarkKind",
    "RemarksWithheldWarning",
    "Renderer",
    "Report",
    "RoleGroup",
    "RoundScore",
    "Route",
    "RuleViolationError",
    "SamenBeslissenError",
    "Scenario",
    "ScenarioError",
    "ScoringError",
    "Sensitivity",
    "Step",
    "StepLines",
    "StepOrderError",
    "Stopping",
    "TemplateError",
    "Variant",
    "Variants",
    "Weighing",
    "__version__",
    "demo_scenario",
    "diagram",
    "fidelity",
    "instruments",
    "load_scenario",
    "loads_scenario",
    "paths",
    "preview",
    "read_observations",
    "read_records",
    "record_schema",
    "render",
    "render_pdf",
    "report",
    "scenario_from_dict",
    "scenario_schema",
    "scenario_to_dict",
    "score_observations",
    "starter_scenario",
    "variants",
]


def test_the_public_names_are_pinned_and_sorted() -> None:
    assert EXPECTED_ALL == sb.__all__
    assert sorted(sb.__all__) == sb.__all__
    for name in sb.__all__:
        assert hasattr(sb, name), name


def test_dir_lists_every_public_name() -> None:
    assert set(sb.__all__) <= set(dir(sb))


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'Conversatie'"):
        _ = sb.Conversatie  # type: ignore[attr-defined]  # the misspelling is the point


def test_the_lazy_names_and_the_names_type_checkers_see_agree() -> None:
    """``__getattr__`` and the ``if TYPE_CHECKING:`` imports name the same modules."""
    tree = ast.parse(inspect.getsource(sb))
    (block,) = [node for node in tree.body if isinstance(node, ast.If)]
    seen = {
        alias.name: node.module
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert {"instruments": "samenbeslissen", **sb._EXPORTS} == seen
    assert set(sb.__all__) == {*seen, "__version__"}


def every_module() -> list[str]:
    return sorted(
        info.name for info in pkgutil.walk_packages(sb.__path__, prefix="samenbeslissen.")
    )


def test_every_public_name_is_what_its_module_defines_even_after_every_import() -> None:
    """No subpackage shadows a root name (a package ``render`` would hide ``render()``)."""
    for name in every_module():
        if name != "samenbeslissen.__main__":
            importlib.import_module(name)
    for name, module in sb._EXPORTS.items():
        value = getattr(sb, name)
        assert not isinstance(value, types.ModuleType), name
        assert getattr(importlib.import_module(module), name) is value
    assert isinstance(sb.instruments, types.ModuleType)


def test_no_name_in_a_package_hides_one_of_its_modules() -> None:
    """``samenbeslissen.cli.commands`` is that module, not a function of the same name."""
    for name in every_module():
        if name == "samenbeslissen.__main__":
            continue
        parent, _, child = name.rpartition(".")
        assert sys.modules[name] is getattr(importlib.import_module(parent), child), name


def test_importing_the_package_loads_none_of_its_layers() -> None:
    program = (
        "import sys, samenbeslissen\n"
        "print(sorted(m for m in sys.modules if m.startswith('samenbeslissen.')"
        " or m.split('.')[0] in ('attrs', 'transitions', 'jinja2', 'yaml')))"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    assert "[]\n" == done.stdout


def test_the_version_comes_from_the_installed_metadata() -> None:
    assert importlib.metadata.version("samenbeslissen") == sb.__version__


def test_every_error_descends_from_the_root_and_is_drawn_in_the_docstring() -> None:
    classes = [
        obj
        for _, obj in inspect.getmembers(errors, inspect.isclass)
        if issubclass(obj, Exception) and obj.__module__ == errors.__name__
    ]
    assert set(errors.__all__) - {"Problem"} == {c.__name__ for c in classes}
    for cls in classes:
        assert issubclass(cls, sb.SamenBeslissenError)
        assert cls.__name__ in (errors.__doc__ or "")


def test_step_order_errors_carry_step_and_action() -> None:
    error = sb.NotEnoughOptionsError(
        "rule_min_options",
        step=sb.Step.OPTIONS,
        action=sb.Action.PRESENT_OPTIONS,
        rule="min_options",
        minimum=2,
        count=1,
    )
    assert isinstance(error, sb.RuleViolationError)
    assert isinstance(error, sb.ActionNotAllowedError)
    assert (sb.Step.OPTIONS, sb.Action.PRESENT_OPTIONS, "min_options") == (
        error.step,
        error.action,
        error.rule,
    )


def test_decision_roles_run_from_the_client_to_the_professional_with_labels() -> None:
    roles = list(sb.DecisionRole)
    assert [1, 2, 3, 4, 5] == [r.position for r in roles]
    assert sb.DecisionRole.CLIENT_ALONE == roles[0]
    assert sb.DecisionRole.PROFESSIONAL_ALONE == roles[-1]
    active, collaborative, passive = sb.RoleGroup
    assert [active, active, collaborative, passive, passive] == [r.group for r in roles]
    assert "Cliënt en professional beslissen samen." == sb.DecisionRole.SHARED.label()
    assert "Client and professional decide together." == sb.DecisionRole.SHARED.label("en")
    for role in roles:
        assert role.label("nl") != role.label("en")


def test_steps_have_numbers_and_labels_in_both_languages() -> None:
    assert [1, 2, 3, 4] == [s.number for s in list(sb.Step)[:4]]
    assert sb.Step.DEFERRED.number is None
    assert "Voorkeur" == sb.Step.PREFERENCES.label()
    assert "Preferences" == sb.Step.PREFERENCES.label("en")
    assert "inform" == str(sb.Step.INFORM)
    assert "de opties voorleggen" == sb.Action.PRESENT_OPTIONS.label()
    assert "cliëntondersteuner" == sb.ParticipantRole.CLIENT_SUPPORT.label()
