"""Static files: WhiteNoise's compressed, hashed storage, with a brotli quality to choose.

WhiteNoise compresses every file with brotli at its highest quality (11), which takes
seconds per megabyte: a minute or more of collectstatic for the portal's files. Quality 9
is twenty times faster and the files only a few per cent larger, so that is the default;
the container image, built once, uses 11 (STATIC_BROTLI_QUALITY).
"""

from django.conf import settings
from whitenoise.compress import Compressor
from whitenoise.storage import CompressedManifestStaticFilesStorage


class _QualityCompressor(Compressor):
    def compress_brotli(self, data: bytes) -> bytes:
        import brotli

        return brotli.compress(data, quality=settings.STATIC_BROTLI_QUALITY)


class CompressedStaticFilesStorage(CompressedManifestStaticFilesStorage):
    def create_compressor(self, **kwargs) -> Compressor:
        return _QualityCompressor(**kwargs)
