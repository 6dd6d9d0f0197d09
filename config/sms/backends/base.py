from abc import ABC, abstractmethod


class BaseSmsBackend(ABC):
    """A backend sends one `TextMessage` and says whether the provider accepted it; it never raises."""

    @abstractmethod
    def send(self, message) -> bool: ...
