"""The choice of layer and date on the map."""

from django import forms
from django.utils.translation import gettext_lazy as _

from analysis.display.map import GRANTS, LAYERS
from analysis.forms.kpis import AsOfForm


class MapForm(AsOfForm):
    """The map's layer and date."""

    layer = forms.ChoiceField(
        label=_("Kaartlaag"),
        choices=LAYERS,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Kies een van de kaartlagen hieronder.")},
    )

    field_order = ["layer", "programme", "as_of"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["layer"].initial = GRANTS

    def chosen_layer(self) -> str:
        if self.is_bound:
            self.is_valid()
            return self.cleaned_data.get("layer") or GRANTS
        return GRANTS
