import pytest

from bench.evaluation import score_figures


def test_seed_figures_meet_the_bar(extracted_seeds, gold):
    predicted = [
        {"file": name, "unit": f.unit, "value": f.value, "value_low": f.value_low, "value_high": f.value_high, "category": f.category}
        for name, x in extracted_seeds.items()
        for f in x.figures
    ]
    result = score_figures(gold["metrics"], predicted)
    assert result["precision"] >= 0.98, result["extras"]
    assert result["recall"] >= 0.98, result["misses"]
    assert result["category_agreement"] >= 0.97, result["miscategorised"]


def test_scoring_lists_matched_figures_filed_under_another_category():
    gold = [{"file": "a", "unit": "个", "value": 5, "category": "组织建设"}, {"file": "a", "unit": "人", "value": 9, "category": "人才"}]
    predicted = [{"file": "a", "unit": "个", "value": 5, "category": "组织建设"}, {"file": "a", "unit": "人", "value": 9, "category": "产业发展"}]
    result = score_figures(gold, predicted)
    assert result["category_agreement"] == 0.5
    assert [(m["value"], m["category"], m["gold_category"]) for m in result["miscategorised"]] == [(9, "产业发展", "人才")]


def test_scoring_reports_period_and_role_agreement_where_the_gold_carries_them():
    gold = [
        {"file": "a", "unit": "个", "value": 5, "category": "组织建设", "period_kind": "flow", "period_start_year": 2023,
         "period_end_year": 2023, "role": "total"},
        {"file": "a", "unit": "个", "value": 2, "category": "组织建设", "role": "part"},
        {"file": "a", "unit": "人", "value": 9, "category": "人才"},
    ]
    predicted = [
        {"file": "a", "unit": "个", "value": 5, "category": "组织建设", "period_kind": "flow", "period_start_year": 2022,
         "period_end_year": 2022, "role": "total", "evidence": "2022年5个"},
        {"file": "a", "unit": "个", "value": 2, "category": "组织建设", "role": "part", "evidence": "其中2个"},
        {"file": "a", "unit": "人", "value": 9, "category": "人才", "role": "total", "evidence": "9人"},
    ]
    result = score_figures(gold, predicted)
    assert (result["period_agreement"], result["period_judged"]) == (0.0, 1)
    assert (result["role_agreement"], result["role_judged"]) == (1.0, 2)
    assert [(w["field"], w["gold_value"], w["got"]) for w in result["context_wrong"]] == [
        ("period", ["flow", 2023, 2023], ["flow", 2022, 2022])
    ]
    assert "period_agreement" not in score_figures(gold[2:], predicted[2:])


@pytest.mark.parametrize("field", ["province", "city", "county", "publish_date", "source", "title"])
def test_seed_documents_place_date_source(extracted_seeds, gold, field):
    for doc in gold["documents"]:
        x = extracted_seeds[doc["file"]]
        got = getattr(x.place, field) if field in ("province", "city", "county") else getattr(x.metadata, field)
        assert got == doc[field], (doc["file"], field)


def test_every_figure_has_an_indicator_a_category_and_its_evidence(extracted_seeds, clean_seeds):
    from transforms.extract.indicators import CATEGORIES, taxonomy

    codes = {i.code for i in taxonomy()}
    for name, x in extracted_seeds.items():
        text = clean_seeds[name].text
        for f in x.figures:
            assert f.indicator_code in codes and f.category in CATEGORIES
            assert text[f.clause_start : f.clause_start + len(f.evidence)] == f.evidence
            assert f.number_text in f.evidence


def test_ambiguous_county_names_follow_the_province_mentioned():
    from transforms.extract.places import resolve_place

    place = resolve_place(None, [], "辽宁省朝阳县坚持抓党建促乡村振兴。朝阳县整顿软弱涣散村党组织12个。")
    assert (place.province, place.county, place.adcode) == ("辽宁省", "朝阳县", "211321")


def test_article_about_a_whole_province_stays_at_province_level():
    from transforms.extract.places import resolve_place

    place = resolve_place("青海省:全面加强村级组织建设", [], "青海省各地持续整顿软弱涣散村党组织。西宁市、海东市分别选派第一书记。青海省各级组织部门抓实培训。")
    assert (place.level, place.adcode) == ("province", "630000")


