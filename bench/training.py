"""Training time of a bot: cold, then after a one-line NLU change, on a copy with its own empty cache."""

import re
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from bench.progress import Progress
from bench.servers import MB, env_for_bench, run_logged
from harness.bot_servers import BIN, LOGS


def add_nlu_example(path: Path, intent: str, example: str) -> None:
    """The one-line NLU change: one more example under `intent`, indented like its neighbours."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for number, line in enumerate(lines):
        if re.match(rf"^\s*-\s*intent:\s*{re.escape(intent)}\s*$", line):
            for after in range(number + 1, len(lines)):
                match = re.match(r"^(\s*)-\s", lines[after])
                if match:
                    lines.insert(after, f"{match.group(1)}- {example}\n")
                    path.write_text("".join(lines), encoding="utf-8")
                    return
    raise ValueError(f"no examples of intent {intent!r} in {path}")


def measure_training(key: str, source: Path, parts: Sequence[str], nlu_file: str, progress: Progress) -> dict:
    """Cold training of a copy in a temp dir (own, empty .rasa cache), then again after a one-line NLU change."""
    work = Path(tempfile.mkdtemp(prefix=f"bench-train-{key}-"))
    try:
        for part in parts:
            src = source / part
            if src.is_dir():
                shutil.copytree(src, work / part, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            else:
                shutil.copy2(src, work / part)
        env = env_for_bench(5055, {"RASA_CACHE_DIRECTORY": str(work / ".rasa" / "cache")})
        command = [str(BIN / "rasa"), "train", "--fixed-model-name", "model", "--out", str(work / "models")]
        progress.begin(f"{key}: training, cold (empty cache)")
        cold = run_logged(command, work, env, LOGS / f"bench-train-{key}-cold.log", progress, "rasa train")
        size = (work / "models" / "model.tar.gz").stat().st_size
        progress.end(f"{cold:.0f} s, model {size / MB:.1f} MB")
        progress.begin(f"{key}: training after a one-line NLU change")
        add_nlu_example(work / nlu_file, "greet", "hello there bench")
        warm = run_logged(command, work, env, LOGS / f"bench-train-{key}-nlu-change.log", progress, "rasa train")
        progress.end(f"{warm:.0f} s")
        return {"cold_s": round(cold, 1), "nlu_change_s": round(warm, 1), "trained_model_bytes": size}
    finally:
        shutil.rmtree(work, ignore_errors=True)
