"""Follow-up: the domain behind the dashboard. Plain Python, pandas and altair; no Streamlit."""
