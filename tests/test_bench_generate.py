"""bench/generate.py writes articles with PostgreSQL's COPY, column by
column, outside the ORM: a new Article column without a database default
breaks it, and nothing else in the suite runs it."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_load_benchmarks_generator_fills_a_fresh_postgresql(tmp_path):
    env = {
        **os.environ,
        "SECRET_KEY": "test-only-generator-key",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "KIM_BASE_DOMAIN": "localhost",
        "CACHE_URL": "locmem://",
    }
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        ["bash", "tests/with_postgres.sh", sys.executable, "bench/generate.py", "--villages", "2", "--articles", "3"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Done in" in done.stdout and ": 6 articles" in done.stdout
