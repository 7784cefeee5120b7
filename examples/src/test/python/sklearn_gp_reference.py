#!/usr/bin/env python3
"""Writes the scikit-learn reference that GaussianProcessTest compares chainrule's `gp` example with.

Run once where scikit-learn is installed (Debian: apt-get install python3-sklearn), from the repo root:
    /usr/bin/python3 examples/src/test/python/sklearn_gp_reference.py > examples/src/test/resources/gp/sklearn_reference.json
The kernel is that of scikit-learn's Mauna Loa CO2 example (long-term RBF + seasonal RBF x ExpSineSquared with
the period fixed at one year + RationalQuadratic + short-term RBF + white noise), on the monthly record shipped
with the examples (521 months, 1958-03 to 2001-12), y minus its mean, normalize_y=False. For the whole record and
for every 4th month it keeps: the log marginal likelihood and its gradient (w.r.t. the log hyperparameters, in
sklearn's theta order) at the starting hyperparameters, and sklearn's optimum (L-BFGS-B, one start) with its
log marginal likelihood and fit time.
"""
import json
import time

import numpy as np
import sklearn
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import RBF, ExpSineSquared, RationalQuadratic, WhiteKernel

DATA = "examples/src/main/resources/dev/chainrule/examples/data/co2_mauna_loa_monthly.csv"


def kernel():
    long_term = 50.0 ** 2 * RBF(length_scale=50.0)
    seasonal = 2.0 ** 2 * RBF(length_scale=100.0) * ExpSineSquared(length_scale=1.0, periodicity=1.0,
                                                                    periodicity_bounds="fixed")
    irregular = 0.5 ** 2 * RationalQuadratic(length_scale=1.0, alpha=1.0)
    noise = 0.1 ** 2 * RBF(length_scale=0.1) + WhiteKernel(noise_level=0.1 ** 2, noise_level_bounds=(1e-5, 1e5))
    return long_term + seasonal + irregular + noise


def case(x, y):
    k = kernel()
    gp0 = GaussianProcessRegressor(kernel=k, normalize_y=False, optimizer=None).fit(x, y)
    lml0, grad0 = gp0.log_marginal_likelihood(k.theta, eval_gradient=True)
    t0 = time.perf_counter()
    gp = GaussianProcessRegressor(kernel=k, normalize_y=False).fit(x, y)
    seconds = time.perf_counter() - t0
    theta = gp.kernel_.theta
    return {
        "n": len(y),
        "theta_names": [h.name for h in k.hyperparameters if not h.fixed],
        "theta0": k.theta.tolist(), "lml0": float(lml0), "grad0": grad0.tolist(),
        "theta": theta.tolist(), "lml": float(gp.log_marginal_likelihood_value_),
        "kernel": str(gp.kernel_), "fit_seconds": seconds,
    }


if __name__ == "__main__":
    data = np.loadtxt(DATA, delimiter=",", comments="#", skiprows=4)
    x_all, y_all = data[:, :1], data[:, 1]
    out = {"sklearn": sklearn.__version__, "numpy": np.__version__}
    for name, step in (("every4", 4), ("full", 1)):
        x, y = x_all[::step], y_all[::step]
        out[name] = case(x, y - y.mean())
    print(json.dumps(out, indent=1))
