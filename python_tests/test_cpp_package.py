"""`cmake --install` gives C++ programs a package: the installed tree holds the headers, the static
libraries, the `aligncv` command and aligncvConfig.cmake, and examples/cpp, configured on its own
with find_package(aligncv 2.0) against that tree, builds, and its two programs (the library, and
the HTTP server in-process) run (docs/api-cpp.md)."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Dict, List

import pytest
import requests

from support import REPO

EXAMPLE = REPO / "examples" / "cpp"


def build_dir() -> Path:
    """The build tree of the tests: $ALIGNCV_BUILD_DIR (relative to the repository, as ./dev and
    setup.py take it), else the folder above $ALIGNCV_BIN's bin/, else build/."""
    if os.environ.get("ALIGNCV_BUILD_DIR"):
        return (REPO / os.environ["ALIGNCV_BUILD_DIR"]).resolve()
    if os.environ.get("ALIGNCV_BIN"):
        return Path(os.environ["ALIGNCV_BIN"]).resolve().parent.parent
    return REPO / "build"


def run(*args: object, cwd: Path = REPO, timeout: int = 120) -> str:
    result = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True,
                            timeout=timeout)
    assert result.returncode == 0, (f"{' '.join(map(str, args))}: exit {result.returncode}\n"
                                    f"{result.stdout}\n{result.stderr}")
    return result.stdout


def cache_entries(build: Path) -> Dict[str, str]:
    entries = {}
    for line in (build / "CMakeCache.txt").read_text().splitlines():
        match = re.match(r"^([A-Za-z_0-9]+):[A-Z]+=(.*)$", line)
        if match:
            entries[match.group(1)] = match.group(2)
    return entries


@pytest.fixture(scope="module")
def build() -> Path:
    path = build_dir()
    if not (path / "cmake_install.cmake").is_file():
        pytest.fail(f"no configured build tree at {path}: run ./dev build, or set "
                    f"ALIGNCV_BUILD_DIR", pytrace=False)
    return path


