"""Forms of the needs pages: staff filter the list, and tag, answer and follow up one report's needs."""

from django import forms
from django.utils.translation import gettext_lazy as _

from interventions.models import NeedResponse, NeedTag

MAX_TAG_LENGTH = NeedTag._meta.get_field("name").max_length


class NeedFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alle")), *NeedResponse.Status.choices]
    )
    tag = forms.ModelChoiceField(
        label=_("Onderwerp"), required=False, queryset=NeedTag.objects.all(), empty_label=_("Alle onderwerpen")
    )


class NeedResponseForm(forms.ModelForm):
    new_tags = forms.CharField(
        label=_("Nieuwe onderwerpen"),
        required=False,
        help_text=_("Eigen onderwerpen, gescheiden door komma’s, bijvoorbeeld: jongerenwerk, polarisatie."),
    )

    class Meta:
        model = NeedResponse
        fields = ["tags", "status", "answer", "follow_up"]
        widgets = {
            "tags": forms.CheckboxSelectMultiple,
            "status": forms.RadioSelect,
            "answer": forms.Textarea(attrs={"rows": 4}),
            "follow_up": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_new_tags(self) -> list[str]:
        names = [name.strip() for name in self.cleaned_data.get("new_tags", "").split(",")]
        names = [name for name in names if name]
        too_long = [name for name in names if len(name) > MAX_TAG_LENGTH]
        if too_long:
            raise forms.ValidationError(
                _("Een onderwerp is hoogstens %(max)s tekens: %(name)s") % {"max": MAX_TAG_LENGTH, "name": too_long[0]}
            )
        return list(dict.fromkeys(names))

    def clean(self):
        data = super().clean()
        if (
            data.get("status") in (NeedResponse.Status.ANSWERED, NeedResponse.Status.FOLLOWED_UP)
            and not (data.get("answer") or "").strip()
        ):
            self.add_error("answer", _("Schrijf een antwoord aan de gemeente, of laat de status op open staan."))
        return data

    def _post_clean(self):
        # The response is saved by the service (with its new tags and who answered), not here; the
        # database check on an answered response without an answer is spelled out in clean().
        pass
