"""Revoke the plain-text API tokens of Django REST framework's authtoken app.

They cannot be kept: they were stored readable, and staff could make one for any municipality
user. Each becomes a revoked key of the new kind (``replaced``), stored only as its hash, so that
using it gets a 401 that explains why and where to make a new key, and its owner sees it on their
key page. The plain-text rows are deleted. On a database that never had the table, nothing happens.
"""

from django.db import migrations
from django.utils import timezone
from knox.crypto import hash_token
from knox.settings import CONSTANTS

OLD_TABLE = "authtoken_token"


def revoke_plain_text_tokens(apps, schema_editor):
    connection = schema_editor.connection
    if OLD_TABLE not in connection.introspection.table_names():
        return
    ApiToken = apps.get_model("core", "ApiToken")
    now = timezone.now()
    table = connection.ops.quote_name(OLD_TABLE)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT key, user_id, created FROM {table}")  # noqa: S608 - a fixed table name
        rows = cursor.fetchall()
    ApiToken.objects.bulk_create(
        ApiToken(
            digest=hash_token(key),
            token_key=key[: CONSTANTS.TOKEN_KEY_LENGTH],
            user_id=user_id,
            created=created,
            expiry=now,
            name="Oude sleutel",
            replaced=True,
            revoked_at=now,
        )
        for key, user_id, created in rows
    )
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - a fixed table name


class Migration(migrations.Migration):
    dependencies = [("core", "0003_api_tokens")]

    operations = [migrations.RunPython(revoke_plain_text_tokens, migrations.RunPython.noop, elidable=True)]
