"""Settings: the defaults, what the environment changes, and one line for a value that cannot be used."""

from pathlib import Path

import pytest

from flows.settings import LOAD_WORKING_MB, PROJECT_ROOT, read
from transforms.errors import BadSetting, PipelineError, UnknownSegmenter


def test_an_empty_environment_gives_the_defaults():
    settings = read({})
    assert settings.state_dir == PROJECT_ROOT / ".state"
    assert (settings.segmenter, settings.load_mb, settings.prefect_api_url) == ("rjieba", LOAD_WORKING_MB, None)
    assert settings.workers >= 1


def test_the_project_variables_change_what_they_name():
    settings = read({
        "DANGJIAN_STATE_DIR": "/tmp/state", "DANGJIAN_WORKERS": "3", "DANGJIAN_SEGMENTER": "jieba", "DANGJIAN_LOAD_MB": "1024",
        "PREFECT_API_URL": "http://127.0.0.1:4200/api",
    })
    assert (settings.state_dir, settings.workers, settings.segmenter, settings.load_mb) == (Path("/tmp/state"), 3, "jieba", 1024)
    assert settings.prefect_api_url == "http://127.0.0.1:4200/api"


@pytest.mark.parametrize("name, value", [("DANGJIAN_WORKERS", "two"), ("DANGJIAN_WORKERS", "0"), ("DANGJIAN_LOAD_MB", "-5")])
def test_a_number_that_cannot_be_used_is_named_in_one_line(name, value):
    with pytest.raises(BadSetting, match=f"{name}={value!r}: expected a whole number of at least 1") as caught:
        read({name: value})
    assert isinstance(caught.value, PipelineError) and "\n" not in str(caught.value)


def test_an_unknown_segmenter_is_refused_by_name():
    with pytest.raises(UnknownSegmenter, match="DANGJIAN_SEGMENTER='thulac': choose one of jieba, rjieba"):
        read({"DANGJIAN_SEGMENTER": "thulac"})
