from django.core.paginator import InvalidPage
from rest_framework import pagination
from rest_framework.exceptions import NotFound


class PageNumberPagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 200

    def page_of(self, queryset, request, view=None):
        """The requested page of ``queryset`` as an unevaluated slice (a view may use it as a
        subquery), or None if the request is not paginated. Counts, checks the page number and
        refuses a page out of range exactly like ``paginate_queryset``, which evaluates it."""
        self.request = request
        page_size = self.get_page_size(request)
        if not page_size:
            return None
        paginator = self.django_paginator_class(queryset, page_size)
        page_number = self.get_page_number(request, paginator)
        try:
            self.page = paginator.page(page_number)
        except InvalidPage as exc:
            raise NotFound(
                self.invalid_page_message.format(page_number=page_number, message=str(exc))
            ) from exc
        if paginator.num_pages > 1 and self.template is not None:
            # The browsable API should display pagination controls.
            self.display_page_controls = True
        return self.page.object_list

    def paginate_queryset(self, queryset, request, view=None):
        if self.page_of(queryset, request, view) is None:
            return None
        return list(self.page)
