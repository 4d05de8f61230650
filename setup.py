"""Builds the optional C extensions (scoring kernel, tokenizer); the rest is in pyproject.toml."""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "retrieval._kernel",
            sources=["retrieval/_kernel.c"],
            extra_compile_args=["-O3", "-ffp-contract=off"],  # the same rounding as numpy
            optional=True,  # without a compiler, retrieval falls back to numpy
        ),
        Extension(
            "retrieval._scan",
            sources=["retrieval/_scan.c"],
            extra_compile_args=["-O3"],
            optional=True,  # without a compiler, Analyzer.scan runs in Python
        ),
    ]
)
