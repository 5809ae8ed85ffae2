"""Production: every secret from the environment, no defaults, HTTPS only."""

from .base import *  # noqa: F403
from .base import env

# No defaults: a missing variable must stop the process, not run it insecurely.
SECRET_KEY = env.str("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
DATABASES = {"default": env.db("DATABASE_URL")}
DEBUG = False

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# Alert digests go out by SMTP: EMAIL_URL=smtp+tls://user:password@host:587.
vars().update(env.email_url("EMAIL_URL", default="smtp://localhost:25"))
