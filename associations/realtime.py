"""Names of the channel-layer groups of the members side."""


def user_group(user_id: int) -> str:
    return f"user-{user_id}"
