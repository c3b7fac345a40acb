"""The layout rules a newcomer relies on (docs/ARCHITECTURE.md): rooms of a readable size, short
functions, public names between modules, no import circles. Each failure names the place and
what to do."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "tlstudio"
MAX_CORE_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80


def _sources(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py"))


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _where(path: Path, line: int | None = None) -> str:
    rel = path.relative_to(ROOT).as_posix()
    return rel if line is None else f"{rel}:{line}"


def _is_widget_construction(path: Path, name: str) -> bool:
    """Qt widget set-up may be long: ``__init__`` and ``_build_*`` methods in the GUI."""
    return "gui" in path.relative_to(PACKAGE).parts and (name == "__init__" or name.startswith("_build"))


def test_no_core_module_is_over_600_lines() -> None:
    long = [f"{_where(p)} has {n} lines" for p in _sources("tlstudio/core")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_CORE_MODULE_LINES]
    assert not long, ("Split these core modules by concern (at most about "
                      f"{MAX_CORE_MODULE_LINES} lines each): " + "; ".join(long))


def test_no_function_is_over_80_lines() -> None:
    long = []
    for path in _sources("tlstudio"):
        for node in ast.walk(_tree(path)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = node.end_lineno - node.lineno + 1
                if n > MAX_FUNCTION_LINES and not _is_widget_construction(path, node.name):
                    long.append(f"{_where(path, node.lineno)} {node.name} ({n} lines)")
    assert not long, "Break these functions into named steps: " + "; ".join(long)


def test_no_private_name_is_imported_from_another_module() -> None:
    found = []
    for path in _sources("tlstudio", "tests", "bench", "scripts"):
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("tlstudio"):
                private = [a.name for a in node.names if a.name.startswith("_") and not a.name.startswith("__")]
                if private:
                    found.append(f"{_where(path, node.lineno)} imports {', '.join(private)} from {node.module}")
    assert not found, ("A name two modules need is public (no leading underscore, a docstring) in the module it "
                       "belongs to: " + "; ".join(found))


def _import_graph() -> dict[str, set[str]]:
    grimp = pytest.importorskip("grimp")
    graph = grimp.build_graph("tlstudio", exclude_type_checking_imports=True)
    return {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_cycle_finder_finds_a_circle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles() -> None:
    cycles = _cycles(_import_graph())
    assert not cycles, ("These modules import each other (function-level imports count): "
                        + "; ".join(" <-> ".join(c) for c in cycles)
                        + ". Move what both need into a module of its own.")


def test_every_import_of_a_tlstudio_name_resolves() -> None:
    """Also the imports inside functions (tlstudio imports heavy modules lazily): a name moved to
    another module without its importers following would otherwise fail only when that code runs."""
    import importlib

    missing = []
    for path in _sources("tlstudio", "tests", "bench", "scripts"):
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("tlstudio"):
                module = importlib.import_module(node.module)
                for alias in node.names:
                    if not hasattr(module, alias.name):
                        try:
                            importlib.import_module(f"{node.module}.{alias.name}")
                        except ImportError:
                            missing.append(f"{_where(path, node.lineno)} imports {alias.name} from {node.module}")
    assert not missing, "These names are not where they are imported from: " + "; ".join(missing)
