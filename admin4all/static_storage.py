"""The storage of the static files in production: WhiteNoise's hashed names and
compressed copies, gzip only.

WhiteNoise also writes Brotli copies whenever the brotli module is installed, and
WeasyPrint brings it (for its fonts). At Brotli's highest quality the API docs' large
scripts take minutes: collectstatic took 104 s instead of 6 s on these 2-core machines,
at every deployment and in the static-files tests.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class GzipManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    def create_compressor(self, **kwargs):
        return super().create_compressor(**kwargs, use_brotli=False)
