"""The anchor for `mlops bench search`'s surface comparison: Optuna's TPESampler with its SuccessiveHalvingPruner on
the score surface a real grid measured (src/Mlops.Bench/Benchmarks/Search/GridSurface.cs writes it as JSON), exactly
as SurfaceSearch.cs runs ours: log-uniform lr in [1e-5, 5e-4] and class weighting off/on, TRIALS trials one at a time
with N_STARTUP startup trials, each reporting after every epoch, pruned by SuccessiveHalvingPruner(min_resource=1,
reduction_factor=3); a trial's nonzero scores carry one Gaussian offset of sd NOISE_SD. For seeds 0 to SEEDS-1, prints
one JSON line: the trial-epochs spent when the best score first reached TARGET (null when it never did).

usage: /usr/bin/python3 bench/optuna_search_surface.py SURFACE_JSON TARGET TRIALS N_STARTUP NOISE_SD SEEDS [multivariate]
"""
import json
import math
import random
import sys
import time
import warnings

import optuna


def score(surface, lr, weighted, epoch):
    logs = [math.log(r) for r in surface["learning_rates"]]
    rows = surface["weighted" if weighted else "unweighted"]
    x = math.log(lr)
    if x <= logs[0]:
        return rows[0][epoch - 1]
    if x >= logs[-1]:
        return rows[-1][epoch - 1]
    i = max(k for k, v in enumerate(logs) if v <= x)
    t = (x - logs[i]) / (logs[i + 1] - logs[i])
    return rows[i][epoch - 1] + t * (rows[i + 1][epoch - 1] - rows[i][epoch - 1])


def reached_at(surface, target, trials, startup, noise_sd, seed, multivariate):
    epochs = len(surface["weighted"][0])
    noise = random.Random(seed)
    state = {"spent": 0, "reached": None}

    def objective(trial):
        lr = trial.suggest_float("training.lr", 1e-5, 5e-4, log=True)
        weighted = trial.suggest_categorical("model.balance_classes", [False, True])
        offset = noise.gauss(0.0, noise_sd)
        value = 0.0
        for epoch in range(1, epochs + 1):
            raw = score(surface, lr, weighted, epoch)
            value = 0.0 if raw == 0 else raw + offset
            state["spent"] += 1
            if value >= target and state["reached"] is None:
                state["reached"] = state["spent"]
                trial.study.stop()
            trial.report(value, epoch)
            if epoch < epochs and trial.should_prune():
                raise optuna.TrialPruned()
        return value

    sampler = optuna.samplers.TPESampler(seed=seed, n_startup_trials=startup, multivariate=multivariate)
    pruner = optuna.pruners.SuccessiveHalvingPruner(min_resource=1, reduction_factor=3)
    study = optuna.create_study(direction="maximize", sampler=sampler, pruner=pruner)
    study.optimize(objective, n_trials=trials)
    return state["reached"]


def main():
    path, target, trials, startup, noise_sd, seeds = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
    multivariate = sys.argv[7:] == ["multivariate"]
    with open(path) as f:
        surface = json.load(f)
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
    start = time.perf_counter()
    reached = [reached_at(surface, target, trials, startup, noise_sd, seed, multivariate) for seed in range(seeds)]
    engine = f"Optuna {optuna.__version__} TPESampler" + ("(multivariate=True)" if multivariate else "") + " + SuccessiveHalvingPruner"
    print(json.dumps({"engine": engine, "reached": reached, "seconds": time.perf_counter() - start}))


if __name__ == "__main__":
    main()
