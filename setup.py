"""Build script for the compiled core of the cruft stage; the project's metadata is in pyproject.toml.

The extension is optional: where it cannot be compiled, the package runs its pure-Python twin
(same results, slower; see cleaner/cruft/measure.py).
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "cleaner.cruft._core",
            ["cleaner/cruft/_core.c"],
            # No fused multiply-add: the feature table must equal numpy's to the bit.
            extra_compile_args=["-O3", "-ffp-contract=off"],
            optional=True,
        )
    ]
)
