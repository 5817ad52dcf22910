"""Settings for the whole test run: tests, doctests of src, the README and docs."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True, scope="session")
def _template_cache_in_a_temporary_folder(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[None]:
    """Compiled templates go to a folder of this run, not to the user's cache folder."""
    before = os.environ.get("SAMENBESLISSEN_CACHE_DIR")
    os.environ["SAMENBESLISSEN_CACHE_DIR"] = str(tmp_path_factory.mktemp("template-cache"))
    yield
    if before is None:
        del os.environ["SAMENBESLISSEN_CACHE_DIR"]
    else:
        os.environ["SAMENBESLISSEN_CACHE_DIR"] = before
