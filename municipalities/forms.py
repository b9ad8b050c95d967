"""Register forms. Each checks what the database checks, so bad input is a message, never an error page."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from agenda.models import Programme
from agenda.selectors import activity_choices
from core.forms import SearchableSelectMultiple, label_empty_choices
from municipalities.models import (
    ActivityParticipation,
    FocusArea,
    Grant,
    LearningCommunityMembership,
    Municipality,
    Organisation,
    Partnership,
)


def https_formfield(model_field: models.Field, **kwargs) -> forms.Field | None:
    """A form field for a model field; web addresses typed without a scheme get https://."""
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


class RegisterForm(forms.ModelForm):
    """A model form with date pickers, and the validation the database does spelled out in words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, form_field in self.fields.items():
            model_field = self._meta.model._meta.get_field(name)
            if isinstance(model_field, models.DateField):
                form_field.widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            if isinstance(form_field, forms.ModelMultipleChoiceField):
                form_field.widget = forms.CheckboxSelectMultiple(choices=form_field.choices)
        label_empty_choices(self)

    def check_order(self, first: str, then: str, message) -> None:
        """Add `message` to `then` when both dates (or years) are given and `then` comes first."""
        start, end = self.cleaned_data.get(first), self.cleaned_data.get(then)
        if start is not None and end is not None and end < start:
            self.add_error(then, message)


class GrantForm(RegisterForm):
    class Meta:
        model = Grant
        fields = [
            "programme",
            "municipality",
            "focus_area",
            "focus_areas",
            "regulation",
            "sisa_code",
            "tranche",
            "theme",
            "first_year",
            "last_year",
            "amount",
            "awarded_on",
            "decision_reference",
            "amount_is_example",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focus_area"].queryset = FocusArea.objects.select_related("municipality").order_by("name")
        self.fields["focus_area"].label_from_instance = lambda area: f"{area.name} ({area.municipality.name})"
        self.fields["focus_areas"].queryset = FocusArea.objects.select_related("municipality").order_by(
            "municipality__name", "name"
        )
        self.fields["focus_areas"].label_from_instance = lambda area: f"{area.name} ({area.municipality.name})"
        self.fields["amount"].widget.attrs.update({"min": "0", "step": "0.01"})
        for name in ("first_year", "last_year"):
            self.fields[name].widget.attrs.update({"min": "2000", "max": "2100"})

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount < 0:
            raise forms.ValidationError(_("Het bedrag kan niet negatief zijn."), code="negative")
        return amount

    def clean(self):
        cleaned = super().clean()
        self.check_order("first_year", "last_year", _("Het laatste jaar kan niet voor het eerste jaar liggen."))
        municipality, area = cleaned.get("municipality"), cleaned.get("focus_area")
        elsewhere = [
            a for a in cleaned.get("focus_areas") or [] if municipality and a.municipality_id != municipality.pk
        ]
        if elsewhere:
            self.add_error(
                "focus_areas",
                _("%(areas)s ligt niet in %(municipality)s.")
                % {"areas": ", ".join(a.name for a in elsewhere), "municipality": municipality},
            )
        if municipality and area and area.municipality_id != municipality.pk:
            self.add_error(
                "focus_area",
                _("Focusgebied %(area)s ligt in %(owner)s, niet in %(municipality)s.")
                % {"area": area.name, "owner": area.municipality.name, "municipality": municipality.name},
            )
        return cleaned


class OrganisationForm(RegisterForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "municipality", "website", "description"]
        formfield_callback = https_formfield


class PartnershipForm(RegisterForm):
    class Meta:
        model = Partnership
        fields = ["programme", "name", "purpose", "started_on", "ended_on", "members", "municipalities"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # 342 municipalities (and dozens of organisations) as checkboxes is too long a list.
        for name in ("municipalities", "members"):
            self.fields[name].widget = SearchableSelectMultiple(choices=self.fields[name].choices)
            self.fields[name].help_text = SearchableSelectMultiple.help_text

    def clean(self):
        cleaned = super().clean()
        self.check_order("started_on", "ended_on", _("De einddatum kan niet voor de startdatum liggen."))
        return cleaned


class LearningCommunityMembershipForm(RegisterForm):
    class Meta:
        model = LearningCommunityMembership
        fields = ["municipality", "joined_on", "left_on"]

    def clean(self):
        cleaned = super().clean()
        self.check_order("joined_on", "left_on", _("Een gemeente kan niet vertrekken voordat zij deelnam."))
        return cleaned


class ActivityParticipationForm(RegisterForm):
    class Meta:
        model = ActivityParticipation
        fields = ["organisation", "activity", "joined_on"]

    def __init__(self, *args, programme: Programme | None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            programme = self.instance.activity.action_line.programme
        self.fields["activity"].queryset = activity_choices(programme=programme)
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")


class FocusAreaForm(forms.ModelForm):
    """An area the municipality delimits itself; staff choose the municipality, a municipality user has theirs."""

    class Meta:
        model = FocusArea
        fields = ["municipality", "name", "cbs_codes", "description"]
        widgets = {"cbs_codes": forms.Textarea(attrs={"rows": 2}), "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, municipality: Municipality | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if municipality is not None:
            self.instance.municipality = municipality
            del self.fields["municipality"]

    def clean(self):
        cleaned = super().clean()
        municipality = cleaned.get("municipality") or getattr(self.instance, "municipality", None)
        name = cleaned.get("name")
        if municipality and name:
            others = FocusArea.objects.filter(municipality=municipality, name__iexact=name).exclude(pk=self.instance.pk)
            if others.exists():
                self.add_error(
                    "name", _("%(municipality)s heeft al een gebied met deze naam.") % {"municipality": municipality}
                )
        return cleaned


class LessonConsentForm(forms.Form):
    shares_lessons_by_name = forms.BooleanField(
        label=_("Passages uit onze verslagen mogen onze naam dragen"),
        required=False,
        help_text=_(
            "Zonder toestemming toont het programma een passage als 'een gemeente in' met de provincie erachter."
        ),
    )
