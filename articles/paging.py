"""Pages of news that are found without counting the whole list."""

from django.http import Http404

# Beyond this the number is a typo or an attack, not a reader paging back.
LAST_PAGE_NUMBER = 100_000


class NewsPage:
    """One page of a list of news, newest first, with links to newer and
    older pages but no "page 3 of 500". It reads one row more than it shows
    to know whether an older page exists, instead of a COUNT(*) over the
    list: on the district portal that count covered every village's archive
    and was the one public query that grew with it.

    A bad ?page= shows page 1; a page past the end is 404."""

    def __init__(self, queryset, raw_number, per_page):
        self.number = self._number(raw_number)
        start = (self.number - 1) * per_page
        rows = list(queryset[start : start + per_page + 1])
        if not rows and self.number > 1:
            raise Http404("Halaman ini tidak ada.")
        self.object_list = rows[:per_page]
        self._more = len(rows) > per_page

    @staticmethod
    def _number(raw):
        try:
            number = int(raw)
        except (TypeError, ValueError):
            return 1
        if number > LAST_PAGE_NUMBER:
            raise Http404("Halaman ini tidak ada.")
        return max(number, 1)

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def has_next(self):
        return self._more

    def has_previous(self):
        return self.number > 1

    def has_other_pages(self):
        return self._more or self.number > 1

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1
