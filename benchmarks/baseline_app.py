"""The yardstick for bench_redraw.py: a minimal Streamlit page with one slider and one Plotly bar chart."""

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from lessons.common.scales import T_OPTIONS

temperature = st.select_slider("Temperature T", options=T_OPTIONS[1:-1], value=1.0, key="temperature")
z = np.array([2.0, 1.0, 0.1])
e = np.exp((z - z.max()) / temperature)
st.plotly_chart(go.Figure(go.Bar(x=["class 1", "class 2", "class 3"], y=e / e.sum())), key="chart")
