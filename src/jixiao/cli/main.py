"""Entry point of the `jixiao` command.

Exit codes: 0 success; 1 the command ran but its result fails a threshold the user set
(`review --fail-on`); 2 bad input or usage (a clear one-line message, never a traceback).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence

from jixiao import __version__
from jixiao.cli import COMMANDS, Configure
from jixiao.errors import JixiaoError
from jixiao.i18n import t


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {t('用法错误', 'usage error')}: {message}\n")


def commands(argv: Sequence[str]) -> dict[str, Configure]:
    """The command `argv` names, else all (help, a mistyped command): a command does not wait
    for the imports of the others (the review's rules, openpyxl ...) to start. A command
    `NAME` lives in `jixiao.cli.NAME_cmd`."""
    for arg in argv:
        if not arg.startswith("-"):
            found = COMMANDS.of_module(f"jixiao.cli.{arg}_cmd")
            return found if arg in found else COMMANDS.all()
    return COMMANDS.all()


def build_parser(configures: Iterable[Configure] | None = None) -> argparse.ArgumentParser:
    parser = _Parser(
        prog="jixiao",
        description=t(
            "jixiao：项目支出绩效目标的读取、审核与导出。设 JIXIAO_LANG=en 显示英文。",
            "jixiao: read, review and export project expenditure performance goals. "
            "Set JIXIAO_LANG=zh for Chinese.",
        ),
        epilog=t(
            "退出码：0 成功；1 结果未达 --fail-on 等阈值；2 输入或用法错误。",
            "Exit codes: 0 success; 1 result fails a threshold such as --fail-on; "
            "2 bad input or usage.",
        ),
    )
    parser.add_argument("--version", action="version", version=f"jixiao {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for configure in COMMANDS.all().values() if configures is None else configures:
        configure(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:  # a command's modules load the templates (docs/templates.md): a wrong one is input
        parser = build_parser(commands(argv).values())
    except JixiaoError as exc:
        print(f"jixiao: {exc}", file=sys.stderr)
        return 2
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except JixiaoError as exc:
        print(f"jixiao: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(t("jixiao: 已中断", "jixiao: interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
