from bench.targets import Target

TARGETS = [
    Target("members list (staff)", "/membres/", viewer="staff.bamako"),
    Target("inbox (youth)", "/notifications/", viewer="youth.bamako.01"),
    Target("API members (staff)", "/api/v1/members/", viewer="staff.bamako", html=False),
]
