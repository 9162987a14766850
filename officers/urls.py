"""URLs of the officer area (/my/) and of the invitation link."""

from django.urls import path

from officers import views

app_name = "officer"
urlpatterns = [
    path(
        "accounts/invitation/<str:token>/",
        views.InvitationAcceptView.as_view(),
        name="invitation_accept",
    ),
    path("my/", views.StartView.as_view(), name="start"),
    path("my/documents/<int:pk>/", views.document_download, name="document_download"),
    path(
        "my/submissions/<slug:kind>/<int:pk>/",
        views.SubmissionDetailView.as_view(),
        name="submission_detail",
    ),
    path(
        "my/submissions/<slug:kind>/<int:pk>/edit/",
        views.SubmissionEditView.as_view(),
        name="submission_edit",
    ),
    path(
        "my/submissions/training-report/<int:pk>/attachment/",
        views.attachment_download,
        name="attachment_download",
    ),
    path("my/<slug:slug>/", views.MunicipalityPrivateView.as_view(), name="municipality"),
    path("my/<slug:slug>/profile/", views.ProfileEditView.as_view(), name="profile_edit"),
    path(
        "my/<slug:slug>/documents/new/",
        views.DocumentUploadView.as_view(),
        name="document_upload",
    ),
    path(
        "my/<slug:slug>/good-practices/new/",
        views.SubmissionCreateView.as_view(kind="good-practice"),
        name="good_practice_submit",
    ),
    path(
        "my/<slug:slug>/training-reports/new/",
        views.SubmissionCreateView.as_view(kind="training-report"),
        name="training_report_submit",
    ),
]
