"""HTML views of the cms app (pages themselves are served by Wagtail, see cms.models)."""
