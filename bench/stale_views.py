"""Stale-view trials: a page acts on what it showed after another tab changed the tracker.

Each trial opens a page (tab A) on a small tracker, lets "tab B" save a change through the store,
then has tab A act: log a follow-up, delete an interview, confirm a second call, edit or delete in
a table, plan a follow-up or tick the checklist on the Call script. Every action is then either
applied by id exactly as the user meant (an edit of a cell no one else changed) or refused with a
visible message, and the files hold nothing else. The trials count tracebacks, rows lost, files
changed in a way the action did not mean, and refusals without a message: all must be 0.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import random
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from streamlit.testing.v1 import AppTest

from bench.rerun import data_dir
from followup import tracker, vocab
from followup.store import CsvStore
from followup.ui import TODAY_ENV
from tests.apptest import open_page, open_tab

TRACKER = "pages/3_Tracker.py"
SCRIPT = "pages/2_Call_script.py"
TODAY = dt.date(2024, 9, 23)
WORDS = ("Acme", "Brightwave", "Cobalt", "Delta", "Evergreen", "Fjord", "Gamma", "Harbor")


@dataclass
class Counts:
    """What the trials found; every count but `actions` must be 0."""

    actions: int = 0
    tracebacks: int = 0
    rows_lost: int = 0
    files_wrongly_changed: int = 0
    silent_refusals: int = 0


@dataclass
class Trial:
    """One tracker, its ids, and the store tab B saves through."""

    folder: Path
    ids: list[str]
    rng: random.Random
    # The tracker as tab B's last save left it: what tab A's action meets.
    left_by_b: tracker.Tracker | None = None

    @property
    def store(self) -> CsvStore:
        return CsvStore(self.folder)

    def elsewhere(self, change: Callable[[tracker.Tracker], tracker.Tracker]) -> None:
        self.left_by_b = self.store.update(change)

    def log(self, interview_id: str, channel: str = vocab.EMAIL, outcome: str = "Done") -> None:
        row = {"interview_id": interview_id, "date": TODAY, "channel": channel}
        self.elsewhere(
            lambda t: tracker.add_followup(t, row | {"purpose": "Check-in"} | {"outcome": outcome})
        )


def new_trial(folder: Path, rng: random.Random) -> Trial:
    """Three interviews with random names and dates, one follow-up each."""
    folder.mkdir(parents=True)
    store = CsvStore(folder)
    ids = []
    for company in rng.sample(WORDS, 3):
        row = {
            "company": company,
            "role": "Analyst",
            "interview_date": TODAY - dt.timedelta(rng.randint(0, 20)),
            "interviewer": "Dana",
        }
        ids.append(
            store.update(lambda t, r=row: tracker.add_interview(t, r))
            .interviews["interview_id"]
            .iloc[-1]
        )
    trial = Trial(folder, ids, rng)
    for interview_id in ids:
        trial.log(interview_id)
    return trial


def shown_interview(at: AppTest) -> str:
    return at.selectbox(key="tracker_selected").value


def editor(at: AppTest, prefix: str):
    return next(e for e in at.data_editor if e.key.startswith(prefix))


def edit(at: AppTest, key: str, edited=None, deleted=None) -> AppTest:
    at.session_state[key] = {
        "edited_rows": edited or {},
        "added_rows": [],
        "deleted_rows": deleted or [],
    }
    return at.run()


def renamed(interview_id: str) -> Callable[[tracker.Tracker], tracker.Tracker]:
    return lambda t: tracker.update_interviews(t, {interview_id: {"company": "Renamed Ltd"}})


def deleted(interview_id: str) -> Callable[[tracker.Tracker], tracker.Tracker]:
    return lambda t: tracker.delete_interview(t, interview_id)


# Each scenario returns the finished page and what the files must then hold: None when the action
# must be refused (the files stay as tab B left them), else a function of the tracker tab B left.
Expected = Callable[[tracker.Tracker], tracker.Tracker] | None


def log_after_delete(trial: Trial) -> tuple[AppTest, Expected]:
    at = open_tab(open_page(TRACKER), "Follow-ups")
    trial.elsewhere(deleted(shown_interview(at)))
    return at.button(key="tracker_log_submit").click().run(), None


def log_after_rename(trial: Trial) -> tuple[AppTest, Expected]:
    at = open_tab(open_page(TRACKER), "Follow-ups")
    trial.elsewhere(renamed(shown_interview(at)))
    return at.button(key="tracker_log_submit").click().run(), None


def delete_after_new_followup(trial: Trial) -> tuple[AppTest, Expected]:
    at = open_tab(open_page(TRACKER), "Follow-ups")
    at = at.button(key="tracker_delete").click().run()
    trial.log(shown_interview(at))
    return at.button(key="tracker_delete_yes").click().run(), None


def second_call_after_delete(trial: Trial) -> tuple[AppTest, Expected]:
    at = open_tab(open_page(TRACKER), "Follow-ups")
    trial.log(shown_interview(at), vocab.PHONE_CALL)
    at = open_tab(at, "Follow-ups")
    at.selectbox(key="tracker_log_channel").set_value(vocab.PHONE_CALL)
    at = at.button(key="tracker_log_submit").click().run()
    trial.elsewhere(deleted(shown_interview(at)))
    return at.button(key="tracker_second_call_yes").click().run(), None


def edit_cell_changed_elsewhere(trial: Trial) -> tuple[AppTest, Expected]:
    at = open_page(TRACKER)
    table = editor(at, "tracker_interviews_")
    row = trial.rng.randrange(len(table.value))
    interview_id = table.value.index[row]
    trial.elsewhere(lambda t: tracker.update_interviews(t, {interview_id: {"status": "Rejected"}}))
    return edit(at, table.key, {row: {"status": "Offer"}}), None


def edit_row_deleted_elsewhere(trial: Trial) -> tuple[AppTest, Expected]:
    at = open_page(TRACKER)
    table = editor(at, "tracker_interviews_")
    row = trial.rng.randrange(len(table.value))
    trial.elsewhere(deleted(table.value.index[row]))
    return edit(at, table.key, {row: {"notes": "call back"}}), None


def edit_after_an_add_elsewhere(trial: Trial) -> tuple[AppTest, Expected]:
    at = open_page(TRACKER)
    table = editor(at, "tracker_interviews_")
    row = trial.rng.randrange(len(table.value))
    interview_id = table.value.index[row]
    newest = {"company": "Newest", "role": "Analyst", "interview_date": TODAY + dt.timedelta(1)}
    trial.elsewhere(lambda t: tracker.add_interview(t, newest))
    expected = lambda t: tracker.update_interviews(t, {interview_id: {"notes": "call back"}})  # noqa: E731
    return edit(at, table.key, {row: {"notes": "call back"}}), expected


def followup_edit_after_a_log_elsewhere(trial: Trial) -> tuple[AppTest, Expected]:
    at = open_tab(open_page(TRACKER), "Follow-ups")
    table = editor(at, "tracker_followups_")
    followup_id = table.value.index[0]
    trial.log(
        shown_interview(at), vocab.LINKEDIN if hasattr(vocab, "LINKEDIN") else "LinkedIn message"
    )
    expected = lambda t: tracker.update_followups(t, {followup_id: {"outcome": "Replied"}})  # noqa: E731
    return edit(at, table.key, {0: {"outcome": "Replied"}}), expected


def followup_delete_after_a_change_elsewhere(trial: Trial) -> tuple[AppTest, Expected]:
    at = open_tab(open_page(TRACKER), "Follow-ups")
    table = editor(at, "tracker_followups_")
    followup_id = table.value.index[0]
    trial.elsewhere(lambda t: tracker.update_followups(t, {followup_id: {"notes": "they replied"}}))
    return edit(at, table.key, deleted=[0]), None


def build_script(at: AppTest, interview_id: str) -> AppTest:
    at = at.selectbox(key="script_interview").set_value(interview_id).run()
    at.text_input(key="script_your_name").input("Sam Lee")
    at.text_input(key="script_phone").input("555 0100")
    at.text_area(key="script_qualifications").input("five years of SQL reporting")
    at.text_area(key="script_employer_needs").input("someone to rebuild the monthly reporting")
    return at.button(key="script_build").click().run()


def plan_after_delete(trial: Trial) -> tuple[AppTest, Expected]:
    interview_id = trial.rng.choice(trial.ids)
    at = build_script(open_page(SCRIPT), interview_id)
    trial.elsewhere(deleted(interview_id))
    return at.button(key="script_plan_submit").click().run(), None


def tick_after_rename(trial: Trial) -> tuple[AppTest, Expected]:
    interview_id = trial.rng.choice(trial.ids)
    at = open_page(SCRIPT).selectbox(key="script_interview").set_value(interview_id).run()
    trial.elsewhere(renamed(interview_id))
    return at.checkbox(key="script_check_resume").check().run(), None


SCENARIOS = (
    log_after_delete,
    log_after_rename,
    delete_after_new_followup,
    second_call_after_delete,
    edit_cell_changed_elsewhere,
    edit_row_deleted_elsewhere,
    edit_after_an_add_elsewhere,
    followup_edit_after_a_log_elsewhere,
    followup_delete_after_a_change_elsewhere,
    plan_after_delete,
    tick_after_rename,
)


def ids_of(t: tracker.Tracker) -> set[str]:
    return set(t.interviews["interview_id"]) | set(t.followups["followup_id"])


def same(a: tracker.Tracker, b: tracker.Tracker) -> bool:
    return a.interviews.equals(b.interviews) and a.followups.equals(b.followups)


def run_trials(rounds: int, seed: int = 23) -> Counts:
    """Run every scenario `rounds` times on fresh trackers; count what went wrong."""
    counts = Counts()
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        for number in range(rounds * len(SCENARIOS)):
            scenario = SCENARIOS[number % len(SCENARIOS)]
            folder = Path(tmp) / f"trial-{number}"
            trial = new_trial(folder, rng)
            with data_dir(folder), _today():
                at, expected = scenario(trial)
            counts.actions += 1
            counts.tracebacks += len(at.exception)
            left_by_b = trial.left_by_b
            now = trial.store.load()
            counts.rows_lost += len(ids_of(left_by_b) - ids_of(now))
            want = left_by_b if expected is None else expected(left_by_b)
            counts.files_wrongly_changed += not same(now, want)
            if expected is None and not [*at.error, *at.warning]:
                counts.silent_refusals += 1
    return counts


@contextlib.contextmanager
def _today() -> Iterator[None]:
    """FOLLOWUP_TODAY pinned for the block, so trials do not depend on the clock."""
    before = os.environ.get(TODAY_ENV)
    os.environ[TODAY_ENV] = TODAY.isoformat()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(TODAY_ENV, None)
        else:
            os.environ[TODAY_ENV] = before


if __name__ == "__main__":
    print(run_trials(1))
