"""Fields the portal's APIs share."""

from rest_framework import serializers


class CodeRelatedField(serializers.SlugRelatedField):
    """An object named by its code. A code with a NUL character names nothing: PostgreSQL cannot even
    compare such text, and would answer with an error instead of "not found"."""

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("does_not_exist", slug_name=self.slug_field, value=data.replace("\x00", "\\x00"))
        return super().to_internal_value(data)
