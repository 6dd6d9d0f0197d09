"""Demo content of the cms app (called by `manage.py seed_demo`)."""

from cms.setup import ensure_site_tree

ASSOCIATION_NAME = "Association des jeunes — SOS Villages d'Enfants Mali"
INTRO = (
    "L'association des jeunes du programme IMAJ à Bamako, Kita, Mopti et Sanankoroba : "
    "nos activités, nos décisions et nos événements."
)


def seed(log) -> None:
    ensure_site_tree(site_name=ASSOCIATION_NAME, title=ASSOCIATION_NAME, intro=INTRO)
    log("cms: home page ready")
