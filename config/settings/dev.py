"""Local development: debug pages, console email."""

from config.env import default_database

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DATABASES = {"default": default_database()}