def test_people_person_times_and_sessions_go_to_their_own_indicators():
    from transforms.extract.figures import find_figures
    from transforms.extract.indicators import assign

    text = "全年举办党员培训班12期、讲座30场次,培训党员干部2300人次,参训村干部460人。"
    figures = find_figures(text)
    assign(text, figures)
    assert [(f.number_text, f.indicator_code) for f in figures] == [
        ("12期", "TRAIN_SESSIONS"),
        ("30场次", "TRAIN_EVENTS"),  # sessions counted in 场次 are talks, not classes in 期
        ("2300人次", "TRAIN_PERSON_TIMES"),
        ("460人", "TRAIN_PEOPLE"),
    ]


def test_a_narrow_indicator_matched_only_in_another_clause_yields_to_a_broad_one_in_the_figures_own():
    from transforms.extract.figures import find_figures
    from transforms.extract.indicators import assign

    text = "从优秀农民工、致富能手中选拔村党组织书记，村党组织书记中35岁以下的有28人，占比13.9%。全年发展年轻党员350名。"
    figures = find_figures(text)
    assign(text, figures)
    assert [(f.number_text, f.indicator_code) for f in figures] == [
        ("35岁以下", "TEAM_OTHER"),  # the bound of the group counted next (the annotation standard's range bounds)
        ("28人", "TEAM_OTHER"),  # not 致富能手's IND_HOUSEHOLDS
        ("13.9%", "TEAM_OTHER"),
        ("350名", "ORG_NEW_MEMBERS"),
    ]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("每年专项落实党建工作经费90万元。", "FUND_PARTY_WORK"),
        ("村级组织运转经费每村每年不低于10万元。", "FUND_PARTY_WORK"),
        ("在产业链上组建功能性党小组23个。", "ORG_NEW_PARTY_ORG"),
        ("标准化建设党支部12个。", "ORG_DEMO_BRANCH"),
        ("从机关选派优秀年轻干部45名到村任职。", "TEAM_FIRST_SECRETARY"),
        ("建成乡村人才服务驿站8个。", "TALENT_PLATFORMS"),
    ],
)
def test_indicators_whose_patterns_take_a_repeat_are_reachable(text, code):
    from transforms.extract.figures import find_figures
    from transforms.extract.indicators import assign

    figures = find_figures(text)
    assign(text, figures)
    assert [f.indicator_code for f in figures] == [code]


def test_the_share_of_secretaries_who_also_head_the_committee_is_a_one_shoulder_figure():
    from transforms.extract.figures import find_figures
    from transforms.extract.indicators import assign

    text = "全市村党组织书记、主任“一肩挑”比例达到96.8%。"
    figures = find_figures(text)
    assign(text, figures)
    assert [(f.number_text, f.indicator_code) for f in figures] == [("96.8%", "TEAM_ONE_SHOULDER_SHARE")]


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("对市级新选派76支驻乡村工作队、236名驻乡村干部全覆盖培训。", ["TRAIN_OTHER", "TRAIN_PEOPLE"]),
        ("对全县2.1万人次党员开展培训。", ["TRAIN_PERSON_TIMES"]),
        ("对接企业12家开展岗位培训。", ["IND_ENTITIES"]),  # 对接 is not "to"
        ("对整顿的12个软弱涣散村党组织，选派第一书记进行培训指导。", ["ORG_WEAK_BRANCH_RECTIFIED"]),  # not in the clause
    ],
)
def test_whom_a_clause_says_were_trained_counts_for_the_training(text, codes):
    from transforms.extract.figures import find_figures
    from transforms.extract.indicators import assign

    figures = find_figures(text)
    assign(text, figures)
    assert [f.indicator_code for f in figures] == codes


