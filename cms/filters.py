"""The activity list's query string, read once for the page and the API: an unknown value is ignored
rather than refused, so a stale bookmark still opens the list."""

from django import forms

from cms.choices import Theme


class ActivityFilters(forms.Form):
    q = forms.CharField(required=False, strip=True)
    section = forms.SlugField(required=False)
    theme = forms.ChoiceField(choices=Theme.choices, required=False)
    year = forms.IntegerField(min_value=1901, max_value=2999, required=False)

    def chosen(self) -> dict:
        """Each valid value, or its empty default ("" for text, None for the year)."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "query": (data.get("q") or "")[:100],
            "section": data.get("section") or "",
            "theme": data.get("theme") or "",
            "year": data.get("year"),
        }
