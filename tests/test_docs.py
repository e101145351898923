"""Everything a user can type is documented: every command and option appears in docs/CLI.md."""

import click

from sitrep.cli import main
from tests.conftest import ROOT

CLI_DOC = (ROOT / "docs" / "CLI.md").read_text(encoding="utf-8")


def commands(group: click.Group, prefix: str = "sitrep") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in group.commands.items():
        found.append((f"{prefix} {name}", command))
        if isinstance(command, click.Group):
            found.extend(commands(command, f"{prefix} {name}"))
    return found


def test_every_command_and_option_is_documented():
    missing = []
    for name, command in commands(main):
        if f"## {name}" not in CLI_DOC:
            missing.append(f"command {name}")
        for param in command.params:
            if isinstance(param, click.Option):
                for opt in param.opts:
                    if opt.startswith("--") and f"`{opt}" not in CLI_DOC:
                        missing.append(f"{name} {opt}")
    assert missing == []


def test_readme_opens_with_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    head = readme[:1500]
    assert "make demo" in head and "make test" in head
