"""Where things live in a policygen project, and which documents a command targets.

A project is a folder holding ``organisations/`` (and usually ``templates/``,
``vocabulary/`` and ``schema/``). Commands run from it or name it with --root.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from policygen.problems import Problem, ProblemsFound, suggest

ORG_FILE = "organisation.yaml"
# An installed policygen carries the templates as policygen/_templates; an editable install
# (`pip install -e .`) has only the checkout's templates/ beside the package, so a project
# elsewhere (--root) still finds them.
_INSTALLED_TEMPLATES = Path(__file__).parent / "_templates"
PACKAGE_TEMPLATES = _INSTALLED_TEMPLATES if _INSTALLED_TEMPLATES.is_dir() else Path(__file__).parent.parent / "templates"
# The bundled fonts: the PDF embeds them, and the DOCX measures its table columns with them.
FONT_DIR = (Path(__file__).resolve().parent / "fonts").resolve()


class UnknownName(Exception):
    """A name on the command line (organisation, policy, file) that names nothing.

    A usage error, not a problem in the data: every command reports it the same
    way (``policygen COMMAND: no …, did you mean …``, exit 2), in cli.main.
    """

    def __init__(self, messages: list[str]) -> None:
        self.messages = messages
        super().__init__("; ".join(messages))


def no_organisation(org: str, orgs: list[str]) -> str:
    return f"no organisation '{org}' under organisations/{suggest(org, orgs)}"


def no_policy(org: str, policy: str, policies: list[str]) -> str:
    return f"no policy '{policy}' in organisations/{org}/{suggest(policy, policies)}"


@dataclass(frozen=True)
class Target:
    """One policy file to process."""

    org_id: str
    policy_id: str
    org_dir: Path

    @property
    def policy_file(self) -> Path:
        return self.org_dir / f"{self.policy_id}.yaml"

    @property
    def org_file(self) -> Path:
        return self.org_dir / ORG_FILE

    def __str__(self) -> str:
        return f"{self.org_id}/{self.policy_id}"


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def organisations(self) -> Path:
        return self.root / "organisations"

    @property
    def vocabulary_file(self) -> Path:
        return self.root / "vocabulary" / "topics.yaml"

    @property
    def schema_dir(self) -> Path:
        return self.root / "schema"

    @property
    def build_dir(self) -> Path:
        return self.root / "build"

    def template_dirs(self, org_id: str | None = None) -> list[Path]:
        """Template search path: the organisation's overrides (if any), the project's, the package's."""
        dirs = [self.organisations / org_id / "templates"] if org_id else []
        dirs += [self.root / "templates", PACKAGE_TEMPLATES]
        return [d for d in dirs if d.is_dir()]

    def org_ids(self) -> list[str]:
        if not self.organisations.is_dir():
            raise ProblemsFound([Problem(str(self.organisations), 0, "", "no organisations/ folder here; run from a policygen project or pass --root")])
        # Every folder is an organisation, with or without its organisation.yaml: one
        # without is an error when its policies load, never a silent gap in the build.
        return sorted(d.name for d in self.organisations.iterdir() if d.is_dir() and not d.name.startswith("."))

    def policy_ids(self, org_id: str) -> list[str]:
        return sorted(p.stem for p in (self.organisations / org_id).glob("*.yaml") if p.name != ORG_FILE and p.is_file())

    def targets(self, selectors: list[str] | None = None) -> list[Target]:
        """All policies, or those the selectors name (``org`` or ``org/policy``); UnknownName if one names nothing."""
        orgs = self.org_ids()
        if not selectors:
            return [Target(o, p, self.organisations / o) for o in orgs for p in self.policy_ids(o)]
        out: list[Target] = []
        unknown: list[str] = []
        for sel in selectors:
            org, _, pol = sel.strip("/").partition("/")
            if org not in orgs:
                unknown.append(no_organisation(org, orgs))
                continue
            pols = self.policy_ids(org)
            if pol and pol not in pols:
                unknown.append(no_policy(org, pol, pols))
                continue
            for p in [pol] if pol else pols:
                t = Target(org, p, self.organisations / org)
                if t not in out:
                    out.append(t)
        if unknown:
            raise UnknownName(unknown)
        return out
