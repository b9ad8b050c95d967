# The portal's image: one image for the web process, the Celery worker, Celery beat and
# the migration job; the command chooses which (see compose.yaml and deploy/helm/).
#
#   docker build -t veerkracht-portal .
#
# Stage 1 installs the locked packages (every one checked against its hash) into a
# virtualenv and collects the static files; stage 2 is the runtime: no compilers, no
# package caches, a non-root user, and a file system the portal never writes to outside
# /tmp and the media volume.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
WORKDIR /app
RUN python -m venv /opt/venv
COPY requirements.lock ./
RUN /opt/venv/bin/pip install --require-hashes --no-deps --only-binary :all: -r requirements.lock
COPY . .
# collectstatic needs settings, not secrets: a throwaway key only for this step.
# Built once, so the static files get brotli's best (slowest) compression.
RUN DEBUG=false SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost STATIC_BROTLI_QUALITY=11 \
    /opt/venv/bin/python manage.py collectstatic --noinput --verbosity 1 \
    && /opt/venv/bin/python -m compileall -q /app /opt/venv/lib

FROM ${PYTHON_IMAGE} AS runtime
# WeasyPrint renders the PDFs with pango and harfbuzz; DejaVu is its fallback font.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
       libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 veerkracht \
    && useradd --system --uid 10001 --gid veerkracht --home-dir /app --shell /usr/sbin/nologin veerkracht
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DEBUG=false \
    MEDIA_ROOT=/app/media \
    XDG_CACHE_HOME=/tmp/cache \
    PORT=8000
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY --from=build --chown=root:root /app /app
RUN mkdir -p /app/media && chown veerkracht:veerkracht /app/media
USER 10001:10001
EXPOSE 8000
VOLUME ["/app/media"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(f\"http://127.0.0.1:{os.environ.get('PORT', '8000')}/healthz\", timeout=4)"]
CMD ["sh", "-c", "exec gunicorn portal.wsgi --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY:-2} --threads ${WEB_THREADS:-4} --timeout 180 --forwarded-allow-ips '*'"]
