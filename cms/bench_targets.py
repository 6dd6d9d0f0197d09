from bench.targets import Target

TARGETS = [
    Target("activity index (visitor)", "/imaj-mali/activites/"),
    Target("activity index (youth)", "/imaj-mali/activites/", viewer="youth.bamako.01"),
    Target("activity page (youth)", "/imaj-mali/activites/demo-activite-01/", viewer="youth.bamako.01"),
    Target("activity page (visitor)", "/imaj-mali/activites/demo-activite-00/"),
    Target("API activities", "/api/v1/activities/", viewer="youth.bamako.01", html=False),
]
