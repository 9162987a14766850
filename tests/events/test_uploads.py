"""Public files attached by staff (event materials, publications) pass the same content
checks as officers' uploads, get clean unguessable names, and a refused one leaves
nothing behind."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from events.models import Publication
from tests import samples
from tests.factories import EventFactory, EventMaterialFactory

pytestmark = pytest.mark.django_db


def stored_files(root):
    return sorted(path.relative_to(root) for path in root.rglob("*") if path.is_file())


def publication_form(upload):
    return {
        "title": "Labour market integration study",
        "slug": "labour-market-integration-study",
        "kind": Publication.Kind.STUDY,
        "status": "draft",
        "file": upload,
    }


def test_publication_upload_with_forged_content_refused_in_admin(editor_client, media_root):
    response = editor_client.post(
        reverse("admin:events_publication_add"),
        publication_form(samples.upload("study.pdf", samples.HTML)),
    )

    assert response.status_code == 200
    assert "The content of this file is not a valid PDF file." in response.content.decode()
    assert not Publication.objects.exists()
    assert not media_root.exists() or stored_files(media_root) == []


def test_publication_zip_bomb_refused_in_admin(editor_client, media_root, docx_bomb):
    with docx_bomb.open("rb") as upload:
        response = editor_client.post(
            reverse("admin:events_publication_add"), publication_form(upload)
        )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "file": ["The file is too large once uncompressed: the limit is 100 MB."]
    }
    assert not Publication.objects.exists()
    assert not media_root.exists() or stored_files(media_root) == []


def test_publication_pdf_html_polyglot_refused_in_admin(editor_client, media_root):
    response = editor_client.post(
        reverse("admin:events_publication_add"),
        publication_form(samples.upload("study.pdf", samples.PDF_HTML_POLYGLOT_LATER)),
    )

    assert response.status_code == 200
    assert "The content of this file is not a valid PDF file." in response.content.decode()
    assert not Publication.objects.exists()


def test_event_material_refuses_a_zip_bomb(media_root, docx_bomb):
    material = EventMaterialFactory.build(
        event=EventFactory(),
        file=samples.upload("slides.docx", docx_bomb.read_bytes()),
        url="",
    )

    with pytest.raises(ValidationError) as error:
        material.full_clean()

    assert error.value.message_dict["file"] == [
        "The file is too large once uncompressed: the limit is 100 MB."
    ]


def test_publication_upload_stored_under_clean_random_name(editor_client, media_root):
    response = editor_client.post(
        reverse("admin:events_publication_add"),
        publication_form(samples.upload("Study <final> v2.pdf", samples.PDF)),
    )

    assert response.status_code == 302
    stored = Publication.objects.get().file.name
    assert stored.startswith("publications/")
    assert stored.endswith("-Study_final_v2.pdf")
    assert [str(path) for path in stored_files(media_root)] == [stored]


def test_event_material_refuses_a_renamed_program(media_root):
    material = EventMaterialFactory.build(
        event=EventFactory(), file=samples.upload("slides.pptx", samples.EXECUTABLE), url=""
    )

    with pytest.raises(ValidationError) as error:
        material.full_clean()

    assert "file" in error.value.message_dict


def test_event_material_stored_in_its_event_folder(media_root):
    event = EventFactory()
    material = EventMaterialFactory(
        event=event, file=samples.upload("../../etc/passwd.png", samples.PNG), url=""
    )

    folder, name = material.file.name.rsplit("/", 1)
    assert folder == f"events/{event.pk}"
    assert name.endswith("-passwd.png")
