"""Find the shipped template and catalogue files (one place for the data's location)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .._core import OrgInputError


def data_root() -> Path:
    """The folder that holds ``orgs/`` and ``catalog/`` (inside the installed package).

    >>> (data_root() / "orgs").is_dir()
    True
    """
    return Path(str(resources.files("orglib.data")))


TEMPLATE_DIR: Path = data_root() / "orgs"
"""Where the template YAML files live; the file stem is the template id."""

CATALOG_DIR: Path = data_root() / "catalog"
"""Where the catalogue YAML files live."""


def template_ids() -> list[str]:
    """Ids of every shipped template, sorted (the YAML file stems of ``orgs/``).

    >>> len(template_ids()) >= 16
    True
    """
    return sorted(p.stem for p in TEMPLATE_DIR.glob("*.yaml"))


def catalog_ids() -> list[str]:
    """Names of the shipped catalogues (``kpis``, ``roles``, ...).

    >>> "roles" in catalog_ids()
    True
    """
    return sorted(p.stem for p in CATALOG_DIR.glob("*.yaml"))


def _is_plain_id(text: str) -> bool:
    return bool(text) and "/" not in text and "\\" not in text and not text.startswith(".")


def template_path(template_id: str) -> Path:
    """Path of the YAML file of ``template_id``.

    Raises
    ------
    OrgInputError
        For an unknown id; the message lists the known ids.

    Examples
    --------
    >>> template_path("four-posts").name
    'four-posts.yaml'
    """
    tid = str(template_id).strip()
    path = TEMPLATE_DIR / f"{tid}.yaml"
    if _is_plain_id(tid) and path.is_file():
        return path
    known = ", ".join(template_ids())
    raise OrgInputError(
        f"unknown template {tid!r}; known templates: {known} / 未知模板 {tid!r},可用模板:{known}"
    )


def catalog_path(name: str) -> Path:
    """Path of the catalogue ``name`` (``data/catalog/<name>.yaml``).

    >>> catalog_path("roles").name
    'roles.yaml'
    """
    path = CATALOG_DIR / f"{name}.yaml"
    if not (_is_plain_id(str(name)) and path.is_file()):
        raise OrgInputError(f"catalogue file missing: {path} / 缺少目录文件:{path}")
    return path
