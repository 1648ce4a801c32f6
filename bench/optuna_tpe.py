"""The anchor for `mlops bench tpe`: Optuna's TPESampler (defaults, or multivariate=True) on the benchmark's test functions.

The functions are those of src/Mlops.Bench/Benchmarks/Search/TestFunctions.cs: Branin, Hartmann-6, and a 3-D sum of
squares observed with Gaussian noise of sd 0.1 (its best value is the noiseless value of the trial whose observed
value was best). Trials run one after another, seeds 0 to SEEDS-1 (TPESampler(seed=seed)). Prints one JSON line:
the best value per seed and the seconds the searches took (Optuna's import not counted).

usage: /usr/bin/python3 bench/optuna_tpe.py FUNCTION TRIALS SEEDS [multivariate]
"""
import json
import math
import random
import sys
import time
import warnings

import optuna

HARTMANN_ALPHA = [1.0, 1.2, 3.0, 3.2]
HARTMANN_A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
HARTMANN_P = [[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
              [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]]


def branin(x):
    b, c, t = 5.1 / (4 * math.pi ** 2), 5 / math.pi, 1 / (8 * math.pi)
    return (x[1] - b * x[0] ** 2 + c * x[0] - 6) ** 2 + 10 * (1 - t) * math.cos(x[0]) + 10


def hartmann6(x):
    return -sum(HARTMANN_ALPHA[i] * math.exp(-sum(HARTMANN_A[i][j] * (x[j] - 1e-4 * HARTMANN_P[i][j]) ** 2 for j in range(6)))
                for i in range(4))


def quadratic(x):
    return sum(v * v for v in x)


FUNCTIONS = {
    "branin": ([-5.0, 0.0], [10.0, 15.0], 0.0, branin),
    "hartmann6": ([0.0] * 6, [1.0] * 6, 0.0, hartmann6),
    "noisy-quadratic": ([-5.0] * 3, [5.0] * 3, 0.1, quadratic),
}


def best_value(name, trials, seed, multivariate):
    low, high, noise_sd, function = FUNCTIONS[name]
    noise = random.Random(seed)
    best = {"observed": math.inf, "value": math.nan}

    def objective(trial):
        x = [trial.suggest_float(f"x{i}", low[i], high[i]) for i in range(len(low))]
        value = function(x)
        observed = value + noise_sd * noise.gauss(0.0, 1.0)
        if observed < best["observed"]:
            best.update(observed=observed, value=value)
        return observed

    study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=seed, multivariate=multivariate))
    study.optimize(objective, n_trials=trials)
    return best["value"]


def main():
    name, trials, seeds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    multivariate = sys.argv[4:] == ["multivariate"]
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
    start = time.perf_counter()
    best = [best_value(name, trials, seed, multivariate) for seed in range(seeds)]
    engine = f"Optuna {optuna.__version__} TPESampler" + ("(multivariate=True)" if multivariate else "")
    print(json.dumps({"engine": engine, "best": best, "seconds": time.perf_counter() - start}))


if __name__ == "__main__":
    main()
