from pathlib import Path

from followup import paths


def test_tracker_dir_defaults_to_data_tracker():
    assert paths.tracker_dir({}) == paths.REPO_ROOT / "data" / "tracker"


def test_tracker_dir_follows_the_environment(tmp_path: Path):
    assert paths.tracker_dir({paths.DATA_DIR_ENV: str(tmp_path)}) == tmp_path


def test_blank_setting_falls_back_to_the_default():
    assert paths.tracker_dir({paths.DATA_DIR_ENV: "  "}) == paths.DEFAULT_TRACKER_DIR
