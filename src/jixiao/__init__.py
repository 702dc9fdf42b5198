"""jixiao: management of project expenditure performance goals (项目支出绩效目标).

The core package imports nothing from Django: the CLI, the web app, the API and background
jobs all call the same functions in here.
"""

__version__ = "0.1.0"
