"""The Boltzmann page's URL parameters."""

from lessons.boltzmann.model import (
    DEFAULT_EPSILON_MEV,
    DEFAULT_LADDER_LEVELS,
    MAX_EPSILON_MEV,
    MAX_LADDER_LEVELS,
    MIN_EPSILON_MEV,
    SYSTEMS,
    UNITS,
)
from lessons.common.params import Param

SYSTEM = Param(
    "system", "boltzmann", "the physical system whose energy levels are shown", "choice",
    default="Two-level", choices=SYSTEMS,
)  # fmt: skip
ENERGY_UNITS = Param(
    "energy_units", "boltzmann", "the unit of energy (and of T) on the Boltzmann page", "choice",
    default="dimensionless", choices=UNITS, aliases=("units",),
)  # fmt: skip
EPSILON = Param(
    "epsilon", "boltzmann", "the size of the energy unit ε in meV", "number",
    default=DEFAULT_EPSILON_MEV, low=MIN_EPSILON_MEV, high=MAX_EPSILON_MEV,
)  # fmt: skip
LEVELS = Param(
    "levels", "boltzmann", "how many levels of the ladder are kept", "integer",
    default=DEFAULT_LADDER_LEVELS, low=2, high=MAX_LADDER_LEVELS,
)  # fmt: skip

PARAMS = (SYSTEM, ENERGY_UNITS, EPSILON, LEVELS)

# The parts of the page a teacher link may hide (hide=…), with what each shows.
SECTIONS = {
    "populations": "the energy levels with their populations, and the populations beside their T → 0 limit",
    "numbers": "Z, ln Z, F, U, S and C now, beside the dictionary from softmax to physics",
    "thermodynamics": "U, S and C against temperature, with the heat-capacity peak",
    "negative": "negative temperature: the populations against β and the population inversion",
    "max_entropy": "why the exponential: entropy against mean energy, maximum entropy",
}
