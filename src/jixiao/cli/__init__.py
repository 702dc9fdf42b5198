"""The `jixiao` command: thin wrappers over the core.

Each sub-command is a module here that registers, with `@COMMANDS.register(name)`, a function
adding its parser to the sub-parsers; that parser sets `func(args) -> int` as its default.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from jixiao.plugins import Registry

Configure = Callable[["argparse._SubParsersAction[argparse.ArgumentParser]"], None]

# The commands, listed in `jixiao --help` in this order.
COMMANDS: Registry[Configure] = Registry(
    "command",
    modules=(
        "jixiao.cli.import_cmd",
        "jixiao.cli.show_cmd",
        "jixiao.cli.review_cmd",
        "jixiao.cli.selfeval_cmd",
        "jixiao.cli.export_cmd",
        "jixiao.cli.template_cmd",
        "jixiao.cli.templates_cmd",
    ),
)
