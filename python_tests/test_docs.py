"""docs/api-http.md lists exactly the routes the server serves (GET /v2/openapi.json).

The OpenAPI document lists every route twice, once per trailing-slash form. The form whose
description begins "Same as <METHOD> <other form> ..." is the alias. The route table needs one
row per (method, canonical path). A row may also list the alias; the table's preamble says that
every path is served in both forms.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Set, Tuple

import pytest

from support import REPO, ApiClient

pytestmark = pytest.mark.http

HTTP_DOC = REPO / "docs" / "api-http.md"
DERIVED = {"HEAD", "OPTIONS"}  # served for every route; not listed
METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"} | DERIVED

Route = Tuple[str, str]  # (METHOD, path)


def other_slash_form(path: str) -> str:
    if path == "/":
        return path
    return path[:-1] if path.endswith("/") else path + "/"


def table_rows(markdown: str) -> List[Tuple[str, List[str], List[str]]]:
    """(METHOD, [paths], cells) for every row of the table under "## Routes"."""
    section = re.search(r"^## Routes\n(.*?)(?=^## |\Z)", markdown, re.S | re.M)
    assert section, f"{HTTP_DOC} has no '## Routes' section"
    rows = []
    for line in section.group(1).splitlines():
        if not line.startswith("|"):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if cells[0] in METHODS:
            rows.append((cells[0], re.findall(r"`([^`]+)`", cells[1]), cells))
    return rows


def openapi_routes(document: Dict[str, Any]) -> Tuple[Dict[Route, Dict[str, Any]], Dict[Route, str]]:
    """({canonical route: operation}, {alias route: its canonical path})."""
    canonical: Dict[Route, Dict[str, Any]] = {}
    aliases: Dict[Route, str] = {}
    paths = document["paths"]
    for path, operations in paths.items():
        for method, operation in operations.items():
            method = method.upper()
            if method in DERIVED:
                continue
            other = other_slash_form(path)
            same_as = f"Same as {method} {other} "
            if other in paths and operation.get("description", "").startswith(same_as):
                aliases[(method, path)] = other
            else:
                canonical[(method, path)] = operation
    return canonical, aliases


def expected_auth(operation: Dict[str, Any]) -> str:
    """The word the table's auth column must contain for this operation."""
    special = operation.get("x-aligncv-auth")
    if special in ("admin", "loopback-or-admin"):
        return "admin"
    return "none" if operation["security"] == [] else "bearer"


@pytest.fixture(scope="module")
def openapi(server: str) -> Dict[str, Any]:
    with ApiClient(server) as session:
        response = session.get("/v2/openapi.json")
    assert response.status_code == 200, response.text
    return response.json()


def test_every_served_route_is_in_the_table_and_nothing_else(openapi, client):
    assert client.get("/v2/health").status_code == 200  # the shared server answers
    canonical, aliases = openapi_routes(openapi)
    assert canonical, "the OpenAPI document lists no routes"
    for (method, alias), path in aliases.items():
        assert (method, path) in canonical, f"{method} {alias} is an alias of an unlisted route"

    rows = table_rows(HTTP_DOC.read_text(encoding="utf-8"))
    assert rows, f"no route rows in {HTTP_DOC}"
    documented: Set[Route] = set()
    problems: List[str] = []
    for method, paths, _ in rows:
        if method in DERIVED:
            continue
        listed = [p for p in paths if (method, p) in canonical]
        if len(listed) != 1:
            problems.append(f"row {method} {' · '.join(paths)}: needs exactly one served "
                            f"canonical path, has {listed}")
            continue
        route = (method, listed[0])
        if route in documented:
            problems.append(f"{method} {listed[0]} has two rows")
        documented.add(route)
        for path in paths:
            if path != listed[0] and aliases.get((method, path)) != listed[0]:
                problems.append(f"row {method} {listed[0]}: {path} is not its slash alias")

    missing = sorted(set(canonical) - documented, key=lambda r: (r[1], r[0]))
    problems += [f"served but not in the table: {m} {p}" for m, p in missing]
    assert not problems, "\n".join(problems)


def test_table_auth_and_status_match_the_server(openapi):
    canonical, _ = openapi_routes(openapi)
    problems = []
    for method, paths, cells in table_rows(HTTP_DOC.read_text(encoding="utf-8")):
        routes = [(method, p) for p in paths if (method, p) in canonical]
        if len(routes) != 1 or len(cells) < 4:
            continue  # reported by the test above
        operation = canonical[routes[0]]
        auth, success = cells[2], cells[3]
        if expected_auth(operation) not in auth:
            problems.append(f"{method} {routes[0][1]}: auth '{auth}', expected "
                            f"'{expected_auth(operation)}'")
        status = next(code for code in operation["responses"] if code.startswith("2"))
        if not success.startswith(status):
            problems.append(f"{method} {routes[0][1]}: success '{success}', server says {status}")
    assert not problems, "\n".join(problems)
