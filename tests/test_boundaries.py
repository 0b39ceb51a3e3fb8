"""The domain package stays free of Streamlit, so it can be used and tested on its own."""

from __future__ import annotations

import ast
from pathlib import Path

from followup.paths import REPO_ROOT

UI_GLUE = ("followup/ui.py", "followup/ui/")


def _imports_streamlit(source: str) -> bool:
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            continue
        if any(name == "streamlit" or name.startswith("streamlit.") for name in names):
            return True
    return False


def domain_modules_importing_streamlit(package: Path) -> list[str]:
    """Paths (relative to the repo) of modules outside the ui glue that import streamlit."""
    offenders = []
    for module in sorted(package.rglob("*.py")):
        relative = module.relative_to(package.parent).as_posix()
        if relative.startswith(UI_GLUE):
            continue
        if _imports_streamlit(module.read_text(encoding="utf-8")):
            offenders.append(relative)
    return offenders


def test_only_the_ui_glue_imports_streamlit():
    assert domain_modules_importing_streamlit(REPO_ROOT / "followup") == []


def test_the_check_catches_a_stray_import(tmp_path: Path):
    """The boundary check itself notices a domain module that imports streamlit."""
    package = tmp_path / "followup"
    package.mkdir()
    (package / "ui.py").write_text("import streamlit as st\n")
    (package / "survey.py").write_text("from streamlit import cache_data\n")
    (package / "script.py").write_text("import pandas as pd\n")
    assert domain_modules_importing_streamlit(package) == ["followup/survey.py"]
