"""Fill the English catalogue from EN below: `python locale/fill_en.py` after makemessages."""

from __future__ import annotations

import ast
import re
from itertools import takewhile
from pathlib import Path

PO = Path(__file__).parent / "en" / "LC_MESSAGES" / "django.po"
EN = {
    "填报人（实施单位）": "Unit staff",
    "主管部门审核人": "Department reviewer",
    "评审专家": "Expert",
    "财政管理员": "Finance administrator",
    "角色": "Role",
    "单位": "Unit",
    "登录失败次数过多，请 15 分钟后再试。": "Too many failed logins; try again in 15 minutes.",
    "您没有权限访问此页面。": "You may not open this page.",
    "页面不存在。": "Page not found.",
    "请求无效。": "Bad request.",
    "参数 %(name)s 的值无效：%(value)s": "Invalid value of %(name)s: %(value)s",
    "服务器出错，请稍后再试。": "Server error; please try again later.",
    "实施单位只能是您所在的单位。": "The implementing unit can only be your own unit.",
    "已保存，并已重新审核。": "Saved and reviewed again.",
    "草稿": "Draft",
    "没有现成文档？下载 Excel 表样填写后上传": "No document yet? Download an Excel template, fill it in and upload it",
    "表样（每表一页）": "template (one sheet per form)",
    "明细表样（每指标一行）": "long template (one row per indicator)",
    "已提交": "Submitted",
    "已退回": "Returned",
    "已批复": "Approved",
    "已公开": "Published",
    "此表单没有来源文档。": "This form has no source document.",
    "状态已更新。": "Status updated.",
    "第 %(seq)s 张表的实施单位“%(unit)s”不是您的单位，整个文件未导入。": "Form %(seq)s belongs to “%(unit)s”, not your unit; the file was not imported.",
    "请选择至少一个文件。": "Choose at least one file.",
    "登录": "Log in",
    "用户名": "User name",
    "密码": "Password",
    "不登录，查看公开的绩效目标": "Browse published goals without logging in",
    "修改密码": "Change password",
    "保存新密码": "Save new password",
    "密码已修改": "Password changed",
    "返回总览": "Back to the dashboard",
    "绩效目标管理": "Performance goals",
    "总览": "Dashboard",
    "表单": "Forms",
    "导入": "Import",
    "公开": "Publish",
    "切换": "Switch",
    "退出": "Log out",
    "共 %(n)s 张表": ("%(n)s form", "%(n)s forms"),
    "年度资金合计": "Annual funds in total",
    "按单位的资金": "Funds by unit",
    "实施单位": "Implementing unit",
    "资金（元）": "Funds (yuan)",
    "按项目类别的资金": "Funds by project category",
    "项目类别": "Project category",
    "按审核等级的资金": "Funds by review grade",
    "等级": "Grade",
    "审核得分分布": "Review scores",
    "得分": "Score",
    "最常见的问题": "Most common findings",
    "规则": "Rule",
    "类别": "Category",
    "次数": "Count",
    "暂无审核结果。": "No review results yet.",
    "出错了": "Something went wrong",
    "返回首页": "Back to the start page",
    "一级指标": "Level 1",
    "二级指标": "Level 2",
    "三级指标": "Indicator",
    "年度指标值": "Annual target",
    "上移": "Move up",
    "下移": "Move down",
    "删除": "Remove",
    "行": "line",
    "年度": "year",
    "项目名称": "Project name",
    "主管部门": "Supervising department",
    "计划开始日期": "Planned start",
    "计划完成日期": "Planned end",
    "项目资金": "Project funds",
    "项目绩效目标": "Performance goals",
    "项目总目标": "Overall goal",
    "年度总目标": "Annual goal",
    "绩效指标": "Performance indicators",
    "定量": "Quantitative",
    "运算符": "operator",
    "数值": "value",
    "定性": "Qualitative",
    "是/否": "Yes/no",
    "占位符，不是指标值": "A placeholder, not a target",
    "空": "Empty",
    "无法识别的文字": "Unrecognised text",
    "审核": "Review",
    "编辑": "Edit",
    "提交": "Submit",
    "退回": "Return",
    "批复": "Approve",
    "撤回公开": "Unpublish",
    "尚未审核。": "Not reviewed yet.",
    "审核意见（整表）": "Findings (whole form)",
    "来源文档": "Source document",
    "导入批次": "Import batch",
    "第": "no.",
    "张表": "forms",
    "无": "None",
    "下载": "Download",
    "导入说明": "Import notes",
    "记录": "History",
    "字段": "Field",
    "（对方的修改没有改动内容字段，可能只改了状态。）": "(Their change did not touch the content; perhaps only the status.)",
    "请更正以下问题：": "Please correct:",
    "表名": "Title",
    "预算年度": "Budget year",
    "资金单位": "Funds unit",
    "添加指标": "Add indicator",
    "保存并重新审核": "Save and review",
    "取消": "Cancel",
    "绩效目标表单": "Performance goal forms",
    "项目名称或单位": "Project or unit",
    "搜索": "Search",
    "全部年度": "All years",
    "全部单位": "All units",
    "全部等级": "All grades",
    "状态": "Status",
    "全部状态": "All statuses",
    "问题类别": "Finding category",
    "全部问题类别": "All finding categories",
    "排序": "Sort",
    "年度、单位": "Year, unit",
    "名称 ↑": "Name ↑",
    "名称 ↓": "Name ↓",
    "资金 ↑": "Funds ↑",
    "资金 ↓": "Funds ↓",
    "得分 ↑": "Score ↑",
    "得分 ↓": "Score ↓",
    "问题数 ↑": "Findings ↑",
    "问题数 ↓": "Findings ↓",
    "最近修改": "Recently changed",
    "筛选": "Filter",
    "导出 xlsx": "Export xlsx",
    "年度资金（元）": "Annual funds (yuan)",
    "问题": "Findings",
    "没有符合条件的表单。": "No forms match.",
    "上一页": "Previous",
    "下一页": "Next",
    "导入报告": "Import report",
    "已导入 %(n)s 张表（批次 #%(pk)s）。": "Imported %(n)s forms (batch #%(pk)s).",
    "查看批次": "Open the batch",
    "查看表单": "Open the forms",
    "文件": "File",
    "格式": "Format",
    "结果": "Result",
    "未导入": "Not imported",
    "已导入": "Imported",
    "%(n)s 条导入说明": ("%(n)s import note", "%(n)s import notes"),
    "表": "form",
    "导入文档": "Import documents",
    "选择一个或多个文件": "Choose one or more files",
    "可识别的格式": "Formats read",
    "最近的导入": "Recent imports",
    "公开的绩效目标": "Published goals",
    "公开的项目支出绩效目标": "Published project expenditure performance goals",
    "暂无公开的表单。": "Nothing published yet.",
    "管理": "Admin",
    "新建表单": "New form",
    "第 %(line)s 行": "line %(line)s",
    "批次 #%(pk)s 完成：共 %(n)s 张表。": "Batch #%(pk)s done: %(n)s forms.",
    "已对整个批次重新审核（跨文件的规则已生效）。": "The whole batch was reviewed again (rules across files applied).",
    "批次过大，各文件已分别审核。": "The batch is too large; each file was reviewed on its own.",
    "没有文件导入成功。": "No file was imported.",
    "超过一次最多 %(n)s 个文件的上限，未导入。": "Over the limit of %(n)s files at once; not imported.",
    "当前审核意见 %(n)s 条（保存后重新审核）": (
        "%(n)s current finding (reviewed again on save)",
        "%(n)s current findings (reviewed again on save)",
    ),
    "指标体系": "Indicator scheme",
    "名称": "Name",
    # The merge of concurrent edits (docs/editing.md)
    "已与他人同时所做的修改合并并保存，并已重新审核。": "Merged with the changes someone else saved meanwhile, saved and reviewed again.",
    "保存未完成：在您编辑期间，其他人已保存了此表单。": "Not saved yet: someone else saved this form while you were editing it.",
    "双方改动了同一处的有 %(n)s 处（标红）：页面中保留的是您的内容。对方的其他修改已合并到下方，您的修改也都还在。": (
        "You both changed %(n)s same place (in red): the page keeps yours there. Their other "
        "changes are merged in below, and all of yours are still there.",
        "You both changed %(n)s same places (in red): the page keeps yours there. Their other "
        "changes are merged in below, and all of yours are still there.",
    ),
    "请核对标红的行，保留需要的内容后再次保存。": "Check the rows in red, keep what is needed and save again.",
    "对方的修改已合并到下方，您的修改也都还在。请核对后再次保存。": "Their changes are merged in below, and all of yours are still there. Check and save again.",
    "修改前": "Before",
    "对方的修改": "Their change",
    "您的修改": "Your change",
    "页面现在的内容": "On the page now",
    "（空）": "(empty)",
    "（无此行）": "(no such row)",
    "（与修改前相同）": "(as before)",
    "绩效指标的变化": "Changes to the indicators",
    "变化": "Change",
    "版本": "Version",
    "指标值": "Target",
    "指标顺序": "Order of the indicators",
    "对方新增了此行": "They added this row",
    "对方删除了此行": "They removed this row",
    "对方修改了此行": "They changed this row",
    "对方删除了此行，您修改了它：页面中保留您修改后的行": "They removed this row and you changed it: the page keeps your changed row",
    "您删除了此行，对方修改了它：页面中保留对方修改后的行": "You removed this row and they changed it: the page keeps their changed row",
    "双方都修改了此行：页面中是您的内容": "You both changed this row: the page holds yours",
    # import again, units, audit, busy database (issue 9)
    "系统正忙（其他人正在导入大量数据），请稍后再试；您的操作没有生效。": "The system is busy (someone is importing a lot of data); please try again shortly. Nothing was changed.",
    "数据库正忙（其他人正在导入大量数据），您的修改尚未保存。请稍后再点击“保存”。": "The database is busy (someone is importing a lot of data) and your changes are not saved yet. Please click “Save” again in a moment.",
    "状态已被他人更改，请刷新后再操作。": "Someone else changed the status meanwhile; reload the page and try again.",
    "与 %(when)s 导入的“%(name)s”（批次 #%(batch)s）内容完全相同，已跳过。": "Identical to “%(name)s” imported on %(when)s (batch #%(batch)s); skipped.",
    "导入期间，表单 #%(pk)s 被他人修改，此文件未导入。请重新上传。": "Form #%(pk)s was changed by someone during the import; the file was not imported. Please upload it again.",
    "已有表单状态为“%(s)s”，您不能修改，未替换。": "The form there is “%(s)s” and you may not change it; not replaced.",
    "您的账户没有所属单位，不能填报表单。请联系财政管理员。": "Your account has no unit, so you cannot file forms. Please ask the finance administrator.",
    "实施单位“%(unit)s”不是您所在的单位“%(own)s”；只有财政管理员可以新建单位。": "The implementing unit “%(unit)s” is not your unit “%(own)s”; only the finance administrator creates units.",
    "主管部门“%(dept)s”与单位登记的主管部门“%(reg)s”不一致；调整主管部门请联系财政管理员。": "The department “%(dept)s” is not the unit's registered department “%(reg)s”; ask the finance administrator to change it.",
    "（未登记）": "(none registered)",
    "不能把单位合并到它自己。": "A unit cannot be merged into itself.",
    "选择要保留的单位。其他所选单位的表单、用户和下属单位将移到它名下，它们的名称成为它的别名（以后导入时仍能识别），并记入审计记录。此操作不能撤销。": "Choose the unit to keep. The forms, users and units of the other selected units move to it, their names become its aliases (later imports still recognise them), and the merge is written to the audit trail. This cannot be undone.",
    "保留": "Keep",
    "合并": "Merge",
    "新增 %(c)s 张，替换 %(r)s 张": "%(c)s added, %(r)s replaced",
    "%(n)s 张表与已有表单相同（预算年度、实施单位、项目名称）：": (
        "%(n)s form matches a form already there (budget year, unit, project name):",
        "%(n)s forms match forms already there (budget year, unit, project name):",
    ),
    "已有表单": "Form there",
    "处理": "Done",
    "已替换，成为第 %(v)s 版（旧版本保留在记录中）": "Replaced: now version %(v)s (the old version stays in the history)",
    "已作为单独的表单导入": "Imported as a separate form",
    "已跳过": "Skipped",
    "如需用此文件更新已有表单，请选择“替换为新版本”后重新上传。": "To update the forms there with this file, choose “replace as a new version” and upload it again.",
    "与已有表单相同（预算年度、实施单位、项目名称都相同）时": "When a form matches one already there (same budget year, unit and project name)",
    "内容完全相同的文件（以前导入过的同一文件）总是跳过。": "A file identical to one imported before is always skipped.",
    "合并所选单位…": "Merge the selected units…",
    "请至少选择两个单位。": "Select at least two units.",
    "合并单位": "Merge units",
    "要保留的单位不在所选单位中。": "The unit to keep is not among the selected units.",
    "已将“%(from)s”合并到“%(into)s”：表单 %(forms)s 张，用户 %(members)s 个。": "Merged “%(from)s” into “%(into)s”: %(forms)s forms, %(members)s users.",
    "匹配键": "Matching key",
    "这不是单位名称（只有标点、占位词或过长）。": "This is not a unit name (only punctuation, a placeholder, or too long).",
    "与已有单位“%(u)s”相同。": "The same as the unit “%(u)s”.",
    "第 %(seq)s 张表：%(why)s 整个文件未导入。": "Form %(seq)s: %(why)s The file was not imported.",
    "原名称": "Former name",
    "同一文件中的另一张表已替换了它。": "Another form of the same file replaced it.",
    "一次上传的文件总量超过 %(mb)s MB 的上限，未导入。请分几次上传。": "The files of one upload exceed the limit of %(mb)s MB and were not imported. Please upload them in several parts.",
    "表单已过期或来源不明，未处理。请刷新页面后重试。": "The form has expired or its origin is unknown; nothing was done. Reload the page and try again.",
    "此批次仍在后台处理，请等它完成后再继续。": "The background worker still has this batch; continue once it is finished.",
    "后台进程曾重启，导入中断过 %(n)s 次：未写完的文件已撤销，并从该文件重新导入。": "The background worker was restarted and interrupted the import %(n)s time(s): the unfinished file was undone and imported again from its start.",
    "失败：%(error)s。正在写入的文件已撤销，此前的文件已导入。": "failed: %(error)s. The file being written was undone; the files before it are imported.",
    "已完成。": "done.",
    "已排队，等待后台处理……": "Queued, waiting for the background worker…",
    "正在对整个批次重新审核……": "Reviewing the whole batch again…",
    "第 %(file)s / %(files)s 个文件“%(name)s”：": "File %(file)s of %(files)s, “%(name)s”: ",
    "已读取 %(total)s 张表，正在审核……": "%(total)s forms read, reviewing…",
    "已存入 %(done)s / %(total)s 张表……": "%(done)s of %(total)s forms stored…",
    "正在读取……": "reading…",
    "批次 #%(pk)s 正在后台处理": "Batch #%(pk)s is being processed in the background",
    "您和其他人可以照常工作；进度自动更新，完成后显示导入报告。": "You and everyone else can keep working; the progress updates by itself, and the import report shows when it is finished.",
    "查看进度": "Follow the progress",
    "后台处理：": "Background work: ",
}


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _msgid(block: str) -> str | None:
    lines = block.splitlines()
    for n, line in enumerate(lines):
        if line.startswith("msgid "):
            more = takewhile(lambda x: x.startswith('"'), lines[n + 1 :])
            return "".join(ast.literal_eval(x) for x in [line[6:], *more])
    return None


