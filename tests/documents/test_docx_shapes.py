"""Word tables in the shapes real forms come in, read by the docx importer."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests.conftest import SEED
from tests.documents.builder import C, comparable, docx, paragraph, seed_as_docx, table

from jixiao.importers import read_bytes

HEAD = [
    ["项目名称", C("社区科普讲座", span=2), "项目类别", "一次性项目"],
    ["主管部门", C("某区科学技术委员会", span=2), "实施单位", "某区科技馆"],
    ["计划开始日期", C("2022-03-01", span=2), "计划完成日期", "2022年11月30日"],
]


def funds(unit: str, total: str, annual: str) -> list[list[C | str]]:
    return [
        [
            C(f"项目资金\n（{unit}）", merge="restart"),
            "项目资金总额",
            total,
            "年度资金申请总额",
            annual,
        ],
        [C(merge="continue"), "其中：财政资金", total, "其中：当年财政拨款", annual],
        [C(merge="continue"), "", "", "上年结转资金", "0"],
        [C(merge="continue"), "其他资金", "0", "其他资金", "0"],
    ]


GOALS = [
    [C("项目绩效目标", merge="restart"), C("项目总目标\n（2022年-2024年）", span=2), "年度总目标"],
    [C(merge="continue"), C("1.举办讲座36场\n2.覆盖居民5000人次", span=2), "举办讲座12场"],
]
INDICATORS = [
    [C("绩效指标", merge="restart"), "一级指标", "二级指标", "三级指标", "年度指标值"],
    [
        C(merge="continue"),
        C("产出指标", merge="restart"),
        C("数量指标", merge="restart"),
        "讲座场次",
        ">=12场",
    ],
    [C(merge="continue"), C(merge="continue"), C(merge="continue"), "参与人次", ">=1500人次"],
    [C(merge="continue"), C(merge="continue"), "质量指标", "讲座满意率", ">=90%"],
    [C(merge="continue"), "满意度指标", "服务对象满意度指标", "居民满意度", ">=95%"],
]


def test_it_reads_merged_cells_both_ways_with_amounts_in_wan_yuan() -> None:
    data = docx(
        paragraph("附件2"),
        paragraph("1、项目支出绩效目标表"),
        paragraph("（2022年度）"),
        table(HEAD + funds("万元", "854.50", "120") + GOALS + INDICATORS),
        paragraph("填报人：张三    联系电话：12345678"),
    )
    batch = read_bytes(data, "shapes.docx")
    [form] = batch.forms
    assert (form.seq, form.title, form.budget_year) == (1, "项目支出绩效目标表", 2022)
    assert form.project_name == "社区科普讲座"
    assert form.supervising_department == "某区科学技术委员会"
    assert (form.planned_start, form.planned_end) == (date(2022, 3, 1), date(2022, 11, 30))
    assert form.funds.unit == "万元"
    assert str(form.funds.project_total) == "854.50"
    assert form.funds.annual_request == Decimal("120")
    assert form.overall_goal == "1.举办讲座36场\n2.覆盖居民5000人次"
    assert (form.goal_period.start_year, form.goal_period.end_year) == (2022, 2024)
    rows = [(i.level1, i.level2, i.name, i.target) for i in form.indicators]
    assert rows == [
        ("产出指标", "数量指标", "讲座场次", ">=12场"),
        ("产出指标", "数量指标", "参与人次", ">=1500人次"),
        ("产出指标", "质量指标", "讲座满意率", ">=90%"),
        ("满意度指标", "服务对象满意度指标", "居民满意度", ">=95%"),
    ]
    outside = [n.message for n in batch.notes]
    assert any("附件2" in m for m in outside) and any("填报人" in m for m in outside)


def test_it_reads_an_indicator_table_without_the_leftmost_column() -> None:
    without = [
        ["一级指标", "二级指标", "三级指标", "指标值"],
        [C("产出指标", merge="restart"), "数量指标", "讲座场次", ">=12场"],
        [C(merge="continue"), "时效指标", "按时完成率", "=100%"],
        ["效益指标", "社会效益指标", "科普知识知晓率", "提升"],
    ]
    data = docx(
        paragraph("项目支出绩效目标表（2022年度）"),
        table(HEAD + funds("元", "8000", "8000")),
        table(without),
    )
    [form] = read_bytes(data, "narrow.docx").forms
    assert [(i.level1, i.level2, i.name, i.target) for i in form.indicators] == [
        ("产出指标", "数量指标", "讲座场次", ">=12场"),
        ("产出指标", "时效指标", "按时完成率", "=100%"),
        ("效益指标", "社会效益指标", "科普知识知晓率", "提升"),
    ]
    assert form.funds.unit == "元" and form.budget_year == 2022


def test_it_reads_long_term_and_annual_tables_of_one_form() -> None:
    long_term = [
        [C("长期绩效指标", merge="restart"), "一级指标", "二级指标", "三级指标", "长期指标值"],
        [C(merge="continue"), "产出指标", "数量指标", "讲座场次", ">=36场"],
    ]
    annual = [
        [C("年度绩效指标", merge="restart"), "一级指标", "二级指标", "三级指标", "年度指标值"],
        [C(merge="continue"), "产出指标", "数量指标", "讲座场次", ">=12场"],
    ]
    data = docx(paragraph("1.项目支出绩效目标申报表"), table(HEAD + GOALS + long_term + annual))
    [form] = read_bytes(data, "periods.docx").forms
    assert [(i.period, i.target) for i in form.indicators] == [
        ("midterm", ">=36场"),
        ("annual", ">=12场"),
    ]


def test_it_reads_several_forms_and_a_form_split_over_two_tables() -> None:
    first, rest = INDICATORS[:3], INDICATORS[3:]
    second_head = [[HEAD[0][0], C("社区科普展览", span=2), *HEAD[0][2:]], *HEAD[1:]]
    data = docx(
        paragraph("1、项目支出绩效目标表"),
        table(HEAD + funds("元", "5000", "5000") + first),
        paragraph("续表", page_break=True),
        table(rest),
        paragraph("二、项目支出绩效目标表", page_break=True),
        table(second_head + INDICATORS),
    )
    forms = read_bytes(data, "two.docx").forms
    assert [f.project_name for f in forms] == ["社区科普讲座", "社区科普展览"]
    assert [len(f.indicators) for f in forms] == [4, 4]
    assert forms[0].indicators[2].level1 == "产出指标"
    assert forms[0].indicators[3].name == "居民满意度"


def test_the_seed_as_word_tables_reads_as_the_seed_itself(seed_batch) -> None:
    text = SEED.read_text(encoding="utf-8")
    for split in (None, 4):
        batch = read_bytes(seed_as_docx(text, split_form=split), "seed.docx")
        assert comparable(batch) == comparable(seed_batch)


def test_both_grid_extractions_agree_on_the_seed_and_on_tabs_and_breaks(seed_batch) -> None:
    from jixiao.exporters import render
    from jixiao.importers.docx_grid import fast_grid, walked_grid
    from jixiao.importers.docx_reader import document_body

    tabbed = "<w:p><w:r><w:t>前</w:t><w:tab/><w:t>后</w:t><w:br/><w:t>下一行</w:t></w:r></w:p>"
    boxed = (
        "<w:p><w:r><w:t>外</w:t></w:r><w:r><w:pict><w:txbxContent><w:p><w:r><w:t>框内</w:t>"
        "</w:r></w:p></w:txbxContent></w:pict></w:r></w:p>"
    )  # a text box inside a cell's paragraph
    cell = (
        f"<w:tbl><w:tr><w:tc>{tabbed}</w:tc><w:tc><w:p/></w:tc><w:tc>{boxed}</w:tc></w:tr></w:tbl>"
    )
    documents = [
        render(seed_batch, "docx")[2],
        seed_as_docx(SEED.read_text(encoding="utf-8"), split_form=4),
        docx(cell),
        tracked_document(),
    ]
    for data in documents:
        body, _ = document_body(data, "x.docx")
        assert fast_grid(body) == walked_grid(body)
    body, _ = document_body(documents[2], "x.docx")
    assert [c.text for c in fast_grid(body)[0].rows[0]] == ["前\t后\n下一行", "", "外\n框内"]


def test_text_with_private_use_characters_is_read_as_written() -> None:
    name = "社区\ue000科普\ue003讲座"  # the fast path's markers: the general path reads it
    head = [["项目名称", C(name, span=2), "项目类别", "一次性项目"], *HEAD[1:]]
    data = docx(paragraph("1、项目支出绩效目标表"), table(head + INDICATORS))
    [form] = read_bytes(data, "pua.docx").forms
    assert form.project_name == name


def tracked_document() -> bytes:
    """Tracked changes, a field code, a hyperlink, a row and a title in content controls."""
    from tests.documents.builder import _cell

    def runs(xml: str) -> str:
        return f"<w:tc><w:tcPr/><w:p>{xml}</w:p></w:tc>"

    name = runs(
        '<w:r><w:t>社区</w:t></w:r><w:ins w:id="1" w:author="a"><w:r><w:t>科普</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="a"><w:r><w:delText>旧名</w:delText></w:r></w:del>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> MERGEFIELD x </w:instrText>'
        '</w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:hyperlink w:anchor="a"><w:r><w:t>讲座</w:t></w:r></w:hyperlink>'
    )
    row = f"<w:tr>{_cell('项目名称')}{name}{_cell('项目类别')}{_cell('一次性项目')}</w:tr>"
    wrapped = f"<w:sdt><w:sdtPr/><w:sdtContent>{row}</w:sdtContent></w:sdt>"
    rest = table(HEAD[1:] + INDICATORS)
    title = "<w:sdt><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>1、项目支出绩效目标表</w:t></w:r></w:p>"
    title += "</w:sdtContent></w:sdt>"
    return docx(title, f"<w:tbl><w:tblPr/><w:tblGrid/>{wrapped}</w:tbl>", rest)


def test_tracked_changes_fields_links_and_content_controls_read_as_shown() -> None:
    [form] = read_bytes(tracked_document(), "tracked.docx").forms
    assert (form.title, form.project_name) == ("项目支出绩效目标表", "社区科普讲座")
    assert form.implementing_unit == "某区科技馆" and len(form.indicators) == 4
