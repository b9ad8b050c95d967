"""Forms for the programme's records. Each checks what the database checks, so bad input is a message."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils.translation import gettext_lazy as _

from agenda.models import ActionLine, BoardMembership, Event, PolicyThemeInventory, Programme, ResearchResult
from agenda.selectors import activity_choices
from agenda.services import MAX_RESEARCH_FILE
from core import uploads


class RecordForm(forms.ModelForm):
    """A model form with date pickers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, form_field in self.fields.items():
            model_field = self._meta.model._meta.get_field(name)
            if isinstance(model_field, models.DateField):
                form_field.widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def check_order(self, first: str, then: str, message) -> None:
        start, end = self.cleaned_data.get(first), self.cleaned_data.get(then)
        if start is not None and end is not None and end < start:
            self.add_error(then, message)


class EventForm(RecordForm):
    class Meta:
        model = Event
        fields = ["activity", "title", "held_on", "location", "results_presented", "advice_asked", "notes"]

    def __init__(self, *args, programme: Programme | None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            programme = self.instance.activity.action_line.programme
        self.fields["activity"].queryset = activity_choices(programme=programme)
        self.fields["activity"].help_text = _(
            "De soort activiteit bepaalt wat de bijeenkomst is: een conferentie, een bijeenkomst van de learning "
            "community of van de klankbordgroep."
        )
        self.fields["results_presented"].widget.attrs["rows"] = 3
        self.fields["notes"].widget.attrs["rows"] = 3


def https_formfield(model_field: models.Field, **kwargs) -> forms.Field | None:
    """A form field for a model field; web addresses typed without a scheme get https://."""
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


class ResearchResultForm(RecordForm):
    class Meta:
        model = ResearchResult
        fields = ["title", "source", "year", "action_line", "shared_on", "link", "file", "description"]
        formfield_callback = https_formfield

    def __init__(self, *args, programme: Programme | None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            programme = self.instance.programme
        self.fields["action_line"].queryset = ActionLine.objects.filter(programme=programme)
        self.fields["year"].widget.attrs.update({"min": "2000", "max": "2100"})
        self.fields["file"].help_text = _("Toegestaan zijn: %(allowed)s; hoogstens 20 MB.") % {
            "allowed": uploads.ALLOWED_LABELS
        }
        self.fields["file"].widget.attrs["accept"] = uploads.ACCEPT_ATTRIBUTE

    def clean_year(self):
        year = self.cleaned_data.get("year")
        if year is not None and not 2000 <= year <= 2100:
            raise forms.ValidationError(_("Vul een jaar tussen 2000 en 2100 in."), code="year")
        return year

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            try:
                uploads.check_upload(upload, name=upload.name or "", size=upload.size or 0, max_bytes=MAX_RESEARCH_FILE)
            except uploads.UploadRejected as rejected:
                raise forms.ValidationError(str(rejected), code="upload") from None
        return upload

    def upload(self) -> UploadedFile | None:
        """The newly uploaded file, if any; the service stores it under a name nobody can guess."""
        upload = self.cleaned_data.get("file")
        return upload if isinstance(upload, UploadedFile) else None


class PolicyThemeInventoryForm(RecordForm):
    class Meta:
        model = PolicyThemeInventory
        fields = ["year", "held_on", "themes", "source"]

    def __init__(self, *args, programme: Programme | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = self.instance.programme if self.instance.pk else programme
        self.fields["year"].widget.attrs.update({"min": "2000", "max": "2100"})

    def clean_year(self):
        year = self.cleaned_data.get("year")
        if year is not None and not 2000 <= year <= 2100:
            raise forms.ValidationError(_("Vul een jaar tussen 2000 en 2100 in."), code="year")
        duplicate = PolicyThemeInventory.objects.filter(programme=self.programme, year=year).exclude(
            pk=self.instance.pk
        )
        if year is not None and duplicate.exists():
            raise forms.ValidationError(
                _("Voor %(year)s is al een inventarisatie vastgelegd. Wijzig die inventarisatie.") % {"year": year},
                code="duplicate_year",
            )
        return year

    def clean_themes(self):
        themes = self.cleaned_data.get("themes", "")
        if not any(line.strip() for line in themes.splitlines()):
            raise forms.ValidationError(_("Vul ten minste één beleidsthema in."), code="required")
        return "\n".join(line.strip() for line in themes.splitlines() if line.strip())


class BoardMembershipForm(RecordForm):
    class Meta:
        model = BoardMembership
        fields = ["person", "organisation", "constituency", "starts_on", "ends_on"]

    def clean(self):
        cleaned = super().clean()
        self.check_order("starts_on", "ends_on", _("Het lidmaatschap kan niet eindigen voordat het begon."))
        return cleaned
