"""softmax_core: the numerical heart of Softmax Lab, in pure NumPy.

Softmax and its temperature, computed stably and exactly in the limits: the softmax family
(`functions`), its limits (`limits`), losses (`losses`), the textbook version that overflows
(`naive`), the Boltzmann distribution of statistical physics (`physics`), and reading and writing
the numbers a user types (`parsing`), softmax's alternatives (`alternatives`) and sampling from
it with Gumbel noise (`sampling`), and softmax action selection on the k-armed bandit (`bandit`).
"""

from .alternatives import NORMALIZERS, entmax15, logistic, normalize, sparsemax
from .bandit import Annealing, action_probabilities, agent_trace, testbed
from .distillation import distillation_grad, distillation_loss
from .functions import log_softmax, logsumexp, smooth_max, softmax, softmax_jacobian, softmax_sweep
from .limits import (
    argmax_onehot,
    argmin_onehot,
    distance_asymptote,
    distance_decay_rate,
    distance_to_limit,
    resolve_beta,
)
from .losses import cross_entropy, cross_entropy_grad, entropy, squared_error, squared_error_grad
from .naive import naive_exponentials, naive_softmax
from .parsing import format_number, parse_beta, parse_logits, parse_temperature
from .physics import (
    boltzmann,
    entropy_envelope,
    free_energy,
    heat_capacity,
    heat_capacity_peak,
    log_partition_function,
    mean_energy,
    partition_function,
    thermal_entropy,
)
from .sampling import gumbel_max_sample, gumbel_softmax

__all__ = [
    "NORMALIZERS",
    "Annealing",
    "action_probabilities",
    "agent_trace",
    "argmax_onehot",
    "argmin_onehot",
    "boltzmann",
    "cross_entropy",
    "cross_entropy_grad",
    "distance_asymptote",
    "distance_decay_rate",
    "distance_to_limit",
    "distillation_grad",
    "distillation_loss",
    "entmax15",
    "entropy",
    "entropy_envelope",
    "format_number",
    "free_energy",
    "gumbel_max_sample",
    "gumbel_softmax",
    "heat_capacity",
    "heat_capacity_peak",
    "log_partition_function",
    "log_softmax",
    "logistic",
    "logsumexp",
    "mean_energy",
    "naive_exponentials",
    "naive_softmax",
    "normalize",
    "parse_beta",
    "parse_logits",
    "parse_temperature",
    "partition_function",
    "resolve_beta",
    "smooth_max",
    "softmax",
    "softmax_jacobian",
    "softmax_sweep",
    "sparsemax",
    "squared_error",
    "squared_error_grad",
    "testbed",
    "thermal_entropy",
]
