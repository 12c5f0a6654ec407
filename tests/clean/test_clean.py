from transforms.clean.chrome import separate
from transforms.clean.personal_data import find_pii
from transforms.clean.pinyin import remove_annotations
from transforms.clean.offsets import MappedText

TRAD = "000_95702b6fdcbd8e92.txt"
PORTAL = "004_f0b9b5786d70c5d5.txt"
FORUM = "002_83678aa3680bf49c.txt"


def test_pinyin_annotations_removed_but_real_parentheses_kept():
    text, n = remove_annotations(MappedText("加強基層組織建設(shè),村(社區(qū))黨組織"))
    assert text.text == "加強基層組織建設,村(社區)黨組織"
    assert n == 2


def test_traditional_article_becomes_simplified_with_defects_recorded(clean_seeds, gold):
    doc = clean_seeds[TRAD]
    assert doc.script == "traditional"
    assert "海晏县" in doc.text and "(shè)" not in doc.text
    assert doc.annotation_count == 151  # the gold annotation counts 151 inserted annotations
    assert [doc.text[s:e] for s, e in doc.garbled_spans] == ["?cè)舜芜_"]
    assert doc.quality_score < 1.0


def test_every_clean_character_maps_back_to_its_raw_character(raw_seeds, clean_seeds):
    raw = {d.source_file: d.text for d in raw_seeds}
    doc = clean_seeds[PORTAL]
    for i in range(0, len(doc.text), 97):
        assert doc.text[i] == raw[PORTAL][doc.origin[i]] or doc.text[i] in "\n "


def test_page_chrome_and_metadata_lines_leave_the_body(clean_seeds, gold):
    for name in (PORTAL, FORUM):
        doc = clean_seeds[name]
        annotated = next(d for d in gold["documents"] if d["file"] == name)
        for line in annotated["boilerplate_lines"] + annotated["metadata_lines"]:
            if line.strip() and "QQ" not in line and "电话" not in line and "邮箱" not in line:
                assert line.strip() not in doc.text, line


def test_personal_data_is_redacted_outside_raw(clean_seeds, gold):
    portal = clean_seeds[PORTAL]
    stored = "\n".join([portal.text, *portal.chrome_lines, *portal.metadata_lines, *portal.header_lines])
    for pii in next(d for d in gold["documents"] if d["file"] == PORTAL)["pii"]:
        assert pii not in stored
    assert find_pii(stored) == []
    assert portal.pii_removed == 7


def test_repeated_lines_across_a_batch_count_as_chrome():
    lines = ["本站地图 | 联系", "近年来,某县坚持把加强基层组织建设贯穿乡村治理全过程,持续在建强基层组织等方面下功夫,推动基层党组织全面进步。", "网站首页推荐"]
    layout = separate(lines, repeated={"网站首页推荐"})
    assert layout.body == [1]
    assert 2 in layout.chrome


def test_a_sentence_keeps_its_redacted_number_but_a_contact_line_is_chrome():
    prose = "近年来,某县坚持把加强基层组织建设贯穿乡村治理全过程,持续在建强基层组织等方面下功夫,推动基层党组织全面进步。"
    lines = [prose, "村党支部书记的手机[电话]向全村公开。", "联系人：王某 [电话]", prose]
    layout = separate(lines)
    assert layout.body == [0, 1, 3]
    assert layout.chrome == [2]


def test_short_sentences_at_the_edges_of_the_body_stay_in_it():
    prose = "近年来,某县坚持把加强基层组织建设贯穿乡村治理全过程,持续在建强基层组织等方面下功夫,推动基层党组织全面进步。"
    lines = ["某县：抓党建促振兴！", "全县共有村党组织120个。", prose, "", "两年来共储备后备力量600余名，每村2至3名。", "（完）", "这一行在正文之外。"]
    layout = separate(lines)
    assert layout.header == [0]
    assert layout.body == [1, 2, 4]
    assert layout.chrome == [5, 6]


def test_a_lead_sentence_that_names_the_reporter_is_body_and_a_byline_is_metadata():
    prose = "近年来,某县坚持把加强基层组织建设贯穿乡村治理全过程,持续在建强基层组织等方面下功夫,推动基层党组织全面进步。"
    lead = "近日，记者从县委组织部获悉，今年以来，全县聚焦基层治理，选派182名机关干部下沉村（社区），实现全覆盖。"
    layout = separate(["记者 张三 通讯员 李四", lead, prose])
    assert (layout.metadata, layout.body) == ([0], [1, 2])
