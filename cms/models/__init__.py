"""Models of the cms app: Wagtail page types (home, association, activity index, activity, standard page),
the activity photo gallery and members' comments."""

from cms.models.comments import Comment
from cms.models.pages import (
    ActivityIndexPage,
    ActivityPage,
    ActivityPhoto,
    AssociationPage,
    HomePage,
    StandardPage,
    Theme,
    Visibility,
)

__all__ = [
    "ActivityIndexPage",
    "ActivityPage",
    "ActivityPhoto",
    "AssociationPage",
    "Comment",
    "HomePage",
    "StandardPage",
    "Theme",
    "Visibility",
]
