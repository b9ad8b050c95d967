"""The form to pick a passage from a report line, or change one."""

from django import forms
from django.utils.translation import gettext_lazy as _

from analysis.models import LessonPassage
from analysis.services.lessons import excerpt_problem


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
        field.empty_label = None
        if self.instance.protective_factor_id is None and factors:
            self.initial.setdefault("protective_factor", factors[0].pk)

    def clean_text(self):
        # The service checks it again; here it is said next to the field, together with any other problem.
        text = self.cleaned_data["text"]
        problem = excerpt_problem(excerpt=text, source=self.instance.source_text)
        if problem:
            raise forms.ValidationError(problem)
        return text
