"""What each page shows, as data and figures: pure Python (NumPy, pandas, plotly.py), never Streamlit.

One folder per page (``lessons/<stem>/``: ``figures.py``, ``model.py``), and ``common/`` for what pages share.
"""
