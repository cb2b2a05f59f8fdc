"""The type aliases of the core's annotations, spelled once.

Private: the public functions take ``numpy.typing.ArrayLike`` and return these. NumPy's own
reductions return a NumPy scalar for a single result, and so do the core's: a function reducing one
vector (or taking one number kT) returns ``numpy.float64``, a batch an array.
"""

from __future__ import annotations

from typing import TypeAlias

import numpy as np
from numpy.typing import NDArray

#: float64 values, the core's arrays of logits, probabilities and energies.
FloatArray: TypeAlias = NDArray[np.float64]
#: True/False per entry: the masks of ties, infinite entries and dead slices.
BoolArray: TypeAlias = NDArray[np.bool_]
#: One value per vector (or per kT): a NumPy scalar for one, an array for many.
FloatOrArray: TypeAlias = np.float64 | NDArray[np.float64]
