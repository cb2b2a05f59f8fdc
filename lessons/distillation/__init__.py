"""The Distillation page: a small student learns from a teacher's soft targets at temperature T."""