def test_a_taxonomy_pattern_cut_at_a_brace_is_refused(tmp_path, monkeypatch):
    import transforms.extract.indicators as indicators

    taxonomy = tmp_path / "indicators.csv"
    header, first, *_ = indicators.TAXONOMY_PATH.read_text(encoding="utf-8").splitlines()
    taxonomy.write_text(f"{header}\n{first}\nX,x,x,其他,个,1,count,党建.{{0\n", encoding="utf-8")
    monkeypatch.setattr(indicators, "TAXONOMY_PATH", taxonomy)
    indicators.taxonomy.cache_clear()
    try:
        with pytest.raises(ValueError, match="line 3: a brace"):
            indicators.taxonomy()
    finally:
        indicators.taxonomy.cache_clear()


def test_a_short_county_name_inside_a_title_word_is_not_a_mention():
    from transforms.extract.places import resolve_place

    body = "湄潭县整顿软弱涣散村党组织12个。"
    assert resolve_place("抓党建促乡村振兴", [], body).county == "湄潭县"  # not Dandong's 振兴区
    assert resolve_place("抓党建促乡村振兴", [], "全县整顿软弱涣散村党组织12个。").county is None
    assert resolve_place("湄潭：抓党建促乡村振兴", [], "全县整顿软弱涣散村党组织12个。").county == "湄潭县"


def test_a_dateline_is_not_a_title_and_a_closing_date_or_signing_organisation_still_counts():
    from transforms.extract.metadata import extract_metadata

    wechat = extract_metadata(["原创 勐海组工 勐海组工 2023-03-08 18:30 发表于云南", "勐海县：多措并举建强村级后备力量"], [], [])
    assert (wechat.title, wechat.publish_date) == ("勐海县：多措并举建强村级后备力量", "2023-03-08")
    signed = extract_metadata(["抓实基层党建 赋能乡村振兴——记资阳区抓党建促乡村振兴工作", "资阳区委组织部"], [], ["（2023年1月12日）"])
    assert (signed.publish_date, signed.source) == ("2023-01-12", "资阳区委组织部")
    footer = extract_metadata(["抓实基层党建 赋能乡村振兴"], [], ["版权所有 2003-2023 某某网 更新于 2023年5月6日 访问量 12345"])
    assert footer.publish_date is None  # a date among other chrome is not the article's


def test_a_page_title_loses_the_site_name_after_the_headline():
    from transforms.extract.metadata import extract_metadata

    header = ["泾县：抓实村级后备力量培养_宣城市人民政府", "泾县：抓实村级后备力量培养"]
    assert extract_metadata(header, [], []).title == "泾县：抓实村级后备力量培养"
    assert extract_metadata(["党建工作动态｜泾县：抓实村级后备力量培养"], [], []).title == "党建工作动态｜泾县：抓实村级后备力量培养"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # counts of party members and of people elected are the cadre team's (the category guide)
        ("该村现有党员36名，其中女党员4名。", ["队伍建设", "队伍建设"]),
        ("全县共有1280人当选村党组织书记。", ["队伍建设"]),
        ("村委会成员中女性占23.6%。", ["队伍建设"]),
        # scores and rating rules are rules
        ("年度积分85-100分的评为优秀党员。", ["制度机制"]),
        ("每项指标满分20分。", ["制度机制"]),
        ("确定了星级党员户的6项参评标准。", ["制度机制"]),
        # a village's profile, its water and roads are neither industry nor funding
        ("全村土地总面积1.2万亩，其中耕地3400亩。", ["其他", "其他"]),
        ("全镇辖行政村14个、居委会3个。", ["其他", "其他"]),
        ("帮扶队争取资金解决了86户320人的饮水难题。", ["其他", "其他"]),
        ("修建通组水泥路3.5公里。", ["其他"]),
        # industry area is industry
        ("流转土地发展蔬菜种植基地1200亩。", ["产业发展"]),
        # village committee elections are grassroots governance
        ("全市村委会换届选民参选率达到91.2%。", ["基层治理"]),
    ],
)
def test_what_is_counted_decides_the_category(text, category):
    from transforms.extract.figures import find_figures
    from transforms.extract.indicators import assign

    figures = find_figures(text)
    assign(text, figures)
    assert [f.category for f in figures] == category


