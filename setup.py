"""Packages, and the data shipped with them: the top-level `resources/` folder is installed as
`dvcq_desktop/_resources` (read through `dvcq_desktop.resources`), so a wheel carries it too.
The metadata lives in pyproject.toml; only this mapping needs code (a package list built at
build time, one entry per data folder)."""

from pathlib import Path

from setuptools import find_packages, setup

HERE = Path(__file__).resolve().parent
DATA = "dvcq_desktop._resources"
data_dirs = sorted(p for p in (HERE / "resources").rglob("*") if p.is_dir() and "__pycache__" not in p.parts)
data_packages = [DATA] + [DATA + "." + ".".join(p.relative_to(HERE / "resources").parts) for p in data_dirs]

setup(
    packages=find_packages(include=["dvcq_desktop", "dvcq_desktop.*"]) + data_packages,
    package_dir={DATA: "resources"},
    package_data={name: ["*"] for name in data_packages},
)
