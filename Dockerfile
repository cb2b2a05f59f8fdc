# Softmax Lab, one replica: `docker build -t softmax-lab .` then run it behind the proxy (compose.yaml) or
# Kubernetes (deploy/k8s/). README, "Deploy".
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    # The deployment's settings on top of .streamlit/config.toml (baked in below). The cookie secret is
    # not: every replica gets the same one at run time (STREAMLIT_SERVER_COOKIE_SECRET).
    STREAMLIT_SERVER_ADDRESS=0.0.0.0 \
    STREAMLIT_SERVER_PORT=8501 \
    STREAMLIT_SERVER_HEADLESS=true \
    STREAMLIT_SERVER_ENABLE_XSRF_PROTECTION=true \
    STREAMLIT_SERVER_MAX_UPLOAD_SIZE=1 \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false

WORKDIR /app

# The runtime requirements only (no requirements-dev.txt: no test, lint or benchmark tools in the image).
COPY requirements.txt ./
RUN pip install -r requirements.txt

# A user of its own, not root. It owns static/ only: the app copies plotly.js there on first use.
RUN groupadd --system --gid 10001 softmax \
    && useradd --system --uid 10001 --gid softmax --home-dir /app --no-create-home softmax

# The app and its config (.dockerignore keeps tests, benchmarks, docs and the rest out).
COPY --chown=root:root . .
RUN chown -R softmax:softmax static

USER softmax
EXPOSE 8501

HEALTHCHECK --interval=15s --timeout=10s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=8).read() != b'ok')"]

# streamlit run app.py, with the heavy libraries imported before the first visitor (deploy/serve.py).
CMD ["python", "deploy/serve.py"]
