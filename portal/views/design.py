"""The design system's page (/design/): each shared component with sample content and
the include or markup that makes it, for the staff who build pages. Staff only, never
indexed, not in the sitemap."""

from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404
from django.utils.cache import add_never_cache_headers
from django.views.generic import TemplateView

from admin4all.models import Theme


class DesignSystemView(TemplateView):
    template_name = "portal/design.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_staff:
            raise Http404
        response = super().dispatch(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex"
        add_never_cache_headers(response)
        return response

    def get_context_data(self, **kwargs):
        # A long list on its fourth page, for the page links.
        paginator = Paginator(range(120), 10)
        page_obj = paginator.get_page(4)
        return super().get_context_data(
            page_obj=page_obj,
            page_range=paginator.get_elided_page_range(page_obj.number, on_each_side=1),
            themes=Theme.objects.all()[:3],
            **kwargs,
        )
