"""Fails while importing, as a plugin module with a typo in one of its own imports would."""

import ton_module_that_does_not_exist  # noqa: F401
