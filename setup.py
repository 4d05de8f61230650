"""Builds the optional C scoring kernel; everything else is in pyproject.toml."""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "retrieval._kernel",
            sources=["retrieval/_kernel.c"],
            extra_compile_args=["-O3", "-ffp-contract=off"],  # the same rounding as numpy
            optional=True,  # without a compiler, retrieval falls back to numpy
        )
    ]
)
