class BaseSmsBackend:
    """A backend sends one `TextMessage` and says whether the provider accepted it; it never raises."""

    def send(self, message) -> bool:
        raise NotImplementedError
