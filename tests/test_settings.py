"""Production mode: refuses to start without its secrets, and passes Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INHERITED_OUT = {
    "SECRET_KEY",
    "BALLOT_KEY",
    "BALLOT_MIX_SIZE",
    "ALLOWED_HOSTS",
    "DJANGO_ENV",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DJANGO_DEBUG",
}
STRONG_KEY = "k8#Qz!v2@Lm9$Wr4^Tp7&Yx1*Nb6(Hd3)Fs5-Gj0=Uc8+Ea2_Rw3%Vn5~Zq7"
BALLOT_KEY = "Xq3-ballot-key-for-the-production-checks-only-7Yw2"


def run(args, **env):
    clean = {k: v for k, v in os.environ.items() if k not in INHERITED_OUT}
    clean.update(env)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True, check=False, timeout=120
    )


def test_deploy_check_passes_in_production():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_ENV="production",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="ton.example.org",
        BALLOT_KEY=BALLOT_KEY,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_a_missing_or_weak_ballot_key():
    base = {"DJANGO_ENV": "production", "SECRET_KEY": STRONG_KEY, "ALLOWED_HOSTS": "ton.example.org"}
    missing = run(["manage.py", "check"], **base)
    assert missing.returncode != 0 and "BALLOT_KEY is required" in missing.stderr
    reused = run(["manage.py", "check"], **base, BALLOT_KEY=STRONG_KEY)
    assert reused.returncode != 0 and "distinct from SECRET_KEY" in reused.stderr
    tiny_mix = run(["manage.py", "check"], **base, BALLOT_KEY=BALLOT_KEY, BALLOT_MIX_SIZE="1")
    assert tiny_mix.returncode != 0 and "BALLOT_MIX_SIZE" in tiny_mix.stderr


def test_production_refuses_to_start_without_secret_key():
    result = run(["manage.py", "check"], DJANGO_ENV="production", ALLOWED_HOSTS="ton.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run(["manage.py", "check"], DJANGO_ENV="production", SECRET_KEY=STRONG_KEY)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is required" in result.stderr


def test_redis_url_switches_channel_layer_and_cache():
    code = (
        "import django.conf as c, os;"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE','config.settings');"
        "s=c.settings;"
        "print(s.CHANNEL_LAYERS['default']['BACKEND']);print(s.CACHES['default']['BACKEND']);"
        "print(s.DATABASES['default']['ENGINE'])"
    )
    result = run(
        ["-c", code], REDIS_URL="redis://127.0.0.1:6379/0", DATABASE_URL="postgres://postgres@127.0.0.1:5432/ton"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "channels_redis.core.RedisChannelLayer",
        "config.cache.FailSafeRedisCache",
        "django.db.backends.postgresql",
    ]


def test_defaults_need_no_service():
    code = (
        "import django.conf as c, os;"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE','config.settings');"
        "s=c.settings;"
        "print(s.CHANNEL_LAYERS['default']['BACKEND']);print(s.CACHES['default']['BACKEND']);"
        "print(s.DATABASES['default']['ENGINE']);print(s.EMAIL_BACKEND);print(s.DEBUG)"
    )
    env = {k: "" for k in ("REDIS_URL", "DATABASE_URL")}
    result = run(["-c", code], **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "channels.layers.InMemoryChannelLayer",
        "django.core.cache.backends.locmem.LocMemCache",
        "django.db.backends.sqlite3",
        "django.core.mail.backends.console.EmailBackend",
        "False",
    ]
