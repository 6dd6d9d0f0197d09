"""French date formats of the platform (FORMAT_MODULE_PATH), on top of Django's: short dates read as people
write them on a phone ("lun. 7 déc."); `{{ value|day }}` and `{{ value|day_time }}` use them."""

DAY_FORMAT = "D. j N"  # lun. 7 déc.
DAY_TIME_FORMAT = "D. j N, H\\hi"  # lun. 7 déc., 14h30