def _settled(block: str) -> str:
    """An entry whose English comes from EN: msgmerge's fuzzy guess (which msgfmt would skip)
    and the previous msgid it was guessed from are dropped."""
    out = []
    for line in block.splitlines():
        if line.startswith("#| "):
            continue
        if line.startswith("#,"):
            flags = [f.strip() for f in line[2:].split(",") if f.strip() != "fuzzy"]
            if not flags:
                continue
            line = "#, " + ", ".join(flags)
        out.append(line)
    return "\n".join(out)


def settle(po: str) -> str:
    blocks = po.split("\n\n")
    return "\n\n".join(_settled(b) if _msgid(b) in EN else b for b in blocks)


def fill(po: str) -> str:
    out: list[str] = []
    msgid: str | None = None
    lines = po.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("msgid "):
            parts = [ast.literal_eval(line[6:])]
            while i + 1 < len(lines) and lines[i + 1].startswith('"'):
                i += 1
                out.append(line)
                line = lines[i]
                parts.append(ast.literal_eval(line))
            msgid = "".join(parts)
        elif re.match(r"msgstr(\[\d\])? \".*\"$", line) and msgid in EN:
            value = EN[msgid]
            index = int(line[7]) if line.startswith("msgstr[") else 0
            text = value[index] if isinstance(value, tuple) else value
            line = line[: line.index('"')] + _quote(text)
            while i + 1 < len(lines) and lines[i + 1].startswith('"'):
                i += 1  # the old text's continuation lines: replaced by the line above
        out.append(line)
        i += 1
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    PO.write_text(settle(fill(PO.read_text(encoding="utf-8"))), encoding="utf-8")
