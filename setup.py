"""Builds aligncv._aligncv with CMake (the shape of pybind11's cmake_example).

The extension is built in the same build directory as the developer scripts (ALIGNCV_BUILD_DIR,
default <repo>/build), so `pip install --no-build-isolation --no-index -e .` reuses an existing
configured tree and re-running it only rebuilds what changed.
"""

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent


class CMakeExtension(Extension):
    def __init__(self, name: str, target: str) -> None:
        super().__init__(name, sources=[])
        self.target = target


class CMakeBuild(build_ext):
    def build_extension(self, ext: CMakeExtension) -> None:
        build_dir = (ROOT / os.environ.get("ALIGNCV_BUILD_DIR", "build")).resolve()
        cache = build_dir / "CMakeCache.txt"
        if not cache.exists():
            subprocess.run(["cmake", "-S", str(ROOT), "-B", str(build_dir), "-G", "Ninja",
                            f"-DPython_EXECUTABLE={sys.executable}", "-DCMAKE_BUILD_TYPE=Release"],
                           check=True)
        elif "ALIGNCV_BUILD_PYTHON:BOOL=OFF" in cache.read_text():
            subprocess.run(["cmake", "-DALIGNCV_BUILD_PYTHON=ON", str(build_dir)], check=True)
        subprocess.run(["cmake", "--build", str(build_dir), "--target", ext.target, "-j2"],
                       check=True)
        suffix = sysconfig.get_config_var("EXT_SUFFIX")
        built = build_dir / "bindings" / "python" / (ext.target + suffix)
        if not built.exists():
            sys.exit(f"{built} was not built: is {build_dir} configured for another Python?")
        dest = Path(self.get_ext_fullpath(ext.name))
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(built, dest)


setup(
    package_dir={"": "bindings/python"},
    packages=["aligncv"],
    package_data={"aligncv": ["py.typed", "*.pyi"]},
    ext_modules=[CMakeExtension("aligncv._aligncv", target="_aligncv")],
    cmdclass={"build_ext": CMakeBuild},
    zip_safe=False,
)
