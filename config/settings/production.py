"""Production: PostgreSQL via DATABASE_URL, HTTPS (terminated by the reverse proxy), Redis for Huey.
Every value that has to be chosen by the operator must come from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import REDIS_URL, env_bool

try:
    SECRET_KEY = os.environ["SECRET_KEY"]
except KeyError as exc:
    raise ImproperlyConfigured("生产环境必须设置环境变量 SECRET_KEY") from exc

try:
    FIELD_ENCRYPTION_KEY = os.environ["FIELD_ENCRYPTION_KEY"]
except KeyError as exc:
    raise ImproperlyConfigured(
        "生产环境必须设置环境变量 FIELD_ENCRYPTION_KEY（身份证号等敏感字段的加密密钥）"
    ) from exc

DEBUG = False
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# The cache (portal pages, catalogue generation, flow charts) is shared through Redis, so several
# application servers see one publish at once. Without REDIS_URL the file cache in data/ (base)
# serves the workers of one machine.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "lianjing",
            "TIMEOUT": 300,
        }
    }
