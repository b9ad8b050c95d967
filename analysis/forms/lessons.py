"""The form to pick a passage from a report line, or change one."""

from django import forms
from django.utils.translation import gettext_lazy as _

from analysis.models import LessonPassage


class PassageForm(forms.ModelForm):
    class Meta:
        model = LessonPassage
        fields = ["text", "protective_factor", "is_good_practice"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}
        labels = {"is_good_practice": _("Dit is een goed voorbeeld voor andere gemeenten")}

    def __init__(self, *args, factors: list, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["protective_factor"]
        field.queryset = field.queryset.filter(pk__in=[f.pk for f in factors]).order_by("code")
        field.empty_label = None if len(factors) == 1 else _("Kies een factor")