@pytest.fixture(scope="module")
def prefix(build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh install of the build tree."""
    path = tmp_path_factory.mktemp("prefix")
    run("cmake", "--install", build, "--prefix", path)
    return path


def installed_files(prefix: Path) -> List[str]:
    return sorted(str(p.relative_to(prefix)) for p in prefix.rglob("*") if not p.is_dir())


def test_the_install_holds_headers_libraries_command_and_package(prefix: Path) -> None:
    files = installed_files(prefix)
    headers = sorted(
        str(Path("include") / p.relative_to(root))
        for root in (REPO / "core" / "include", REPO / "bindings" / "http" / "include")
        for p in root.rglob("*.hpp"))
    assert "include/aligncv/aligncv.hpp" in headers
    assert "include/aligncv/http/server.hpp" in headers
    assert [f for f in files if f.startswith("include/")] == headers

    assert [f for f in files if f.startswith("bin/")] == ["bin/aligncv"]
    libdir = next(f.split("/cmake/")[0] for f in files if f.endswith("/aligncvConfig.cmake"))
    libs = [f for f in files if f.startswith(libdir + "/") and "/cmake/" not in f]
    assert libs == [f"{libdir}/libaligncv.a", f"{libdir}/libaligncv_http.a"]
    package = [Path(f).name for f in files if f.startswith(f"{libdir}/cmake/aligncv/")]
    assert {"aligncvConfig.cmake", "aligncvConfigVersion.cmake",
            "aligncvTargets.cmake"} <= set(package)
    assert any(re.fullmatch(r"aligncvTargets-\w+\.cmake", name) for name in package), package
    assert "share/doc/aligncv/NOTICE.md" in files

    # Nothing else: no tests, benchmarks or Python module.
    known = set(headers) | {"bin/aligncv", "share/doc/aligncv/NOTICE.md", *libs}
    others = [f for f in files if f not in known and not f.startswith(f"{libdir}/cmake/aligncv/")]
    assert others == []

    targets = (prefix / libdir / "cmake" / "aligncv" / "aligncvTargets.cmake").read_text()
    assert "add_library(aligncv::aligncv STATIC IMPORTED)" in targets
    assert "add_library(aligncv::http STATIC IMPORTED)" in targets
    assert "aligncv_warnings" not in targets  # build-only flags do not leak to consumers
    assert str(REPO) not in targets  # no path into the source tree


def test_the_installed_command_runs(prefix: Path) -> None:
    assert run(prefix / "bin" / "aligncv", "--version").strip().endswith("2.0.0")


def configure(source: Path, binary: Path, prefix: Path, build: Path) -> subprocess.CompletedProcess:
    """Configures `source` on its own, finding packages under `prefix` only, with the compiler
    and build type of the tests' build tree."""
    cache = cache_entries(build)
    return subprocess.run(
        ["cmake", "-S", str(source), "-B", str(binary), "-G", "Ninja",
         f"-DCMAKE_PREFIX_PATH={prefix}", f"-DCMAKE_CXX_COMPILER={cache['CMAKE_CXX_COMPILER']}",
         f"-DCMAKE_BUILD_TYPE={cache.get('CMAKE_BUILD_TYPE') or 'Release'}",
         "-DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF"],
        capture_output=True, text=True, timeout=120)


def test_the_example_builds_with_find_package_and_runs(
        prefix: Path, build: Path, tmp_path: Path) -> None:
    binary = tmp_path / "build"
    configured = configure(EXAMPLE, binary, prefix, build)
    assert configured.returncode == 0, configured.stdout + configured.stderr
    # The installed package, not the build tree, was found.
    found = Path(cache_entries(binary)["aligncv_DIR"])
    assert found.is_relative_to(prefix), found
    run("cmake", "--build", binary, timeout=300)

    data = tmp_path / "data"
    first = run(binary / "aligncv_example", data, cwd=tmp_path).splitlines()
    assert first[:2] == ["Name: Ada Lovelace",
                         "Latest job: Senior Data Engineer at Analytical Engines Ltd"]
    assert first[2].startswith("Skills: ")
    skills = first[2].removeprefix("Skills: ").split(", ")
    assert {"Python", "SQL", "PostgreSQL", "Docker", "Kubernetes", "Linux"} <= set(skills), skills
    matches = first[3:6]
    assert len(matches) == 3 and all(re.fullmatch(r"Match \d+/100: .+ at .+", m) for m in matches)
    scores = [int(re.match(r"Match (\d+)", m).group(1)) for m in matches]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0, matches
    assert first[6:8] == ["User registered successfully", "Me: Ada Lovelace <ada@example.com>"]
    user = json.loads(first[8])
    assert (user["name"], user["email"], user["has_password"]) == (
        "Ada Lovelace", "ada@example.com", True)
    assert len(first) == 9
    assert (data / "aligncv.db").is_file()

    # Again on the same folder: the account exists, so the example logs in.
    again = run(binary / "aligncv_example", data, cwd=tmp_path).splitlines()
    assert again[:6] == first[:6]
    assert again[6:9] == ["Sign-up refused (conflict): Email already registered",
                          "Login successful", "Me: Ada Lovelace <ada@example.com>"]
    assert json.loads(again[9])["id"] == user["id"]

    # The second program runs the HTTP server in-process (aligncv::http) until a line on stdin.
    serving = subprocess.Popen([str(binary / "aligncv_serve_example"), str(tmp_path / "served")],
                               cwd=tmp_path, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        first_line = serving.stdout.readline()
        url = re.fullmatch(r"Serving (http://127\.0\.0\.1:\d+) until Enter\n", first_line)
        assert url, first_line + serving.stderr.read()
        health = requests.get(url.group(1) + "/v2/health", timeout=10)
        assert health.status_code == 200 and health.json()["status"] == "healthy", health.text
        out, err = serving.communicate("\n", timeout=30)
    finally:
        serving.kill()
        serving.wait()
    assert (serving.returncode, out, err) == (0, "Stopped\n", "")


def test_a_newer_major_version_is_not_found(prefix: Path, build: Path, tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    (source / "CMakeLists.txt").write_text(
        "cmake_minimum_required(VERSION 3.22)\nproject(wants_v3 LANGUAGES CXX)\n"
        "find_package(aligncv 3.0 REQUIRED)\n")
    configured = configure(source, tmp_path / "build", prefix, build)
    assert configured.returncode != 0
    assert "aligncvConfig.cmake, version: 2.0.0" in configured.stderr, configured.stderr


def test_the_doc_shows_the_example_as_it_is() -> None:
    doc = (REPO / "docs" / "api-cpp.md").read_text()
    shown = re.search(r"^`main\.cpp`:\n\n```cpp\n(.*?)^```$", doc, re.S | re.M)
    assert shown, "docs/api-cpp.md has no `main.cpp`: block"
    assert shown.group(1) == (EXAMPLE / "main.cpp").read_text()
