"""The forms with which staff edit the programme's own words, shown on its public pages."""

from django import forms
from django.db import models

from agenda.models import ActionLine, GuidingPrinciple, Phenomenon, Programme, ProtectiveFactor, RelatedProgramme


def _text(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class ProgrammeTextForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = [
            "mission",
            "mission_en",
            "vision",
            "vision_en",
            "resilience_definition",
            "resilience_definition_en",
            "resistance_definition",
            "resistance_definition_en",
        ]
        widgets = {name: _text() for name in fields}


class ActionLineTextForm(forms.ModelForm):
    class Meta:
        model = ActionLine
        fields = ["name", "name_en", "description", "description_en", "aim", "aim_en"]
        widgets = {name: _text(3) for name in fields[2:]}


class GuidingPrincipleTextForm(forms.ModelForm):
    class Meta:
        model = GuidingPrinciple
        fields = ["name", "name_en", "description", "description_en"]
        widgets = {name: _text() for name in fields[2:]}


class ProtectiveFactorTextForm(forms.ModelForm):
    class Meta:
        model = ProtectiveFactor
        fields = ["name", "name_en", "description", "description_en", "source"]
        widgets = {name: _text(3) for name in fields[2:]}


class PhenomenonTextForm(forms.ModelForm):
    class Meta:
        model = Phenomenon
        fields = ["name", "name_en", "description", "description_en", "source"]
        widgets = {name: _text(3) for name in fields[2:]}


def _https_formfield(model_field, **kwargs):
    """Web addresses typed without a scheme get https://."""
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


class RelatedProgrammeForm(forms.ModelForm):
    class Meta:
        formfield_callback = _https_formfield
        model = RelatedProgramme
        fields = ["name", "name_en", "ministry", "ministry_en", "connection", "connection_en", "website", "order"]
        widgets = {"connection": _text(3), "connection_en": _text(3)}