def test_every_figure_carries_a_unit_its_indicator_expects(extracted_seeds):
    """Sums over an indicator never mix units: a figure in another unit goes to its category's other indicator."""
    from transforms.extract.indicators import taxonomy

    expected = {i.code: i.expected_unit for i in taxonomy()}
    odd = [(f.number_text, f.indicator_code) for x in extracted_seeds.values() for f in x.figures
           if expected[f.indicator_code] and f.unit != expected[f.indicator_code]]
    assert odd == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("开展政策宣讲2600余场。", "TRAIN_EVENTS"),
        ("举办专题培训班6期。", "TRAIN_SESSIONS"),
        ("村干部大专以上学历占比提高到62.5%。", "TEAM_EDUCATION_SHARE"),
        ("大专以上学历的村干部达到318人。", "TEAM_EDUCATION"),
        ("累计开展宣讲三项教育活动。", "TRAIN_OTHER"),  # 3 项 is no count of person-times
    ],
)
def test_a_figure_goes_to_an_indicator_of_its_unit(text, code):
    from transforms.extract.figures import find_figures
    from transforms.extract.indicators import assign

    figures = find_figures(text)
    assign(text, figures)
    assert [f.indicator_code for f in figures] == [code]


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # a county's profile: how many townships, villages and people it has
        ("全县共有15个乡镇、210个行政村。", ["OTHER_PROFILE", "OTHER_PROFILE"]),
        ("该村现有农户412户1630人,耕地2100亩。", ["OTHER_PROFILE", "OTHER_PROFILE", "OTHER_PROFILE"]),
        # but the party members it has are the team's
        ("全村共有农户300户,现有党员46名。", ["OTHER_PROFILE", "TEAM_OTHER"]),
        # the nounless parts of a total count what the total counts
        (
            "排查确定软弱涣散村党组织36个,其中班子不团结的5个,集体经济薄弱的11个,信访矛盾突出的3个。",
            ["ORG_WEAK_BRANCH_RECTIFIED"] * 4,
        ),
        # star ratings: branches rated are organisation building, members rated are the team
        ("全镇评出五星党支部12个。", ["ORG_STAR_BRANCH"]),
        ("评选出乡风文明星9个、治理有效星7个。", ["ORG_STAR_BRANCH", "ORG_STAR_BRANCH"]),
        ("全县评出“四星级党员”860名。", ["TEAM_OTHER"]),
        # elections: of party organisations, of village committees, and the people elected
        ("全市村党组织换届完成率为99.8%。", ["ORG_OTHER"]),
        ("尚未完成换届的6个村党组织将列入整顿范围。", ["ORG_BRANCH_ELECTIONS"]),
        ("全县共有21万余名选民参加了村委会换届选举。", ["GOV_VC_ELECTIONS"]),
        ("新一届村“两委”班子中共有412人当选。", ["TEAM_ELECTIONS"]),
        # floor areas in square metres are the venues'
        ("新建党群服务中心建筑面积达到420平方米。", ["VENUE_AREA"]),
        ("配套不少于80㎡的便民服务大厅。", ["VENUE_AREA"]),
        # those who attended a training, and where they came from
        ("来自全市98个村的120名党支部书记参训。", ["TRAIN_OTHER", "TRAIN_PEOPLE"]),
        ("共有65名村干部参加了本期培训班。", ["TRAIN_PEOPLE"]),
        # industry, not talent, though 引进
        ("驻村工作队引进产业项目12个。", ["IND_PROJECTS"]),
        ("为村集体每年创收8万元。", ["IND_OUTPUT"]),
        ("整合产业发展资金460万元。", ["IND_FUNDS"]),
        # a rule of pay set as a share is cadre pay
        ("村副职干部报酬按主职干部报酬的80%核定。", ["FUND_PAY_SHARE"]),
        # counted rules and requirements
        ("围绕“学习在一线、服务在一线、落实在一线”三个一线要求开展工作。", ["INST_OTHER"]),
    ],
)
def test_the_thing_counted_and_its_sentence_choose_the_indicator(text, codes):
    from transforms.extract.figures import find_figures
    from transforms.extract.indicators import assign

    figures = find_figures(text)
    assign(text, figures)
    assert [f.indicator_code for f in figures] == codes
