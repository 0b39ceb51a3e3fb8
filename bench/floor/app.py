"""Floor program, home: the least Streamlit page doing what the app's home does.

The floor programs (`bench/floor/`) are what the capacity benchmark compares the app against:
the same widgets, keys and data as the app's pages, with nothing else — plain pandas on the same
CSV files, no checks, no store, no session objects. A click's server work on the app, divided by
the same click's on the floor, is the figure `make bench` reports.
"""

import os
from pathlib import Path

import pandas as pd
import streamlit as st

st.set_page_config(page_title="Home · Floor", layout="wide")
with st.sidebar:
    st.page_link("app.py", label="Home")
    st.page_link("pages/2_Call_script.py", label="Call script")
    st.page_link("pages/3_Tracker.py", label="Tracker")
st.title("Follow up after your interview")
st.write("The floor program's home page.")
st.subheader("Due now and overdue")
interviews = Path(os.environ["FOLLOWUP_DATA_DIR"]) / "interviews.csv"
if interviews.exists():
    table = pd.read_csv(interviews, dtype=str)
    st.dataframe(table.head(20), hide_index=True, key="home_due_table")
