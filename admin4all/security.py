"""Helpers for the security settings; imported by settings, so nothing from Django here."""

from urllib.parse import urlsplit


def tile_sources(tile_url: str) -> list[str]:
    """The Content-Security-Policy source of a map tile URL template, if one is set:
    "https://{s}.tiles.example.org/{z}/{x}/{y}.png" → ["https://*.tiles.example.org"]."""
    if not tile_url:
        return []
    parts = urlsplit(tile_url)
    host = parts.netloc.replace("{s}", "*")
    return [f"{parts.scheme}://{host}"]
