"""Forms of the sign-in steps after the password."""

from django import forms
from django.utils.translation import gettext_lazy as _


class SecondFactorForm(forms.Form):
    """The code from the authenticator app: digits, offered by the phone's keyboard and password manager."""

    code = forms.CharField(
        label=_("Code uit uw authenticator-app"),
        help_text=_("De zes cijfers die de app nu toont."),
        max_length=16,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "autocapitalize": "none",
                "spellcheck": "false",
                "pattern": "[0-9 ]*",
                "class": "utrecht-textbox utrecht-textbox--html-input portal-code-input",
            }
        ),
    )


class RecoveryCodeForm(forms.Form):
    """A recovery code: letters and digits, used once."""

    code = forms.CharField(
        label=_("Herstelcode"),
        help_text=_("Een van de herstelcodes die u bij het instellen kreeg. Elke code werkt één keer."),
        max_length=32,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "none",
                "spellcheck": "false",
                "class": "utrecht-textbox utrecht-textbox--html-input portal-code-input",
            }
        ),
    )
