"""Forms for the media library, newsletters and their schedule (shape only; rules live in the services)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from radslag.messaging import markup
from radslag.messaging.models import MediaImage, Newsletter
from radslag.messaging.newsletter_lists import NewsletterList

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
FORMATS = {"PNG", "JPEG", "WEBP"}
MAX_PIXELS = 40_000_000  # a larger picture is a decompression bomb or a mistake, never a newsletter image
_LIBRARY_SRC = re.compile(r"^/bilder/(?P<pk>\d+)\.(?:png|jpg|webp)$")


def max_image_bytes() -> int:
    return int(getattr(settings, "RADSLAG_MEDIA_MAX_BYTES", 5 * 1024 * 1024))


def read_image(upload: UploadedFile) -> tuple[str, int, int]:
    """The format and size Pillow reads from the file's content (never its name), or a ValidationError."""
    from PIL import Image  # Pillow comes with WeasyPrint, which the runtime already needs

    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image_format, (width, height) = str(image.format or ""), image.size
            if image_format in FORMATS and width * height <= MAX_PIXELS:
                image.verify()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise forms.ValidationError(_("The file is not an image we can read. Use PNG, JPEG or WebP.")) from error
    finally:
        upload.seek(0)
    if image_format not in FORMATS:
        raise forms.ValidationError(_("The file is not an image we can read. Use PNG, JPEG or WebP."))
    if width * height > MAX_PIXELS:
        raise forms.ValidationError(_("The image is too large. Make it smaller than 40 megapixels."))
    return image_format, width, height


class MediaImageForm(forms.ModelForm):
    class Meta:
        model = MediaImage
        fields = ["file", "alt", "alt_en"]
        widgets = {"file": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"})}
        help_texts = {
            "file": _("PNG, JPEG or WebP, at most 5 MB."),
            "alt": _("Describe what the picture shows for someone who cannot see it, in one or two sentences."),
        }

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if upload.size is not None and upload.size > max_image_bytes():
            raise forms.ValidationError(_("The file is too large: at most %(mb)d MB.")
                                        % {"mb": max_image_bytes() // (1024 * 1024)})
        self.image_format, self.width, self.height = read_image(upload)
        return upload

    def clean_alt(self) -> str:
        alt = " ".join(str(self.cleaned_data["alt"]).split())
        if not alt:
            raise forms.ValidationError(_("Write an alt text: it is read aloud to people who cannot see the image."))
        return alt


def library_image_ids(text: str) -> tuple[set[int], list[str]]:
    """The library images a text may show (their ids), and the addresses that are no library address."""
    ids, others = set(), []
    for src in markup.image_sources(text):
        match = _LIBRARY_SRC.match(src)
        if match:
            ids.add(int(match["pk"]))
        else:
            others.append(src)
    return ids, others


class NewsletterForm(forms.ModelForm):
    recipients_list = forms.ChoiceField(label=_("Send to"))

    class Meta:
        model = Newsletter
        fields = ["title", "title_en", "body", "body_en"]
        widgets = {"body": forms.Textarea(attrs={"rows": 16}), "body_en": forms.Textarea(attrs={"rows": 10})}
        help_texts = {
            "body": _("Headings start with ##, lists with -, links are written [text](address). "
                      "Insert images from the media library below."),
            "body_en": _("Optional. Subscribers who chose English get this version."),
        }

    def __init__(self, *args: Any, lists: list[NewsletterList], library: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lists = {item.key: item for item in lists}
        self.library = library
        field = self.fields["recipients_list"]
        field.choices = [(item.key, self._choice_label(item)) for item in lists]  # type: ignore[attr-defined]
        if self.instance.pk:
            field.initial = f"{self.instance.topic}:{self.instance.topic_id or ''}"
        self.order_fields(["recipients_list", "title", "title_en", "body", "body_en"])

    @staticmethod
    def _choice_label(item: NewsletterList) -> str:
        if item.topic_id is None:
            return str(_("Everyone who follows the whole municipality"))
        return str(_("Subscribers of the process: %(title)s") % {"title": item.title})

    def clean_recipients_list(self) -> NewsletterList:
        return self.lists[self.cleaned_data["recipients_list"]]

    def _check_images(self, name: str) -> str:
        text = self.cleaned_data.get(name, "")
        ids, _others = library_image_ids(text)
        known = {image.url for image in self.library.filter(pk__in=ids)}
        strangers = [src for src in markup.image_sources(text) if src not in known]
        if strangers:
            raise forms.ValidationError(_("Images can only come from the media library. Insert them with the "
                                          "image picker; these are not in it: %(list)s")
                                        % {"list": ", ".join(strangers)})
        return text

    def clean_body(self) -> str:
        return self._check_images("body")

    def clean_body_en(self) -> str:
        return self._check_images("body_en")


class ScheduleForm(forms.Form):
    send_at = forms.DateTimeField(label=_("Send at"), widget=DATETIME_WIDGET,
                                  help_text=_("Swedish time. The newsletter goes out within a few minutes of it."))

    def clean_send_at(self) -> Any:
        when = self.cleaned_data["send_at"]
        if when <= timezone.now():
            raise forms.ValidationError(_("Choose a time in the future."))
        return when
