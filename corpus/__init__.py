"""Synthetic Vietnamese administrative plans with known answers (gold plan records).

`python -m corpus.generate --n 200 --seed 7 --formats txt,md,docx,pdf,scan --out DIR`
See corpus/README.md.
"""
