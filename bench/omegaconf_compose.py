"""The anchor for `mlops bench config`: Hydra's composition done with OmegaConf, Hydra's config engine.

Hydra itself is not packaged for Debian; OmegaConf is (python3-omegaconf). This script does what
Hydra's config loader does for our configs/: load the primary config, walk its defaults list
(nested defaults and `_self_` included), merge each group option under its package, apply the
command-line overrides as a dotlist, and resolve every interpolation (with Hydra's `now` resolver).
It prints one JSON line, like the .NET side.

usage: /usr/bin/python3 bench/omegaconf_compose.py CONFIG_DIR ITERATIONS [key=value ...]
"""
import json
import os
import sys
import time
from datetime import datetime

start_process = time.perf_counter()
from omegaconf import OmegaConf  # noqa: E402  (import time is part of the cold cost)

OmegaConf.register_new_resolver("now", lambda pattern: datetime.now().strftime(pattern), replace=True)

BASELINE = {"mlops": {"run": {"dir": "outputs/${now:%Y-%m-%d}/${now:%H-%M-%S}", "latest": "outputs/latest"},
                      "sweep": {"dir": "multirun/${now:%Y-%m-%d}/${now:%H-%M-%S}", "subdir": "${mlops.job.num}"},
                      "job": {"num": 0, "override_dirname": ""}}}


def load(root, name):
    return OmegaConf.load(os.path.join(root, name + ".yaml"))


def compose_into(target, root, name, package, choices):
    own = load(root, name)
    defaults = list(own.pop("defaults", []))
    if "_self_" not in defaults:
        defaults.append("_self_")
    folder = os.path.dirname(name)
    for entry in defaults:
        if entry == "_self_":
            target = merge_at(target, package, own)
        elif isinstance(entry, str):
            target = compose_into(target, root, os.path.join(folder, entry), package, choices)
        else:
            (group, option), = entry.items()
            full = os.path.join(folder, group)
            option = choices.get(full, option)
            if option is not None:
                sub_package = ".".join(p for p in (package, group.replace("/", ".")) if p)
                target = compose_into(target, root, f"{full}/{option}", sub_package, choices)
    return target


def merge_at(target, package, values):
    if package:
        for key in reversed(package.split(".")):
            values = {key: values}
    return OmegaConf.merge(target, values)


def compose(root, overrides):
    groups = {k: v for k, v in (o.split("=", 1) for o in overrides) if os.path.isdir(os.path.join(root, k))}
    values = [o for o in overrides if o.split("=", 1)[0] not in groups]
    cfg = compose_into(OmegaConf.create(BASELINE), root, "config", "", groups)
    OmegaConf.set_struct(cfg, True)
    cfg = OmegaConf.merge(cfg, OmegaConf.from_dotlist(values))
    return OmegaConf.to_container(cfg, resolve=True)


def main():
    root, iterations, overrides = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    t0 = time.perf_counter()
    compose(root, overrides)
    first_ms = (time.perf_counter() - t0) * 1000
    times = []
    for _ in range(iterations):
        t = time.perf_counter()
        compose(root, overrides)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    print(json.dumps({
        "engine": f"OmegaConf {__import__('omegaconf').__version__} (Python {sys.version.split()[0]})",
        "first_ms": round(first_ms, 3),
        "warm_median_ms": round(times[len(times) // 2], 3) if times else None,
        "process_to_first_ms": round((time.perf_counter() - start_process) * 1000 - sum(times), 1),
    }))


if __name__ == "__main__":
    main()
