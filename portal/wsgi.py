import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

application = get_wsgi_application()

from portal.warmup import warm_up  # noqa: E402 - needs the apps loaded by get_wsgi_application

# Everything loaded at start-up lives as long as the process. Freezing it keeps the
# garbage collector from walking all of it again during requests, which otherwise
# shows as pauses of tens of milliseconds on pages that build many objects. What the
# first requests would load (views, templates, catalogues) is loaded first, so it is
# frozen too (portal/warmup.py).
warm_up()
gc.collect()
gc.freeze()
