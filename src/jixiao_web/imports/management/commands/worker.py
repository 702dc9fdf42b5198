"""`python -m jixiao_web worker`: the background worker (`make run` starts it beside gunicorn).

It first recovers what a stopped worker left half-done (`services.background.recover`), then
runs the queued tasks (django-tasks-db's `db_worker`) until it is stopped.
"""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from jixiao_web.services import background


class Command(BaseCommand):
    help = "后台工作进程：运行排队的大批量导入与整批审核 / run the queued imports and reviews"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch",
            action="store_true",
            help="运行完排队的任务后退出 / exit when the queue is empty",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="队列为空时的等待秒数 / seconds between polls",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        for pk in background.recover():
            self.stdout.write(
                f"批次 #{pk} 的导入曾中断，未写完的文件已撤销，已重新排队。"
                f" / batch #{pk} was interrupted: its unfinished file was undone, queued again."
            )
        call_command(
            "db_worker",
            batch=options["batch"],
            interval=options["interval"],
            reload=False,
            startup_delay=False,
            verbosity=options["verbosity"],
            stdout=self.stdout,
            stderr=self.stderr,
        )
