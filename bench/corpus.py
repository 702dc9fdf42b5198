"""A deterministic corpus of synthetic forms in the seed's layout, for benchmarks.

`generate(n, seed)` returns the text of one document with n forms: varied project names, units,
funds, goal texts, headings (both taxonomies and the synonyms), row counts, repeated rows and
merged heading cells, like the real documents.
"""

from __future__ import annotations

import random

UNITS = [
    "某区科学技术委员会",
    "某区民政局",
    "某区教育局",
    "某县水利局",
    "某区文化馆",
    "某街道办事处",
]
TOPICS = [
    "社区养老",
    "河道保洁",
    "校园安全",
    "科普活动",
    "信息系统运维",
    "公共文化",
    "农村供水",
    "法律服务",
]
ACTIONS = ["运营补贴", "提升改造", "日常维护", "专项建设", "购买服务", "宣传推广"]
SCHEMES = [
    [
        ("产出指标", ["数量指标", "质量指标", "时效指标", "成本指标"]),
        ("效益指标", ["社会效益指标", "可持续影响指标"]),
        ("满意度指标", ["服务对象满意度指标"]),
    ],
    [
        ("产出指标", ["数量指标", "质量指标", "进度指标"]),
        ("成本指标", ["经济成本指标"]),
        ("效果指标", ["社会效益指标", "环境效益指标", "社会公众或服务对象满意度指标"]),
    ],
]
NAMES = ["服务人次", "完成率", "覆盖率", "设备完好率", "培训次数", "响应时间", "满意度", "开放天数"]
TARGETS = ["=100%", ">=90%", "≥95%", "=12个", ">=8万人次", "≤4小时", "提升", "及时", "是", "<10"]


def _rows_of(rng: random.Random) -> list[list[str]]:
    rows = []
    for level1, level2s in rng.choice(SCHEMES):
        first1 = True
        for level2 in level2s:
            for k in range(rng.randint(1, 3)):
                row = [
                    "",
                    level1 if first1 else "",
                    level2 if k == 0 else "",
                    f"{rng.choice(TOPICS)}{rng.choice(NAMES)}",
                    rng.choice(TARGETS),
                ]
                first1 = False
                rows.append(row)
                if rng.random() < 0.4:
                    rows.append(["", "", "", row[3], row[4]])
    return rows


def form_text(i: int, rng: random.Random) -> str:
    year = rng.choice([2021, 2022, 2023, 2024])
    unit = rng.choice(["元", "万元"])
    total = rng.randint(5, 50000) * (100 if unit == "元" else 1)
    name = f"{rng.choice(TOPICS)}{rng.choice(ACTIONS)}{i}"
    goal = f"{year}年完成{name}，服务{rng.randint(100, 9000)}人次，满意度不低于90%。"
    rows = [
        [f"{i}、财政项目支出绩效目标填报表"],
        [f"（{year}年度）"],
        ["项目名称", name, "项目类别", rng.choice(["经常性项目", "一次性项目"])],
        ["主管部门", rng.choice(["", "某区人民政府"]), "实施单位", rng.choice(UNITS)],
        ["计划开始日期", f"{year}-01-01", "计划完成日期", f"{year}-12-31"],
        [f"项目资金\n（{unit}）", "项目资金总额", f"{total}.00", "年度资金申请总额", str(total)],
        ["", "其中：财政资金", str(total), "其中：当年财政拨款", str(total)],
        ["", "", "", "上年结转资金", "0"],
        ["", "其他资金", "0", "其他资金", "0"],
        ["项目绩效目标", f"项目总目标\n（{year} 年- {year}年）", "年度总目标"],
        ["", goal, goal],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值"],
        *_rows_of(rng),
    ]
    lines = []
    for row in rows:
        for cell in row:
            first, *rest = cell.split("\n")
            lines.append("\t" + first)
            lines.extend(rest)
        lines.append("")
    return "\n".join(lines)


def generate(n: int, seed: int = 2021) -> str:
    rng = random.Random(seed)
    return "项目经费情况说明\n" + "\n".join(form_text(i, rng) for i in range(1, n + 1))
