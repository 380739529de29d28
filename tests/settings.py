"""Test settings: the production settings plus a throwaway secret key when none is set."""

from django.core.management.utils import get_random_secret_key

from archive.settings import *  # noqa: F403
from archive.settings import SECRET_KEY

SECRET_KEY = SECRET_KEY or get_random_secret_key()
