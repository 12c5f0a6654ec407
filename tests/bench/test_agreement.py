"""`dangjian agreement`'s measure: rjieba cuts Chinese text where jieba does, and the measure can tell when not."""

from bench.agreement import agreement


def test_rjieba_cuts_the_seeds_exactly_like_jieba(clean_seeds):
    result = agreement([d.text for d in clean_seeds.values()], "rjieba")
    assert result["tokens"] > 5000
    assert (result["token_agreement"], result["chinese_token_agreement"], result["texts_identical"]) == (1.0, 1.0, 5)


def test_agreement_reports_where_the_backends_differ():
    """jieba's HMM splits ASCII runs that jieba-rs keeps whole; Chinese words agree."""
    result = agreement(["网站haiyan_gov联系电话0970-8642123"], "rjieba")
    assert result["token_agreement"] == 0.25 and result["chinese_token_agreement"] == 1.0
    assert result["differing_examples"] == ["haiyan", "_", "gov", "0970", "-", "8642123"]
