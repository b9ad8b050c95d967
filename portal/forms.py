"""Forms of the sign-in steps after the password, and of the notification preferences."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.models import Notification


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


class NotificationPreferencesForm(forms.Form):
    """One choice per kind of notification the user's role can receive."""

    def __init__(self, *args, kinds: tuple[str, ...], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in kinds:
            self.fields[kind] = forms.ChoiceField(
                label=Notification.Kind(kind).label,
                choices=Notification.Delivery.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Kies hoe u deze meldingen wilt ontvangen.")},
            )
