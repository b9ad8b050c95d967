"""The years the benchmark data covers, and how rows are placed in them."""

import datetime
import random

from django.utils import timezone

FIRST_YEAR, LAST_YEAR = 2016, 2025  # ten years of half-yearly reports
STAFF_USERNAME = "bench-staf"
BATCH = 5000


def day_between(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randrange(0, max(1, (end - start).days)))


def aware(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))
